package io.realtimepipelines.tools.recommend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.recommend.RecommendConfig;
import io.realtimepipelines.recommend.RecommendModel;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import io.realtimepipelines.tools.Tools;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.joda.time.Duration;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code evaluate-recs} command: scores the {@code recommend} job's session lists on the clicks
 * they were computed from ({@link RecommendEvaluation}), or, without {@code --recs}, the lists of
 * the plain-Java reference model run in-process with {@code --config} (the same lists the job
 * publishes; a quick way to try a configuration).
 *
 * <pre>
 * rtp evaluate-recs --clicks=/tmp/rec/clicks.jsonl --recs=/tmp/rec/out/recommend/session-recs
 * rtp evaluate-recs --clicks=/tmp/rec/clicks.jsonl --config=my-recommend.json
 * </pre>
 */
public final class EvaluateRecs {
  /** Subcommand name. */
  public static final String COMMAND = "evaluate-recs";

  private static final ObjectReader SESSION_RECS = new ObjectMapper().readerFor(SessionRecs.class);

  /**
   * A line of the job's session-recs output: the triggering click and its list; other fields are
   * skipped unread. A missing id reads as "" and a missing list as empty, as before.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SessionRecs(String eventId, List<Recommendation> recommendations) {}

  /** One product of a list. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Recommendation(String productId) {}

  private EvaluateRecs() {}

  /** {@code rtp evaluate-recs}: the quality table of session recommendations. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code evaluate-recs}. */
  @Command(
      name = COMMAND,
      description =
          "hit rate, MRR and purchase recall of session recommendations vs popularity baselines",
      footer = {
        "",
        "Hit rate@k, MRR@k and purchase recall@k of session recommendations against the"
            + " next clicks, with global and category popularity baselines. Without --recs the"
            + " reference model computes the lists from --config (default: the shipped rules).",
        "Exit codes: 0 report printed, 1 reading failed, 2 wrong command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--clicks",
        required = true,
        paramLabel = "<path>",
        description = "the clicks the lists were made from (.jsonl or .jsonl.gz)")
    Path clicks;

    @Option(
        names = "--recs",
        paramLabel = "<path>",
        description = "the job's session-recs output: a file, a folder or a glob")
    String recs;

    @Option(
        names = "--config",
        paramLabel = "<recommend.json>",
        description = "settings of the reference model run (without --recs)")
    Path config;

    @Option(
        names = "--k",
        paramLabel = "<k>",
        defaultValue = "10",
        description = "list length evaluated (1 to 100; default ${DEFAULT-VALUE})")
    int k;

    @Override
    protected int execute() throws IOException {
      existingFile("clicks", clicks);
      if (recs != null && config != null) {
        throw new IllegalArgumentException(
            "--config applies to the model run: drop it with --recs");
      }
      RecommendConfig settings = config == null ? RecommendConfig.defaults() : config(config);
      inRange("k", k, 1, 100);
      try {
        List<ClickEvent> events = readClicks(clicks);
        Map<String, List<String>> lists =
            recs != null
                ? readLists(recs)
                : RecommendEvaluation.ids(RecommendModel.run(events, settings).getSessionRecs());
        RecommendEvaluation.Report report = RecommendEvaluation.evaluate(events, lists, k);
        out.printf(
            Locale.ROOT,
            "%s: %,d lists from %s%n%n",
            COMMAND,
            lists.size(),
            recs != null ? recs : "the reference model, config " + settings.version);
        out.print(report.table());
        return 0;
      } catch (IllegalArgumentException e) {
        err.println(COMMAND + " failed: " + e.getMessage());
        return Tools.FAILED;
      }
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
    try (BufferedReader in = ToolInput.open(file)) {
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
    for (InputFile f : ToolInput.match("recs", spec)) {
      try (BufferedReader in = f.open()) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          SessionRecs n = SESSION_RECS.readValue(line);
          List<String> ids = new ArrayList<>();
          if (n.recommendations() != null) {
            for (Recommendation r : n.recommendations()) {
              ids.add(r.productId() == null ? "" : r.productId());
            }
          }
          out.put(n.eventId() == null ? "" : n.eventId(), ids);
        }
      }
    }
    return out;
  }
}
