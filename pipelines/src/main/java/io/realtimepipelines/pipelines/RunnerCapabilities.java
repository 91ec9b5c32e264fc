package io.realtimepipelines.pipelines;

import io.realtimepipelines.pipelines.options.SourceKind;
import io.realtimepipelines.pipelines.options.SourceOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * What the chosen runner can do, decided from option values only (job code never loads a runner
 * class), so that a job refuses an unsupported combination before it starts.
 */
public final class RunnerCapabilities {
  private RunnerCapabilities() {}

  /** True when the job will run in streaming mode: --streaming or an unbounded source. */
  public static boolean isStreaming(SourceOptions options) {
    boolean unboundedSource = options.getSource() == SourceKind.GENERATOR && options.getCount() == 0;
    return unboundedSource || options.as(StreamingOptions.class).isStreaming();
  }

  /**
   * Refuses Spark in streaming mode for steps that need event-time timers (Beam 2.70's Spark
   * runner fails there with "EVENT_TIME not yet supported in streaming mode").
   */
  public static void requireEventTimeTimers(SourceOptions options, String feature, String fix) {
    String runner = options.getRunner().getSimpleName();
    if (runner.contains("Spark") && isStreaming(options)) {
      throw new IllegalArgumentException(
          feature + " needs event-time timers, which the Spark runner (Beam 2.70) does not support"
              + " in streaming mode. " + fix
              + ", use a bounded source (files, or --count > 0), or use --runner=FlinkRunner");
    }
  }
}
