package io.realtimepipelines.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options every job shares to choose and configure where its outputs go. */
public interface SinkOptions extends KafkaOptions {

  @Description(
      "Output sink: FILES (JSON Lines under --outputDir/<job>/<output>/), STDOUT or KAFKA (topic"
          + " <outputTopicPrefix><job>.<output>, keyed by the entity id).")
  @Default.Enum("FILES")
  SinkKind getSink();

  void setSink(SinkKind value);

  @Description("Base directory of --sink=FILES; each output gets its own folder below <job>/.")
  @Default.String("output")
  String getOutputDir();

  void setOutputDir(String value);

  @Description(
      "Files per output for --sink=FILES with bounded input; 0 lets the runner choose. Unbounded"
          + " input writes one file per output per minute window.")
  @Default.Integer(1)
  int getNumShards();

  void setNumShards(int value);
}
