package io.realtimepipelines.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.pipelines.options.SourceKind;
import io.realtimepipelines.pipelines.options.SourceOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * What the chosen runner can do, decided from option values only (job code never loads a runner
 * class), so that a job refuses an unsupported combination before it starts.
 */
public final class RunnerCapabilities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunnerCapabilities() {}

  /** True when the job will run in streaming mode: --streaming or an unbounded source. */
  public static boolean isStreaming(SourceOptions options) {
    boolean unboundedSource =
        (options.getSource() == SourceKind.GENERATOR && options.getCount() == 0)
            || (options.getSource() == SourceKind.KAFKA && options.getMaxRecords() == 0);
    return unboundedSource || options.as(StreamingOptions.class).isStreaming();
  }

  /**
   * Refuses Spark in streaming mode for steps that need event-time timers (Beam 2.70's Spark runner
   * fails there with "EVENT_TIME not yet supported in streaming mode").
   */
  public static void requireEventTimeTimers(SourceOptions options, String feature, String fix) {
    String runner = options.getRunner().getSimpleName();
    if (runner.contains("Spark") && isStreaming(options)) {
      throw new IllegalArgumentException(
          feature
              + " needs event-time timers, which the Spark runner (Beam 2.70) does not support"
              + " in streaming mode. "
              + fix
              + ", use a bounded source (files, or --count > 0), or use --runner=FlinkRunner");
    }
  }

  /**
   * Refuses a live Kafka source (no --maxRecords) where a crash could lose input: on the Direct and
   * Spark runners offsets are committed as records are read, before their results are written, and
   * nothing here restores their state; on Flink only with checkpointing, which the launcher turns
   * on by default. {@code --allowDataLossOnCrash} accepts the risk.
   */
  public static void requireDurableLiveSource(SourceOptions options) {
    if (options.getSource() != SourceKind.KAFKA
        || options.getMaxRecords() > 0
        || options.getAllowDataLossOnCrash()) {
      return;
    }
    String runner = options.getRunner().getSimpleName();
    if (runner.contains("Flink")) {
      String interval = optionValue(options, "checkpointingInterval");
      if (interval == null || Long.parseLong(interval) <= 0) {
        throw new IllegalArgumentException(
            "a live Kafka job on Flink needs checkpoints to survive a crash: give"
                + " --checkpointingInterval=<ms> (the rtp launcher sets 10000), or accept the risk"
                + " with --allowDataLossOnCrash=true");
      }
      return;
    }
    throw new IllegalArgumentException(
        "a live Kafka source on "
            + runner
            + " can lose input after a crash: its offsets are"
            + " committed before the results are written and its state is not restored. Use"
            + " --runner=FlinkRunner (checkpoints to --stateDir and resumes after a crash), bound"
            + " the read with --maxRecords=<n>, or accept the risk with --allowDataLossOnCrash=true");
  }

  /**
   * Refuses --kafkaExactlyOnce where it cannot hold: KafkaIO's exactly-once sink needs input that
   * stays stable across retries, which here means the Flink runner with checkpointing on.
   */
  public static void requireStableInputForKafkaExactlyOnce(PipelineOptions options) {
    String runner = options.getRunner().getSimpleName();
    if (!runner.contains("Flink")) {
      throw new IllegalArgumentException(
          "--kafkaExactlyOnce needs the Flink runner with --checkpointingInterval=<ms>; "
              + runner
              + " cannot keep the sink's input stable across retries. Drop it for"
              + " at-least-once output with keys that consumers deduplicate by");
    }
    String interval = optionValue(options, "checkpointingInterval");
    if (interval == null || Long.parseLong(interval) <= 0) {
      throw new IllegalArgumentException(
          "--kafkaExactlyOnce commits Kafka transactions at Flink checkpoints: add"
              + " --checkpointingInterval=<ms>, e.g. --checkpointingInterval=1000");
    }
  }

  /** The value of any option set on the command line, by name, without its interface. */
  static String optionValue(PipelineOptions options, String name) {
    try {
      JsonNode all = JSON.valueToTree(options).get("options");
      JsonNode value = all == null ? null : all.get(name);
      return value == null || value.isNull() ? null : value.asText();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
