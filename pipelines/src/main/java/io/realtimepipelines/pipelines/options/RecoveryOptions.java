package io.realtimepipelines.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How a live job (an unbounded Kafka source) survives a crash: where its checkpoints live, what it
 * resumes from, and the explicit opt-in for runners that cannot checkpoint. See
 * docs/crash-safety.md.
 */
public interface RecoveryOptions extends PipelineOptions {

  @Description(
      "Folder of a live job's durable progress on Flink: its checkpoints (state and Kafka offsets)."
          + " A restart with the same command resumes from the newest completed checkpoint in it."
          + " Default: state/<job>-<consumerGroup> under the working directory. One running job per"
          + " folder (a lock file guards it).")
  String getStateDir();

  void setStateDir(String value);

  @Description(
      "Start a live Flink job from this savepoint or retained checkpoint (a folder holding"
          + " _metadata) instead of the newest checkpoint in --stateDir.")
  String getFromSavepoint();

  void setFromSavepoint(String value);

  @Description(
      "Accept that a live Kafka job on a runner without durable checkpoints here (Direct, Spark)"
          + " may lose or skip input after a crash: its Kafka offsets can be committed before the"
          + " results are written. Without it such a job is refused; use --runner=FlinkRunner.")
  @Default.Boolean(false)
  boolean getAllowDataLossOnCrash();

  void setAllowDataLossOnCrash(boolean value);
}
