package io.realtimepipelines.windowing;

import static io.realtimepipelines.testing.Events.minute;
import static io.realtimepipelines.windowing.WindowTiming.EARLY;
import static io.realtimepipelines.windowing.WindowTiming.LATE;
import static io.realtimepipelines.windowing.WindowTiming.ON_TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.testing.Counters;
import io.realtimepipelines.testing.RunnerSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One test per timing case, asserting per pane. Each TestStream test uses one key and applies the
 * transform straight to the stream, so on Flink the keyed step sees elements and watermarks in the
 * order they were added (one channel from the non-parallel test source).
 */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class AggregateWindowsTest {

  private static final Duration TEN_MINUTES = Duration.standardMinutes(10);
  private static final KvCoder<String, Integer> COLLECTED =
      KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());

  /** Value {@code amount} for key "k" at minute {@code m} after the scenario origin. */
  private static TimestampedValue<KV<String, Integer>> at(double m, int amount) {
    return TimestampedValue.of(KV.of("k", amount), minute(m));
  }

  private static WindowPane<String, Integer> pane(
      double startMinute,
      double endMinute,
      int sum,
      WindowTiming timing,
      long index,
      boolean isFinal) {
    return WindowPane.of("k", sum, minute(startMinute), minute(endMinute), timing, index, isFinal);
  }

  private static TestStream.Builder<KV<String, Integer>> stream() {
    return TestStream.create(COLLECTED);
  }

  private static AggregateWindows<String, Integer, Integer> sumPerTenMinutes() {
    return AggregateWindows.<String, Integer, Integer>fixed(TEN_MINUTES, Sum.ofIntegers())
        .withMetricsName("test");
  }

  @Test
  void onTimePanesHoldTheWholeWindowAndCarryItsLastMillisecond(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    TestStream<KV<String, Integer>> events =
        stream()
            .addElements(at(1, 1), at(3, 2))
            .addElements(at(12, 5))
            .advanceWatermarkTo(minute(25))
            .advanceWatermarkToInfinity();
    AggregateResult<String, Integer, Integer> result =
        p.apply(events).apply("SumPerTenMinutes", sumPerTenMinutes());

    PAssert.that(result.getPanes().apply("PaneTimestamps", Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(pane(0, 10, 3, ON_TIME, 0, true), minute(10).minus(1)),
            TimestampedValue.of(pane(10, 20, 5, ON_TIME, 0, true), minute(20).minus(1)));
    PAssert.that(result.getLateData()).empty();
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(3, Counters.attempted(run, AggregateWindows.METRICS_NAMESPACE, "test.input"));
    assertEquals(2, Counters.attempted(run, AggregateWindows.METRICS_NAMESPACE, "test.panes"));
  }

  @Test
  void earlyPaneFiresTheDelayAfterTheFirstElementThenTheOnTimePaneAccumulates(TestPipeline p) {
    RunnerSupport.assumeProcessingTimeControllable(p);
    TestStream<KV<String, Integer>> events =
        stream()
            .addElements(at(1, 1), at(2, 2))
            .advanceProcessingTime(Duration.standardMinutes(2))
            .addElements(at(3, 4))
            .advanceWatermarkToInfinity();
    AggregateResult<String, Integer, Integer> result =
        p.apply(events)
            .apply(
                "SumPerTenMinutes",
                sumPerTenMinutes().withEarlyFirings(Duration.standardMinutes(1)));

    PAssert.that(result.getPanes())
        .containsInAnyOrder(pane(0, 10, 3, EARLY, 0, false), pane(0, 10, 7, ON_TIME, 1, true));
    p.run().waitUntilFinish();
  }

  @Test
  void lateButAllowedElementEmitsALatePaneWithTheUpdatedAggregate(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    TestStream<KV<String, Integer>> events =
        stream()
            .addElements(at(1, 1), at(2, 2))
            // Past the window end (10), before its expiry (10 + 5).
            .advanceWatermarkTo(minute(11))
            .addElements(at(4, 4))
            .advanceWatermarkToInfinity();
    AggregateResult<String, Integer, Integer> result =
        p.apply(events)
            .apply(
                "SumPerTenMinutes",
                sumPerTenMinutes().withAllowedLateness(Duration.standardMinutes(5)));

    PAssert.that(result.getPanes())
        .containsInAnyOrder(pane(0, 10, 3, ON_TIME, 0, false), pane(0, 10, 7, LATE, 1, false));
    PAssert.that(result.getLateData()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void withoutLateFiringsLateDataComesOutInOneFinalLatePane(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    TestStream<KV<String, Integer>> events =
        stream()
            .addElements(at(1, 1))
            .advanceWatermarkTo(minute(11))
            .addElements(at(4, 4), at(6, 10))
            .advanceWatermarkToInfinity();
    AggregateResult<String, Integer, Integer> result =
        p.apply(events)
            .apply(
                "SumPerTenMinutes",
                sumPerTenMinutes()
                    .withAllowedLateness(Duration.standardMinutes(5))
                    .withLateFirings(false));

    PAssert.that(result.getPanes())
        .containsInAnyOrder(pane(0, 10, 1, ON_TIME, 0, false), pane(0, 10, 15, LATE, 1, true));
    p.run().waitUntilFinish();
  }

  @Test
  void tooLateElementGoesToTheLateOutputUnchangedAndCountedWithoutChangingAnyPane(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    TestStream<KV<String, Integer>> events =
        stream()
            .addElements(at(1, 1))
            // Past the expiry of [0, 10) (10 + 5 minutes) and of [10, 20) (20 + 5 minutes).
            .advanceWatermarkTo(minute(30))
            .addElements(at(2, 2))
            // [10, 20) never opened for the key and ends after its closed window: accepted, even
            // though its expiry is behind the watermark; its first pane is the ON_TIME one.
            .addElements(at(12, 3))
            .advanceWatermarkToInfinity();
    AggregateResult<String, Integer, Integer> result =
        p.apply(events)
            .apply(
                "SumPerTenMinutes",
                sumPerTenMinutes().withAllowedLateness(Duration.standardMinutes(5)));

    PAssert.that(result.getPanes())
        .containsInAnyOrder(pane(0, 10, 1, ON_TIME, 0, false), pane(10, 20, 3, ON_TIME, 0, false));
    PAssert.that(result.getLateData().apply("LateTimestamps", Reify.timestamps()))
        .containsInAnyOrder(at(2, 2));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, Counters.attempted(run, AggregateWindows.METRICS_NAMESPACE, "test.late_data"));
    assertEquals(3, Counters.attempted(run, AggregateWindows.METRICS_NAMESPACE, "test.input"));
  }

  @Test
  void windowsAreClosedPerKeySoAnotherKeyCanStillOpenTheSameWindow(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    TestStream<KV<String, Integer>> events =
        stream()
            .addElements(TimestampedValue.of(KV.of("a", 1), minute(1)))
            .advanceWatermarkTo(minute(16))
            .addElements(TimestampedValue.of(KV.of("a", 2), minute(2)))
            .addElements(TimestampedValue.of(KV.of("b", 4), minute(3)))
            .advanceWatermarkToInfinity();
    AggregateResult<String, Integer, Integer> result =
        p.apply(events)
            .apply(
                "SumPerTenMinutes",
                sumPerTenMinutes().withAllowedLateness(Duration.standardMinutes(5)));

    PAssert.that(result.getPanes())
        .containsInAnyOrder(
            WindowPane.of("a", 1, minute(0), minute(10), ON_TIME, 0, false),
            WindowPane.of("b", 4, minute(0), minute(10), ON_TIME, 0, false));
    PAssert.that(result.getLateData()).containsInAnyOrder(KV.of("a", 2));
    p.run().waitUntilFinish();
  }

  @Test
  void slidingElementGoesLateOnlyWhenAllItsWindowsAreClosed(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    TestStream<KV<String, Integer>> events =
        stream()
            .addElements(at(7, 1))
            // [0, 10) is closed, [5, 15) still open.
            .advanceWatermarkTo(minute(11))
            .addElements(at(8, 2))
            .addElements(at(3, 4))
            .advanceWatermarkToInfinity();
    AggregateResult<String, Integer, Integer> result =
        p.apply(events)
            .apply(
                "SumPerSlidingTenMinutes",
                AggregateWindows.<String, Integer, Integer>sliding(
                    TEN_MINUTES, Duration.standardMinutes(5), Sum.ofIntegers()));

    PAssert.that(result.getPanes())
        .containsInAnyOrder(pane(0, 10, 1, ON_TIME, 0, true), pane(5, 15, 3, ON_TIME, 0, true));
    PAssert.that(result.getLateData()).containsInAnyOrder(KV.of("k", 4));
    p.run().waitUntilFinish();
  }

  @Test
  void elementBridgingTwoSessionsMergesThemIntoOne(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    TestStream<KV<String, Integer>> events =
        stream()
            .addElements(at(0, 1), at(8, 2))
            .addElements(at(4, 4))
            .addElements(at(30, 10))
            .advanceWatermarkToInfinity();
    AggregateResult<String, Integer, Integer> result =
        p.apply(events)
            .apply(
                "SumPerSession",
                AggregateWindows.<String, Integer, Integer>sessions(
                    Duration.standardMinutes(5), Sum.ofIntegers()));

    PAssert.that(result.getPanes())
        .containsInAnyOrder(pane(0, 13, 7, ON_TIME, 0, true), pane(30, 35, 10, ON_TIME, 0, true));
    PAssert.that(result.getLateData()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void inBatchEveryElementIsCountedInExactlyOnePaneOrTheLateOutput(TestPipeline p) {
    List<TimestampedValue<KV<String, Integer>>> input = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < 60; i++) {
      String key = "k" + (i % 3);
      int m = (i * 7) % 45;
      input.add(TimestampedValue.of(KV.of(key, i), minute(m)));
      // Reference model: count per key and epoch-aligned 10-minute window.
      expected.merge(key + "@" + (m / 10) * 10, 1L, Long::sum);
    }
    AggregateResult<String, Integer, Long> result =
        p.apply(Create.timestamped(input).withCoder(COLLECTED))
            .apply(
                "CountPerTenMinutes",
                AggregateWindows.<String, Integer, Long>fixed(
                        TEN_MINUTES, Count.<Integer>combineFn())
                    .withMetricsName("batch"));

    List<WindowPane<String, Long>> panes = new ArrayList<>();
    expected.forEach(
        (window, count) -> {
          String[] parts = window.split("@");
          int start = Integer.parseInt(parts[1]);
          panes.add(
              WindowPane.of(parts[0], count, minute(start), minute(start + 10), ON_TIME, 0, true));
        });
    PAssert.that(result.getPanes()).containsInAnyOrder(panes);
    PAssert.that(result.getLateData()).empty();
    PipelineResult run = p.run();
    run.waitUntilFinish();
    long in = Counters.attempted(run, AggregateWindows.METRICS_NAMESPACE, "batch.input");
    long late = Counters.attempted(run, AggregateWindows.METRICS_NAMESPACE, "batch.late_data");
    long paneInputs = expected.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(input.size(), in);
    assertEquals(in, paneInputs + late, "every element in a pane or the late output");
    long panesCount = Counters.attempted(run, AggregateWindows.METRICS_NAMESPACE, "batch.panes");
    assertEquals(expected.size(), panesCount);
  }
}
