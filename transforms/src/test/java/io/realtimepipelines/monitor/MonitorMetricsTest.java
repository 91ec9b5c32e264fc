package io.realtimepipelines.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.MetricSample;
import io.realtimepipelines.testing.RunnerSupport;
import io.realtimepipelines.testing.ShuffledStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline equals the plain-Java {@link MonitorModel}, in batch and in shuffled streaming. */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class MonitorMetricsTest {
  static final MonitorConfig CONFIG = MonitorScenarios.config();

  /** Doubles to 9 significant digits: a sum's last bits depend on the order of addition. */
  static String line(WindowStats w) {
    return String.format(
        Locale.ROOT,
        "%s %s %s %s %d %.9g %.9g %.9g %.9g %.9g %.9g %.9g %s",
        w.getSource(),
        w.getMetric(),
        w.getUnit(),
        w.getWindowStart(),
        w.getCount(),
        w.getRatePerSecond(),
        w.getMean(),
        w.getMin(),
        w.getMax(),
        w.getP50(),
        w.getP95(),
        w.getP99(),
        w.getTiming());
  }

  static String line(MetricAlert a) {
    return String.format(
        Locale.ROOT,
        "%s %s %s %s %s %.9g %s %.9g %s %s %s",
        a.getSource(),
        a.getMetric(),
        a.getRule(),
        a.getStatus(),
        a.getStat(),
        a.getValue(),
        a.getBaseline() == null ? "-" : String.format(Locale.ROOT, "%.9g", a.getBaseline()),
        a.getThreshold(),
        a.getWindowStart(),
        a.getSince(),
        a.getConfigVersion());
  }

  private static void assertEqualsModel(MonitorResult r, List<MetricSample> input) {
    MonitorModel.Result m = MonitorModel.run(input, CONFIG);
    assertTrue(
        m.alerts.stream()
            .anyMatch(
                a -> a.getStatus() == AlertStatus.FIRING && a.getRule().equals("latency_p95_high")),
        "scenario fires a static threshold");
    assertTrue(
        m.alerts.stream()
            .anyMatch(
                a ->
                    a.getStatus() == AlertStatus.FIRING
                        && a.getRule().equals("adaptive")
                        && a.getMetric().equals("cpu")),
        "scenario fires adaptive");
    assertTrue(m.alerts.stream().anyMatch(a -> a.getStatus() == AlertStatus.RESOLVED), "resolves");
    assertTrue(m.alerts.stream().anyMatch(a -> a.getStatus() == AlertStatus.CANCELLED), "cancels");
    List<String> stats = new ArrayList<>();
    m.stats.forEach(w -> stats.add(line(w)));
    List<String> alerts = new ArrayList<>();
    m.alerts.forEach(a -> alerts.add(line(a)));
    PAssert.that(
            r.getStats()
                .apply(
                    "StatsLines",
                    MapElements.into(TypeDescriptors.strings()).via((WindowStats w) -> line(w))))
        .containsInAnyOrder(stats);
    PAssert.that(
            r.getAlerts()
                .apply(
                    "AlertLines",
                    MapElements.into(TypeDescriptors.strings()).via((MetricAlert a) -> line(a))))
        .containsInAnyOrder(alerts);
    PAssert.that(r.getLate()).empty();
  }

  private static Coder<MetricSample> coder(TestPipeline p) throws Exception {
    return p.getSchemaRegistry().getSchemaCoder(MetricSample.class);
  }

  private static MonitorMetrics monitor() {
    return MonitorMetrics.withConfig(CONFIG).withKeyShards(4);
  }

  @Test
  void batchOutputsEqualTheReferenceModel(TestPipeline p) throws Exception {
    List<MetricSample> input = MonitorScenarios.generate(7, 3, 7);
    List<TimestampedValue<MetricSample>> stamped = new ArrayList<>();
    input.forEach(s -> stamped.add(TimestampedValue.of(s, s.getTimestamp())));
    MonitorResult r =
        p.apply("Samples", Create.timestamped(stamped).withCoder(coder(p)))
            .apply("MonitorMetrics", monitor());
    assertEqualsModel(r, input);
    // Nothing lost: the windows' counts add up to the input.
    PCollection<Long> counted =
        r.getStats()
            .apply("Counts", MapElements.into(TypeDescriptors.longs()).via(WindowStats::getCount))
            .apply("Total", Sum.longsGlobally());
    PAssert.thatSingleton(counted).isEqualTo((long) input.size());
    p.run().waitUntilFinish();
  }

  @Test
  void streamingInShuffledArrivalOrderEqualsTheReferenceModel(TestPipeline p) throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    List<MetricSample> input = MonitorScenarios.generate(11, 3, 7);
    TestStream<MetricSample> stream =
        ShuffledStream.inSlices(coder(p), input, MetricSample::getTimestamp, 7 * 60_000L, 5);
    MonitorResult r = p.apply("Samples", stream).apply("MonitorMetrics", monitor());
    assertEqualsModel(r, input);
    p.run().waitUntilFinish();
  }

  @Test
  void aSampleForAClosedWindowGoesToTheLateOutput(TestPipeline p) throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    Instant t0 = MonitorScenarios.START;
    MetricSample late =
        MetricSample.of("cell-0", "cpu", 50, "%", t0.plus(Duration.standardMinutes(5)));
    TestStream<MetricSample> stream =
        TestStream.create(coder(p))
            .addElements(TimestampedValue.of(MetricSample.of("cell-0", "cpu", 40, "%", t0), t0))
            .advanceWatermarkTo(t0.plus(Duration.standardMinutes(11)))
            .addElements(TimestampedValue.of(late, late.getTimestamp()))
            .advanceWatermarkToInfinity();
    MonitorResult r = p.apply("Samples", stream).apply("MonitorMetrics", monitor());
    PAssert.that(r.getLate()).containsInAnyOrder(late);
    PAssert.that(
            r.getStats()
                .apply(
                    "Counts",
                    MapElements.into(TypeDescriptors.strings())
                        .via((WindowStats w) -> w.getCount() + " " + w.getMean())))
        .containsInAnyOrder("1 40.0");
    p.run().waitUntilFinish();
  }
}
