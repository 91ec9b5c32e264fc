package io.realtimepipelines.testing;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.apache.beam.sdk.Pipeline;

/**
 * What the runner under test can do, for tests shared by the Direct, Flink and Spark runners. A
 * test that needs a missing capability is skipped with the reason, never silently passed.
 */
public final class RunnerSupport {
  private RunnerSupport() {}

  /** Simple class name of the runner the pipeline will run on (e.g. TestFlinkRunner). */
  public static String runnerName(Pipeline pipeline) {
    return pipeline.getOptions().getRunner().getSimpleName();
  }

  public static boolean isSpark(Pipeline pipeline) {
    return runnerName(pipeline).contains("Spark");
  }

  public static boolean isFlink(Pipeline pipeline) {
    return runnerName(pipeline).contains("Flink");
  }

  /** TestStream forces streaming mode, where Spark (Beam 2.70) has no event-time timers. */
  public static void assumeTestStreamSupported(Pipeline pipeline) {
    assumeFalse(
        isSpark(pipeline),
        "Spark runner (Beam 2.70) cannot run TestStream: it needs streaming mode, which has no"
            + " event-time timers (EVENT_TIME not yet supported in streaming mode)");
  }

  /**
   * Skips where a watermark advance in a TestStream may reach a keyed step after an element that
   * was added later: Flink with parallelism above 1 forwards the watermark on every channel, and
   * the step's watermark is the minimum over them, so the order is a race there.
   */
  public static void assumeWatermarkOrderedWithElements(Pipeline pipeline) {
    assumeFalse(
        isFlink(pipeline),
        "Flink (parallelism 2) may deliver a watermark after a later element on another channel;"
            + " the exact instant state expires is then a race, not a contract");
  }

  /**
   * Skips where a TestStream cannot advance processing time: Flink's TestStream source rejects
   * {@code advanceProcessingTime} (and Spark cannot run TestStream at all).
   */
  public static void assumeProcessingTimeControllable(Pipeline pipeline) {
    assumeTestStreamSupported(pipeline);
    assumeFalse(
        isFlink(pipeline),
        "Flink runner (Beam 2.70) TestStreamSource throws UnsupportedOperationException on"
            + " advanceProcessingTime; processing-time timers there follow the wall clock");
  }
}
