package io.realtimepipelines.pipelines.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.MetricSample;
import io.realtimepipelines.monitor.AlertStatus;
import io.realtimepipelines.monitor.MetricAlert;
import io.realtimepipelines.monitor.MonitorConfig;
import io.realtimepipelines.monitor.MonitorMetrics;
import io.realtimepipelines.monitor.MonitorResult;
import io.realtimepipelines.monitor.WindowStats;
import io.realtimepipelines.pipelines.Job;
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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.joda.time.Duration;

/**
 * Watches network telemetry: validates metric samples, computes per source and metric statistics of
 * fixed event-time windows (count, rate, mean, min, max, p50/p95/p99 from a t-digest), checks them
 * against static thresholds and a robust adaptive baseline, and emits alert state changes (pending,
 * firing, resolved) with their evidence; optionally keeps each series' latest window and alert
 * states in Redis.
 *
 * <pre>
 * ./rtp monitor --input=testdata/metrics.jsonl
 * </pre>
 */
public final class MonitorJob implements Job<MonitorJob.Options> {
  public static final String NAME = "monitor";
  public static final String STATS = "stats";
  public static final String ALERTS = "alerts";
  public static final String LATE = "late";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String DUPLICATES = "duplicates";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Options of the monitor job; --input/--source give the samples. */
  public interface Options extends SourceOptions, SinkOptions, ParseOptions, RedisOptions {
    @Description(
        "Monitor rules (JSON; keys override rules/monitor.json, see docs/monitor.md)."
            + " Default: the built-in rules, which are rules/monitor.json.")
    String getMonitorConfig();

    void setMonitorConfig(String value);

    @Description(
        "Seconds after a window's end its late samples still update its statistics"
            + " (0-3600); later ones go to late/. Alerts use each window's on-time result.")
    @Default.Long(0)
    long getAllowedLatenessSeconds();

    void setAllowedLatenessSeconds(long value);

    @Description("How many alerts a local run prints at the end.")
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
    return "network telemetry: window statistics, thresholds, adaptive anomaly alerts";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public Pipeline build(Options options) {
    Sources.check(options, EventType.METRIC);
    Sinks.check(options);
    if (options.getAllowedLatenessSeconds() < 0 || options.getAllowedLatenessSeconds() > 3600) {
      throw new IllegalArgumentException(
          "--allowedLatenessSeconds must be between 0 and 3600, got "
              + options.getAllowedLatenessSeconds());
    }
    RunnerCapabilities.requireEventTimeTimers(
        options, "The monitor job", "Replay the same samples from files in batch");
    MonitorConfig config = config(options);
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options, config);
    return pipeline;
  }

  /** The rules the options ask for; every problem of a bad file listed. */
  public static MonitorConfig config(Options options) {
    String file = options.getMonitorConfig();
    if (file == null) {
      return MonitorConfig.defaults();
    }
    try {
      return MonitorConfig.parse(Files.readString(Paths.get(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --monitorConfig=" + file + ": " + e.getMessage(), e);
    } catch (MonitorConfig.InvalidMonitorConfigException e) {
      throw new IllegalArgumentException(
          "monitor rules " + file + " are invalid:\n  " + String.join("\n  ", e.problems()), e);
    }
  }

  /** Adds the job's steps to {@code pipeline}; tests call this with a TestPipeline. */
  public static MonitorResult buildPipeline(
      Pipeline pipeline, Options options, MonitorConfig config) {
    ParseResult<MetricSample> parsed =
        Sources.read(pipeline, options, EventType.METRIC)
            .apply("ValidateSamples", ParseOptions.parseEvents(EventType.METRIC, options, NAME));
    MonitorResult r =
        parsed
            .getValid()
            .apply(
                "MonitorMetrics",
                MonitorMetrics.withConfig(config)
                    .withAllowedLateness(
                        Duration.standardSeconds(options.getAllowedLatenessSeconds()))
                    .withKeyShards(options.getKeyShards()));
    if (options.getRedisServing()) {
      r.getStats().apply("WriteSeriesToRedis", RedisSteps.monitorSeries(options));
      r.getAlerts().apply("WriteAlertsToRedis", RedisSteps.monitorAlerts(options));
    }
    Sinks.write(
        r.getStats(),
        "WriteStats",
        options,
        NAME,
        STATS,
        WindowStats::seriesKey,
        w -> EventJson.toJson(w, WindowStats.class));
    Sinks.write(
        r.getAlerts(),
        "WriteAlerts",
        options,
        NAME,
        ALERTS,
        MetricAlert::seriesKey,
        a -> EventJson.toJson(a, MetricAlert.class));
    Sinks.write(
        r.getLate(),
        "WriteLate",
        options,
        NAME,
        LATE,
        MetricSample::seriesKey,
        s -> EventJson.toJson(s, MetricSample.class));
    Sinks.write(
        parsed.getDeadLetters(),
        "WriteDeadLetters",
        options,
        NAME,
        DEAD_LETTERS,
        DeadLetter::getSourcePosition,
        d -> EventJson.toJson(d, DeadLetter.class));
    Sinks.write(
        parsed.getDuplicates(),
        "WriteDuplicates",
        options,
        NAME,
        DUPLICATES,
        MetricSample::seriesKey,
        s -> EventJson.toJson(s, MetricSample.class));
    return r;
  }

  @Override
  public String describeOutputs(Options options) {
    return Sinks.describe(options, NAME, STATS, ALERTS, LATE, DEAD_LETTERS, DUPLICATES)
        + (options.getRedisServing()
            ? RedisSteps.describe(
                options,
                "series windows (monitor:series:*) and alert states" + " (monitor:alert:*)")
            : "");
  }

  @Override
  public boolean report(Options options, Map<String, Long> counters, PrintStream out) {
    long valid =
        counters.getOrDefault("metric.valid", 0L) - counters.getOrDefault("metric.duplicates", 0L);
    long windowed = counters.getOrDefault("monitor_windows.input", 0L);
    long late = counters.getOrDefault("monitor_windows.late_data", 0L);
    boolean ok = valid == windowed;
    out.printf(
        Locale.ROOT,
        "  monitor        samples in windows %,d  late %,d  window results %,d%n",
        windowed - late,
        late,
        counters.getOrDefault("monitor_windows.panes", 0L));
    out.printf(
        Locale.ROOT,
        "  accounting     valid = in windows + late: %s%n",
        ok ? "ok" : "MISMATCH (" + valid + " != " + windowed + ")");
    StringBuilder alerts = new StringBuilder();
    for (AlertStatus s : AlertStatus.values()) {
      alerts
          .append("  ")
          .append(s.name())
          .append(' ')
          .append(counters.getOrDefault("monitor.alerts_" + s.name(), 0L));
    }
    out.printf(Locale.ROOT, "  alerts        %s%n", alerts);
    if (options.getSink() == SinkKind.FILES && options.getTopAlerts() > 0) {
      printFiring(read(Sinks.directory(options, NAME, ALERTS)), options.getTopAlerts(), out);
    }
    return ok;
  }

  /** The first firing alerts by window, with their reasons. */
  static void printFiring(List<JsonNode> alerts, int n, PrintStream out) {
    List<JsonNode> firing = new ArrayList<>();
    for (JsonNode a : alerts) {
      if (a.path("status").asText().equals("FIRING")) {
        firing.add(a);
      }
    }
    firing.sort(
        (a, b) -> {
          int c = a.path("windowStart").asText().compareTo(b.path("windowStart").asText());
          return c != 0 ? c : a.path("reason").asText().compareTo(b.path("reason").asText());
        });
    out.printf(
        Locale.ROOT,
        "%nfirst %d firing alerts of %d:%n",
        Math.min(n, firing.size()),
        firing.size());
    for (JsonNode a : firing.subList(0, Math.min(n, firing.size()))) {
      out.printf(Locale.ROOT, "  %s  %s%n", a.path("source").asText(), a.path("reason").asText());
    }
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
}
