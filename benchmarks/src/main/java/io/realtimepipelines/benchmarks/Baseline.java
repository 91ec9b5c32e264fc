package io.realtimepipelines.benchmarks;

import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.MetricSample;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.monitor.AlertStatus;
import io.realtimepipelines.monitor.MetricAlert;
import io.realtimepipelines.monitor.MonitorConfig;
import io.realtimepipelines.monitor.MonitorModel;
import io.realtimepipelines.monitor.WindowStats;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.pricing.PriceUpdate;
import io.realtimepipelines.pricing.PricingConfig;
import io.realtimepipelines.pricing.PricingModel;
import io.realtimepipelines.recommend.ItemNeighbours;
import io.realtimepipelines.recommend.RecommendConfig;
import io.realtimepipelines.recommend.RecommendModel;
import io.realtimepipelines.recommend.SessionRecs;
import io.realtimepipelines.validation.DeadLetters;
import io.realtimepipelines.validation.ParseEvents;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import io.realtimepipelines.vitals.CleanedVital;
import io.realtimepipelines.vitals.News2Score;
import io.realtimepipelines.vitals.ReviewReason;
import io.realtimepipelines.vitals.ReviewedVital;
import io.realtimepipelines.vitals.VitalAlert;
import io.realtimepipelines.vitals.VitalGap;
import io.realtimepipelines.vitals.VitalQuality;
import io.realtimepipelines.vitals.VitalsConfig;
import io.realtimepipelines.vitals.VitalsModel;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The plain-Java baseline: what one thread does with the same input file and the same logic as a
 * job, with no framework. Reads the lines, decodes and validates each with the pipeline's own
 * {@link RecordDecoder} (dead letters built with {@link DeadLetters}), drops repeats of an event id
 * like {@code ParseEvents} does in a batch run (the watermark only moves at the end, so every id is
 * remembered), then runs the job's reference model ({@link FraudModel}, {@link PricingModel},
 * {@link RecommendModel}, {@link VitalsModel}; nothing more for {@code validate}) and writes every
 * output as JSON Lines, as the job does. It prints a summary in the launcher's format, so the
 * harness checks both the same way.
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" \
 *   io.realtimepipelines.benchmarks.Baseline --job=fraud --input=transactions.jsonl \
 *   --rulesFile=rules/fraud-rules.json --outputDir=/tmp/baseline
 * </pre>
 */
public final class Baseline {
  static final String RUNNER_NAME = "PlainJava";

  private final Path outputDir;
  private final DeadLetters deadLetters;
  private long read;
  private long valid;
  private long dead;
  private long duplicates;

  private Baseline(String job, Path outputDir) {
    this.outputDir = outputDir;
    this.deadLetters = new DeadLetters(job, "baseline");
  }

  public static void main(String[] args) {
    System.exit(Args.commandLine(new Cli()).execute(args));
  }

  /** The command line: the job, its input, its configuration files and the output folder. */
  @Command(name = "Baseline", sortOptions = false)
  static final class Cli implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Args.Help help;

    @Option(
        names = "--job",
        paramLabel = "NAME",
        required = true,
        description = "the job whose logic to run")
    JobKind job;

    @Option(
        names = "--input",
        paramLabel = "FILE",
        required = true,
        description = "JSON Lines input file")
    Path input;

    @Option(names = "--catalog", paramLabel = "FILE", description = "product catalogue (pricing)")
    Path catalog;

    @Option(names = "--rulesFile", paramLabel = "FILE", description = "fraud rules (fraud)")
    Path rulesFile;

    @Option(
        names = "--pricingConfig",
        paramLabel = "FILE",
        description = "pricing policy (pricing)")
    Path pricingConfig;

    @Option(
        names = "--recommendConfig",
        paramLabel = "FILE",
        description = "recommender settings (recommend)")
    Path recommendConfig;

    @Option(
        names = "--vitalsConfig",
        paramLabel = "FILE",
        description = "vital-sign rules (vitals)")
    Path vitalsConfig;

    @Option(names = "--monitorConfig", paramLabel = "FILE", description = "monitor rules (monitor)")
    Path monitorConfig;

    @Option(
        names = "--outputDir",
        paramLabel = "DIR",
        defaultValue = "output/baseline",
        description = "output folder (default ${DEFAULT-VALUE})")
    Path outputDir;

    @Override
    public Integer call() throws Exception {
      long start = System.nanoTime();
      List<String> lines = new Baseline(job.jobName(), outputDir).run(job, input, this);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT, "%n%s DONE in %.1f s on %s%n", job.jobName(), seconds, RUNNER_NAME);
      lines.forEach(System.out::println);
      return 0;
    }

    /** {@code file}, which the job needs. */
    Path required(Path file, String option) {
      if (file == null) {
        throw new ParameterException(
            spec.commandLine(), option + " is required for --job=" + job.jobName());
      }
      return file;
    }
  }

  private List<String> run(JobKind job, Path input, Cli a) throws Exception {
    List<String> summary = new ArrayList<>();
    switch (job) {
      case VALIDATE -> {
        List<Transaction> txns = parse(EventType.TRANSACTION, Transaction.class, input);
        write("valid", txns, t -> EventJson.toJson(t, Transaction.class));
        summary.addAll(parseSummary(EventType.TRANSACTION));
      }
      case FRAUD -> {
        FraudRules rules =
            FraudRules.parse(Files.readString(a.required(a.rulesFile, "--rulesFile")));
        List<Transaction> txns = parse(EventType.TRANSACTION, Transaction.class, input);
        List<Decision> decisions = FraudModel.decide(txns, List.of(), rules);
        write("decisions", decisions, d -> EventJson.toJson(d, Decision.class));
        write(
            "alerts",
            decisions.stream().filter(d -> d.getAction() != Action.APPROVE).toList(),
            d -> EventJson.toJson(d, Decision.class));
        Map<Action, Long> byAction = new HashMap<>();
        decisions.forEach(d -> byAction.merge(d.getAction(), 1L, Long::sum));
        summary.addAll(parseSummary(EventType.TRANSACTION));
        summary.add(
            String.format(
                Locale.ROOT,
                "  decisions      APPROVE %,d  REVIEW %,d  BLOCK %,d  late 0",
                byAction.getOrDefault(Action.APPROVE, 0L),
                byAction.getOrDefault(Action.REVIEW, 0L),
                byAction.getOrDefault(Action.BLOCK, 0L)));
        summary.add(
            "  accounting     scored = decisions + late: "
                + (decisions.size() == txns.size() ? "ok" : "MISMATCH"));
      }
      case RECOMMEND -> {
        RecommendConfig config =
            RecommendConfig.parse(
                Files.readString(a.required(a.recommendConfig, "--recommendConfig")));
        List<ClickEvent> clicks = parse(EventType.CLICK, ClickEvent.class, input);
        RecommendModel.Result r = RecommendModel.run(clicks, config);
        write("session-recs", r.getSessionRecs(), x -> EventJson.toJson(x, SessionRecs.class));
        write(
            "item-neighbours",
            r.getItemNeighbours(),
            x -> EventJson.toJson(x, ItemNeighbours.class));
        long asked = clicks.stream().filter(c -> c.getAction() != ClickAction.PURCHASE).count();
        summary.addAll(parseSummary(EventType.CLICK));
        summary.add(
            String.format(
                Locale.ROOT,
                "  recommend      clicks applied %,d  late 0  lists %,d  neighbour updates %,d",
                clicks.size(),
                r.getSessionRecs().size(),
                r.getItemNeighbours().size()));
        summary.add(
            "  accounting     lists = views and add-to-carts applied: "
                + (r.getSessionRecs().size() == asked ? "ok" : "MISMATCH"));
        summary.add("  state          " + r.getStateSize());
      }
      case PRICING -> {
        PricingConfig config =
            PricingConfig.parse(Files.readString(a.required(a.pricingConfig, "--pricingConfig")));
        List<CatalogEntry> catalog = Inputs.readCatalog(a.required(a.catalog, "--catalog"));
        List<ClickEvent> clicks = parse(EventType.CLICK, ClickEvent.class, input);
        PricingModel.Result r = PricingModel.run(clicks, List.of(), List.of(), catalog, config);
        write("price-updates", r.getUpdates(), u -> EventJson.toJson(u, PriceUpdate.class));
        summary.addAll(parseSummary(EventType.CLICK));
        summary.add(
            String.format(
                Locale.ROOT,
                "  pricing        updates %,d  events applied %,d  skipped %,d  late 0",
                r.getUpdates().size(),
                r.getEventsApplied(),
                r.getSkippedTotal()));
        summary.add(
            "  accounting     valid events = applied + skipped + late: "
                + (r.getEventsApplied() + r.getSkippedTotal() == clicks.size()
                    ? "ok"
                    : "MISMATCH"));
      }
      case MONITOR -> {
        MonitorConfig config =
            MonitorConfig.parse(Files.readString(a.required(a.monitorConfig, "--monitorConfig")));
        List<MetricSample> samples = parse(EventType.METRIC, MetricSample.class, input);
        MonitorModel.Result r = MonitorModel.run(samples, config);
        write("stats", r.stats, w -> EventJson.toJson(w, WindowStats.class));
        write("alerts", r.alerts, x -> EventJson.toJson(x, MetricAlert.class));
        Map<AlertStatus, Long> byStatus = new java.util.EnumMap<>(AlertStatus.class);
        r.alerts.forEach(x -> byStatus.merge(x.getStatus(), 1L, Long::sum));
        summary.addAll(parseSummary(EventType.METRIC));
        long windowed = r.stats.stream().mapToLong(WindowStats::getCount).sum();
        summary.add(
            String.format(
                Locale.ROOT,
                "  monitor        samples in windows %,d  late 0  window results %,d",
                windowed,
                r.stats.size()));
        summary.add(
            "  accounting     valid = in windows + late: "
                + (windowed == samples.size() ? "ok" : "MISMATCH"));
        summary.add("  alerts         " + byStatus);
      }
      case VITALS -> {
        VitalsConfig config =
            VitalsConfig.parse(Files.readString(a.required(a.vitalsConfig, "--vitalsConfig")));
        List<VitalSign> readings = parse(EventType.VITAL, VitalSign.class, input);
        VitalsModel.Result r = VitalsModel.run(readings, config, "vitals", "baseline", false);
        write("cleaned", r.cleaned, v -> EventJson.toJson(v, CleanedVital.class));
        write("review", r.review, v -> EventJson.toJson(v, ReviewedVital.class));
        write("gaps", r.gaps, v -> EventJson.toJson(v, VitalGap.class));
        write("news2", r.scores, v -> EventJson.toJson(v, News2Score.class));
        write("alerts", r.alerts, v -> EventJson.toJson(v, VitalAlert.class));
        write("quality", r.quality, v -> EventJson.toJson(v, VitalQuality.class));
        long accepted = r.cleaned.stream().filter(c -> !c.getImputed()).count();
        Map<ReviewReason, Long> reasons = new java.util.EnumMap<>(ReviewReason.class);
        r.review.forEach(v -> reasons.merge(v.getReason(), 1L, Long::sum));
        summary.addAll(parseSummary(EventType.VITAL));
        summary.add(
            String.format(
                Locale.ROOT,
                "  vitals         accepted %,d  review %,d %s  late 0",
                accepted,
                r.review.size(),
                reasons));
        summary.add(
            "  accounting     valid = accepted + review + late: "
                + (accepted + r.review.size() == readings.size() ? "ok" : "MISMATCH"));
      }
    }
    return summary;
  }

  /** Decoded, validated, first copies only; dead letters and repeats written as the job does. */
  private <T extends Event> List<T> parse(EventType type, Class<T> eventClass, Path input)
      throws IOException {
    RecordDecoder<T> decoder =
        new RecordDecoder<>(
            type, ParseEvents.DEFAULT_MAX_PAYLOAD_BYTES, ParseEvents.DEFAULT_MAX_FUTURE_SKEW);
    String stage =
        "Parse"
            + (type == EventType.CLICK
                ? "Click"
                : type == EventType.VITAL ? "Vital" : "Transaction");
    Map<String, Boolean> seen = new HashMap<>();
    List<T> out = new ArrayList<>();
    Files.createDirectories(outputDir);
    try (BufferedReader in = reader(input);
        BufferedWriter deadOut = Files.newBufferedWriter(outputDir.resolve("dead-letters.jsonl"));
        BufferedWriter dupOut = Files.newBufferedWriter(outputDir.resolve("duplicates.jsonl"))) {
      String line;
      while ((line = in.readLine()) != null) {
        read++;
        // ISO-8859-1 maps bytes to chars one to one: this gives back the line's exact bytes.
        byte[] payload = line.getBytes(StandardCharsets.ISO_8859_1);
        Instant now = Instant.now();
        T event;
        try {
          event = decoder.decode(payload, now);
        } catch (ValidationException e) {
          dead++;
          DeadLetter d =
              deadLetters.create(
                  type.wireName(),
                  payload,
                  input + ":" + read,
                  stage,
                  e.code(),
                  e.field(),
                  e.getMessage(),
                  now);
          deadOut.write(EventJson.toJson(d, DeadLetter.class));
          deadOut.newLine();
          continue;
        }
        valid++;
        if (event instanceof VitalSign) {
          // Provenance names the line, as the job's does.
          event = eventClass.cast(event.withSourcePosition(input + ":" + read));
        }
        if (seen.putIfAbsent(event.dedupKey(), Boolean.TRUE) != null) {
          duplicates++;
          dupOut.write(EventJson.toJson(event, eventClass));
          dupOut.newLine();
          continue;
        }
        out.add(event);
      }
    }
    return out;
  }

  private List<String> parseSummary(EventType type) {
    return List.of(
        String.format(Locale.ROOT, "  %-14s %,12d records", type.wireName() + " read", read),
        String.format(Locale.ROOT, "  %-14s %,12d", "valid", valid - duplicates),
        String.format(Locale.ROOT, "  %-14s %,12d", "dead letters", dead),
        String.format(Locale.ROOT, "  %-14s %,12d", "duplicates", duplicates),
        "  accounting     read = valid + dead letters + duplicates: "
            + (read == valid + dead ? "ok" : "MISMATCH"));
  }

  private <T> void write(String name, List<T> values, java.util.function.Function<T, String> json) {
    try (BufferedWriter w = Files.newBufferedWriter(outputDir.resolve(name + ".jsonl"))) {
      for (T v : values) {
        w.write(json.apply(v));
        w.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedReader reader(Path input) throws IOException {
    InputStream in = Files.newInputStream(input);
    if (input.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16);
  }
}
