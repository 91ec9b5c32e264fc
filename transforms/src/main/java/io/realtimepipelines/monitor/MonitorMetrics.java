package io.realtimepipelines.monitor;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.model.MetricSample;
import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import io.realtimepipelines.ordering.OrderedResult;
import io.realtimepipelines.windowing.AggregateResult;
import io.realtimepipelines.windowing.AggregateWindows;
import io.realtimepipelines.windowing.WindowPane;
import io.realtimepipelines.windowing.WindowTiming;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Watches metric series in event time: per source and metric, statistics of fixed windows (count,
 * rate, mean, min, max, p50/p95/p99 from a t-digest) with {@link AggregateWindows}, then each
 * series' windows in order through the static thresholds and the adaptive detector ({@link
 * SeriesDetector}) with an alert state machine. Counters {@code rtp/monitor_windows.input} and
 * {@code .late_data} account for every sample; {@code rtp/monitor.alerts_<status>} count alerts.
 *
 * <pre>{@code
 * MonitorResult r = samples.apply("MonitorMetrics",
 *     MonitorMetrics.withConfig(MonitorConfig.defaults()).withAllowedLateness(Duration.ZERO));
 * }</pre>
 *
 * <p>Detection uses each window's ON_TIME result; LATE updates (samples within the allowed
 * lateness) refine the statistics output only.
 */
@AutoValue
public abstract class MonitorMetrics extends PTransform<PCollection<MetricSample>, MonitorResult> {
  private static final long serialVersionUID = 1L;

  abstract MonitorConfig getConfig();

  abstract Duration getAllowedLateness();

  abstract int getKeyShards();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setConfig(MonitorConfig config);

    abstract Builder setAllowedLateness(Duration lateness);

    abstract Builder setKeyShards(int shards);

    abstract MonitorMetrics build();
  }

  public static MonitorMetrics withConfig(MonitorConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new AutoValue_MonitorMetrics.Builder()
        .setConfig(config)
        .setAllowedLateness(Duration.ZERO)
        .setKeyShards(0)
        .build();
  }

  /** How long after a window's end its late samples still update it (0 to 1 hour). */
  public MonitorMetrics withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return toBuilder().setAllowedLateness(lateness).build();
  }

  /** Runner keys of the detection step (0: one per series); results do not depend on it. */
  public MonitorMetrics withKeyShards(int shards) {
    if (shards < 0 || shards > ApplyInEventTimeOrder.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "keyShards must be between 0 and "
              + ApplyInEventTimeOrder.MAX_SHARDS
              + ", got "
              + shards);
    }
    return toBuilder().setKeyShards(shards).build();
  }

  @Override
  public MonitorResult expand(PCollection<MetricSample> samples) {
    MonitorConfig config = getConfig();
    SchemaRegistry schemas = samples.getPipeline().getSchemaRegistry();
    Coder<MetricSample> sampleCoder = schemaCoder(schemas, MetricSample.class);
    Coder<WindowStats> statsCoder = schemaCoder(schemas, WindowStats.class);
    PCollection<KV<String, MetricSample>> bySeries =
        samples
            .apply(
                "KeyBySeries",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(MetricSample.class)))
                    .via((MetricSample s) -> KV.of(s.seriesKey(), s)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), sampleCoder));
    AggregateResult<String, MetricSample, SampleSketch> windows =
        bySeries.apply(
            "WindowStats",
            AggregateWindows.<String, MetricSample, SampleSketch>fixed(
                    Duration.millis(config.windowMillis()), new SampleSketch.Fn(config.compression))
                .withAllowedLateness(getAllowedLateness())
                .withMetricsName("monitor_windows"));
    PCollection<WindowStats> stats =
        windows.getPanes().apply("ToStats", ParDo.of(new ToStatsFn())).setCoder(statsCoder);
    OrderedResult<WindowStats, MetricAlert> detected =
        stats
            .apply("OnTimeStats", Filter.by((WindowStats w) -> w.getTiming().equals("ON_TIME")))
            .apply(
                "KeyStatsBySeries",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(WindowStats.class)))
                    .via((WindowStats w) -> KV.of(w.seriesKey(), w)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), statsCoder))
            .apply(
                "DetectAnomalies",
                ApplyInEventTimeOrder.of(
                        new DetectProcessor(config), schemaCoder(schemas, MetricAlert.class))
                    .withShards(getKeyShards()));
    PCollection<MetricAlert> alerts =
        detected
            .getOutput()
            .apply("CountAlerts", ParDo.of(new CountAlertsFn()))
            .setCoder(schemaCoder(schemas, MetricAlert.class));
    PCollection<MetricSample> late =
        windows
            .getLateData()
            .apply(
                "LateSamples",
                MapElements.into(TypeDescriptor.of(MetricSample.class))
                    .via((KV<String, MetricSample> kv) -> kv.getValue()))
            .setCoder(sampleCoder);
    return new MonitorResult(samples.getPipeline(), stats, alerts, late);
  }

  static <T> Coder<T> schemaCoder(SchemaRegistry schemas, Class<T> type) {
    try {
      return schemas.getSchemaCoder(type);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("no schema for " + type.getSimpleName(), e);
    }
  }

  /** A window pane as the series' statistics. */
  static final class ToStatsFn extends DoFn<WindowPane<String, SampleSketch>, WindowStats> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(
        @Element WindowPane<String, SampleSketch> pane, OutputReceiver<WindowStats> out) {
      String key = pane.getKey();
      int bar = key.lastIndexOf('|');
      SampleSketch s = pane.getValue();
      out.output(
          WindowStats.of(
              key.substring(0, bar),
              key.substring(bar + 1),
              s.unit,
              pane.getWindowStart(),
              pane.getWindowEnd(),
              s.count(),
              s.mean(),
              s.min,
              s.max,
              s.quantile(0.5),
              s.quantile(0.95),
              s.quantile(0.99),
              pane.getTiming() == WindowTiming.EARLY ? "EARLY" : pane.getTiming().name()));
    }
  }

  /** Counts alerts by status. */
  static final class CountAlertsFn extends DoFn<MetricAlert, MetricAlert> {
    private static final long serialVersionUID = 1L;
    private final Counter[] counters = new Counter[AlertStatus.values().length];

    CountAlertsFn() {
      for (AlertStatus s : AlertStatus.values()) {
        counters[s.ordinal()] = Metrics.counter("rtp", "monitor.alerts_" + s.name());
      }
    }

    @ProcessElement
    public void process(@Element MetricAlert a, OutputReceiver<MetricAlert> out) {
      counters[a.getStatus().ordinal()].inc();
      out.output(a);
    }
  }
}
