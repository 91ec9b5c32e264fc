package io.realtimepipelines.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How raw records are validated and deduplicated (see ParseEvents). */
public interface ParseOptions extends PipelineOptions {

  @Description(
      "Seconds of event time an event id is remembered to route repeats to the duplicates"
          + " output; 0 turns deduplication off.")
  @Default.Long(600)
  long getDedupHorizonSeconds();

  void setDedupHorizonSeconds(long value);

  @Description("Records larger than this many bytes become PAYLOAD_TOO_LARGE dead letters.")
  @Default.Integer(262_144)
  int getMaxPayloadBytes();

  void setMaxPayloadBytes(int value);

  @Description(
      "Event times more than this many seconds ahead of processing time become"
          + " TIMESTAMP_OUT_OF_RANGE dead letters.")
  @Default.Long(86_400)
  long getMaxFutureSkewSeconds();

  void setMaxFutureSkewSeconds(long value);

  @Description(
      "How many runner keys each stateful step (deduplication, the keyed stages of fraud and"
          + " pricing) spreads its keys over. Results do not depend on it. Use a few times the"
          + " parallelism. 0: every IP, account, merchant or product is its own runner key in the"
          + " keyed stages (deduplication keeps 128). Default 128; the launcher sets 4 on the Direct"
          + " runner, which pays per runner key, and 0 on Flink when fraud decides on arrival.")
  @Default.Integer(128)
  int getKeyShards();

  void setKeyShards(int value);

  /** The validation step these options describe, for one event type of one job. */
  static <T extends io.realtimepipelines.model.Event>
      io.realtimepipelines.validation.ParseEvents<T> parseEvents(
          io.realtimepipelines.model.EventType type, ParseOptions options, String job) {
    return io.realtimepipelines.validation.ParseEvents.<T>of(type)
        .withDedupHorizon(org.joda.time.Duration.standardSeconds(options.getDedupHorizonSeconds()))
        .withMaxPayloadBytes(options.getMaxPayloadBytes())
        .withMaxFutureSkew(
            org.joda.time.Duration.standardSeconds(options.getMaxFutureSkewSeconds()))
        .withPipelineInfo(job, io.realtimepipelines.pipelines.PipelineInfo.version())
        .withKeyShards(dedupShards(options.getKeyShards()));
  }

  /**
   * The runner keys deduplication uses for {@code --keyShards}: the same, except that 0 (one runner
   * key per entity, which deduplication does not have) keeps its default.
   */
  static int dedupShards(int keyShards) {
    if (keyShards < 0 || keyShards > 65_536) {
      throw new IllegalArgumentException(
          "--keyShards must be 0 (one runner key per entity) to 65536, got " + keyShards);
    }
    return keyShards == 0 ? io.realtimepipelines.validation.ParseEvents.DEDUP_SHARDS : keyShards;
  }
}
