package io.realtimepipelines.pipelines.vitals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.pipelines.Job;
import io.realtimepipelines.pipelines.PipelineInfo;
import io.realtimepipelines.pipelines.RunnerCapabilities;
import io.realtimepipelines.pipelines.Sinks;
import io.realtimepipelines.pipelines.Sources;
import io.realtimepipelines.pipelines.options.ParseOptions;
import io.realtimepipelines.pipelines.options.SinkKind;
import io.realtimepipelines.pipelines.options.SinkOptions;
import io.realtimepipelines.pipelines.options.SourceOptions;
import io.realtimepipelines.pipelines.redis.RedisOptions;
import io.realtimepipelines.pipelines.redis.RedisSteps;
import io.realtimepipelines.validation.ParseResult;
import io.realtimepipelines.vitals.CleanedVital;
import io.realtimepipelines.vitals.KeySource;
import io.realtimepipelines.vitals.MonitorVitals;
import io.realtimepipelines.vitals.News2Score;
import io.realtimepipelines.vitals.PseudonymisePatients;
import io.realtimepipelines.vitals.Pseudonymiser;
import io.realtimepipelines.vitals.ReviewReason;
import io.realtimepipelines.vitals.ReviewedVital;
import io.realtimepipelines.vitals.VitalAlert;
import io.realtimepipelines.vitals.VitalGap;
import io.realtimepipelines.vitals.VitalQuality;
import io.realtimepipelines.vitals.VitalsConfig;
import io.realtimepipelines.vitals.VitalsResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Monitors patients' vital signs: validates readings for review (implausible values, conflicting
 * readings, jumps, stuck sensors), cleans each device's series (units, short gaps interpolated,
 * long gaps reported) with provenance on every value, measures data quality per patient and device
 * per window, and computes NEWS2 with alerts. Optionally pseudonymises patient ids in every output
 * with a keyed hash.
 *
 * <pre>
 * ./rtp vitals --input=testdata/vitals.jsonl
 * </pre>
 */
public final class VitalsJob implements Job<VitalsJob.Options> {
  public static final String NAME = "vitals";
  public static final String CLEANED = "cleaned";
  public static final String REVIEW = "review";
  public static final String GAPS = "gaps";
  public static final String NEWS2 = "news2";
  public static final String ALERTS = "alerts";
  public static final String QUALITY = "quality";
  public static final String LATE = "late";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String DUPLICATES = "duplicates";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Options of the vitals job; --input/--source give the readings. */
  public interface Options extends SourceOptions, SinkOptions, ParseOptions, RedisOptions {
    @Description(
        "Vitals rules (JSON; keys override rules/vitals.json, see README). Default: the"
            + " built-in rules, which are rules/vitals.json.")
    String getVitalsConfig();

    void setVitalsConfig(String value);

    @Description(
        "Seconds a reading waits after the watermark for older ones still on their way"
            + " (0-3600); readings older than what their series applied go to late/.")
    @Default.Long(0)
    long getAllowedLatenessSeconds();

    void setAllowedLatenessSeconds(long value);

    @Description(
        "Pseudonymise patient ids in every output with HMAC-SHA256 keyed by the value of"
            + " this environment variable (at least 32 characters). The key is never an option value.")
    String getPseudonymKeyEnv();

    void setPseudonymKeyEnv(String value);

    @Description("As --pseudonymKeyEnv, with the key on the first line of this file.")
    String getPseudonymKeyFile();

    void setPseudonymKeyFile(String value);

    @Description(
        "How many alerts, review records per reason and patients of the quality table a"
            + " local run prints at the end.")
    @Default.Integer(10)
    int getTopAlerts();

    void setTopAlerts(int value);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "clean vital signs for review, fill gaps with provenance, data quality, NEWS2 alerts";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public Pipeline build(Options options) {
    Sources.check(options, EventType.VITAL);
    Sinks.check(options);
    if (options.getAllowedLatenessSeconds() < 0 || options.getAllowedLatenessSeconds() > 3600) {
      throw new IllegalArgumentException(
          "--allowedLatenessSeconds must be between 0 and 3600, got "
              + options.getAllowedLatenessSeconds());
    }
    RunnerCapabilities.requireEventTimeTimers(
        options, "The vitals job", "Replay the same readings from files in batch");
    VitalsConfig config = config(options);
    KeySource key = keySource(options);
    if (key != null) {
      try {
        new Pseudonymiser(key.read());
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options, config, key);
    return pipeline;
  }

  /** The rules the options ask for; every problem of a bad file listed. */
  public static VitalsConfig config(Options options) {
    if (options.getVitalsConfig() == null) {
      return VitalsConfig.defaults();
    }
    try {
      return VitalsConfig.parse(
          Files.readString(Paths.get(options.getVitalsConfig()), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --vitalsConfig=" + options.getVitalsConfig() + ": " + e.getMessage(), e);
    } catch (VitalsConfig.InvalidVitalsConfigException e) {
      throw new IllegalArgumentException(
          "vitals rules "
              + options.getVitalsConfig()
              + " are invalid:\n  "
              + String.join("\n  ", e.problems()),
          e);
    }
  }

  /** Where the pseudonym key comes from, or null when ids stay as they are. */
  static KeySource keySource(Options options) {
    if (options.getPseudonymKeyEnv() != null && options.getPseudonymKeyFile() != null) {
      throw new IllegalArgumentException("give --pseudonymKeyEnv or --pseudonymKeyFile, not both");
    }
    if (options.getPseudonymKeyEnv() != null) {
      return new PseudonymKeys.FromEnv(options.getPseudonymKeyEnv());
    }
    return options.getPseudonymKeyFile() == null
        ? null
        : new PseudonymKeys.FromFile(options.getPseudonymKeyFile());
  }

  /** Adds the job's steps to {@code pipeline}; tests call this with a TestPipeline. */
  public static VitalsResult buildPipeline(
      Pipeline pipeline, Options options, VitalsConfig config, KeySource key) {
    ParseResult<VitalSign> parsed =
        Sources.read(pipeline, options, EventType.VITAL)
            .apply("ValidateVitals", ParseOptions.parseEvents(EventType.VITAL, options, NAME));
    MonitorVitals monitor =
        MonitorVitals.withConfig(config)
            .withPipelineInfo(NAME, PipelineInfo.version())
            .withAllowedLateness(Duration.standardSeconds(options.getAllowedLatenessSeconds()))
            .withKeyShards(options.getKeyShards());
    PCollection<DeadLetter> deadLetters = parsed.getDeadLetters();
    PCollection<VitalSign> duplicates = parsed.getDuplicates();
    if (key != null) {
      monitor = monitor.withPseudonymKey(key);
      deadLetters =
          deadLetters.apply("PseudonymiseDeadLetters", PseudonymisePatients.deadLetters(key));
      duplicates = duplicates.apply("PseudonymiseDuplicates", PseudonymisePatients.of(key));
    }
    VitalsResult r = parsed.getValid().apply("MonitorVitals", monitor);
    Sinks.write(
        r.getCleaned(),
        "WriteCleaned",
        options,
        NAME,
        CLEANED,
        CleanedVital::getPatientId,
        v -> EventJson.toJson(v, CleanedVital.class));
    Sinks.write(
        r.getReview(),
        "WriteReview",
        options,
        NAME,
        REVIEW,
        ReviewedVital::getPatientId,
        v -> EventJson.toJson(v, ReviewedVital.class));
    Sinks.write(
        r.getGaps(),
        "WriteGaps",
        options,
        NAME,
        GAPS,
        VitalGap::getPatientId,
        v -> EventJson.toJson(v, VitalGap.class));
    Sinks.write(
        r.getScores(),
        "WriteNews2",
        options,
        NAME,
        NEWS2,
        News2Score::getPatientId,
        v -> EventJson.toJson(v, News2Score.class));
    Sinks.write(
        r.getAlerts(),
        "WriteAlerts",
        options,
        NAME,
        ALERTS,
        VitalAlert::getPatientId,
        v -> EventJson.toJson(v, VitalAlert.class));
    if (options.getRedisServing()) {
      r.getScores().apply("WriteNews2ToRedis", RedisSteps.news2(options));
    }
    Sinks.write(
        r.getQuality(),
        "WriteQuality",
        options,
        NAME,
        QUALITY,
        VitalQuality::getPatientId,
        v -> EventJson.toJson(v, VitalQuality.class));
    Sinks.write(
        r.getLate(),
        "WriteLate",
        options,
        NAME,
        LATE,
        VitalSign::dedupKey,
        v -> EventJson.toJson(v, VitalSign.class));
    Sinks.write(
        deadLetters,
        "WriteDeadLetters",
        options,
        NAME,
        DEAD_LETTERS,
        DeadLetter::getSourcePosition,
        d -> EventJson.toJson(d, DeadLetter.class));
    Sinks.write(
        duplicates,
        "WriteDuplicates",
        options,
        NAME,
        DUPLICATES,
        VitalSign::dedupKey,
        v -> EventJson.toJson(v, VitalSign.class));
    return r;
  }

  @Override
  public String describeOutputs(Options options) {
    return Sinks.describe(
            options,
            NAME,
            CLEANED,
            REVIEW,
            GAPS,
            NEWS2,
            ALERTS,
            QUALITY,
            LATE,
            DEAD_LETTERS,
            DUPLICATES)
        + (options.getRedisServing()
            ? RedisSteps.describe(options, "latest NEWS2 per patient (vitals:news2:*)")
            : "");
  }

  @Override
  public boolean report(Options options, Map<String, Long> counters, PrintStream out) {
    long valid =
        counters.getOrDefault("vital.valid", 0L) - counters.getOrDefault("vital.duplicates", 0L);
    long accepted = counters.getOrDefault("vitals.accepted", 0L);
    long late = counters.getOrDefault("vitals.late", 0L);
    long review = 0;
    StringBuilder reasons = new StringBuilder();
    for (ReviewReason r : ReviewReason.values()) {
      long n = counters.getOrDefault("vitals.review." + r.name(), 0L);
      review += n;
      reasons.append(reasons.length() == 0 ? "" : ", ").append(r.name()).append(' ').append(n);
    }
    boolean ok = valid == accepted + review + late;
    out.printf(
        Locale.ROOT,
        "  vitals         accepted %,d  review %,d (%s)  late %,d%n",
        accepted,
        review,
        reasons,
        late);
    out.printf(
        Locale.ROOT,
        "  accounting     valid = accepted + review + late: %s%n",
        ok ? "ok" : "MISMATCH (" + valid + " != " + (accepted + review + late) + ")");
    out.printf(
        Locale.ROOT,
        "  cleaning       imputed %,d  gaps %,d (%,d s)  Fahrenheit converted %,d%n",
        counters.getOrDefault("vitals.imputed", 0L),
        counters.getOrDefault("vitals.gaps", 0L),
        counters.getOrDefault("vitals.gap_seconds", 0L),
        counters.getOrDefault("vitals.unit_converted", 0L));
    out.printf(
        Locale.ROOT,
        "  news2          scores %,d  alerts %,d%n",
        counters.getOrDefault("vitals.news2_scores", 0L),
        counters.getOrDefault("vitals.alerts", 0L));
    if (options.getSink() == SinkKind.FILES && options.getTopAlerts() > 0) {
      VitalsSummary summary = new VitalsSummary(keySource(options) != null, out);
      summary.qualityTable(read(Sinks.directory(options, NAME, QUALITY)), options.getTopAlerts());
      summary.reviews(read(Sinks.directory(options, NAME, REVIEW)), options.getTopAlerts());
      summary.alerts(read(Sinks.directory(options, NAME, ALERTS)), options.getTopAlerts());
    }
    return ok;
  }

  /** Every JSON line of an output folder; empty when it cannot be read. */
  static List<JsonNode> read(String folder) {
    List<JsonNode> out = new ArrayList<>();
    try (var files = Files.list(Paths.get(folder))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".jsonl")) {
          for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** Random bytes for the per-run summary tags. */
  static byte[] runKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }
}
