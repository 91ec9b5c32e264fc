package io.realtimepipelines.tools.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.tools.CommandLine;
import io.realtimepipelines.tools.InputFiles;
import io.realtimepipelines.recommend.RecommendConfig;
import io.realtimepipelines.recommend.RecommendModel;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The {@code evaluate-recs} command: scores the {@code recommend} job's session lists on the
 * clicks they were computed from ({@link RecommendEvaluation}), or, without {@code --recs}, the
 * lists of the plain-Java reference model run in-process with {@code --config} (the same lists
 * the job publishes; a quick way to try a configuration).
 *
 * <pre>
 * rtp evaluate-recs --clicks=/tmp/rec/clicks.jsonl --recs=/tmp/rec/out/recommend/session-recs
 * rtp evaluate-recs --clicks=/tmp/rec/clicks.jsonl --config=my-recommend.json
 * </pre>
 */
public final class EvaluateRecs {
  /** Subcommand name. */
  public static final String COMMAND = "evaluate-recs";

  private static final ObjectMapper JSON = new ObjectMapper();

  private EvaluateRecs() {}

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (CommandLine.wantsHelp(args)) {
      out.println("usage: rtp " + COMMAND + " --clicks=<clicks.jsonl[.gz]>"
          + " [--recs=<session-recs folder|file|glob>] [--config=<recommend.json>] [--k=10]");
      out.println("Hit rate@k, MRR@k and purchase recall@k of session recommendations against the"
          + " next clicks, with global and category popularity baselines. Without --recs the"
          + " reference model computes the lists from --config (default: the shipped rules).");
      return 0;
    }
    Path clicksFile;
    String recs;
    RecommendConfig config;
    int k;
    try {
      CommandLine cl = CommandLine.parse(COMMAND, args, List.of("clicks", "recs", "config", "k"));
      clicksFile = cl.existingFile("clicks", "clicks.jsonl");
      recs = cl.optional("recs");
      String configFile = cl.optional("config");
      if (recs != null && configFile != null) {
        throw new IllegalArgumentException("--config applies to the model run: drop it with --recs");
      }
      config = configFile == null ? RecommendConfig.defaults() : config(Paths.get(configFile));
      k = (int) cl.longValue("k", 10, 1, 100);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return CommandLine.USAGE;
    }
    try {
      List<ClickEvent> clicks = readClicks(clicksFile);
      Map<String, List<String>> lists =
          recs != null
              ? readLists(recs)
              : RecommendEvaluation.ids(RecommendModel.run(clicks, config).getSessionRecs());
      RecommendEvaluation.Report report = RecommendEvaluation.evaluate(clicks, lists, k);
      out.printf(Locale.ROOT, "%s: %,d lists from %s%n%n", COMMAND, lists.size(),
          recs != null ? recs : "the reference model, config " + config.version);
      out.print(report.table());
      return 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println(COMMAND + " failed: " + e.getMessage());
      return CommandLine.FAILED;
    }
  }

  static RecommendConfig config(Path file) {
    try {
      return RecommendConfig.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --config=" + file + ": " + e.getMessage(), e);
    } catch (RecommendConfig.InvalidRecommendConfigException e) {
      throw new IllegalArgumentException(
          "--config=" + file + " is invalid:\n  " + String.join("\n  ", e.problems()), e);
    }
  }

  /**
   * The clicks of a JSON Lines file that the job would accept: valid (as its validation step
   * decides) and each event id once (the first).
   */
  public static List<ClickEvent> readClicks(Path file) throws IOException {
    RecordDecoder<ClickEvent> decoder =
        new RecordDecoder<>(EventType.CLICK, 262_144, Duration.standardDays(365L * 100));
    Instant now = Instant.now();
    List<ClickEvent> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (BufferedReader in = reader(file)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        try {
          ClickEvent c = decoder.decode(line.getBytes(StandardCharsets.UTF_8), now);
          if (ids.add(c.getEventId())) {
            out.add(c);
          }
        } catch (ValidationException e) {
          // a dead letter in the job; not part of what it recommends from
        }
      }
    }
    return out;
  }

  /** The product ids of every list in the job's session-recs output, by triggering click. */
  public static Map<String, List<String>> readLists(String spec) throws IOException {
    Map<String, List<String>> out = new HashMap<>();
    for (Path f : InputFiles.resolve("recs", spec)) {
      try (BufferedReader in = reader(f)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode n = JSON.readTree(line);
          List<String> ids = new ArrayList<>();
          for (JsonNode r : n.path("recommendations")) {
            ids.add(r.path("productId").asText());
          }
          out.put(n.path("eventId").asText(), ids);
        }
      }
    }
    return out;
  }

  private static BufferedReader reader(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
