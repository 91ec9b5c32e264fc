package io.realtimepipelines.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options of {@code --source=KAFKA} and {@code --sink=KAFKA}, shared by every job. */
public interface KafkaOptions extends PipelineOptions {

  @Description("Kafka bootstrap servers (host:port,...) for --source=KAFKA and --sink=KAFKA.")
  @Default.String("127.0.0.1:9092")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description(
      "Kafka client properties file (security.protocol, sasl.*, ssl.*, ...), applied to consumers"
          + " and producers. Keep secrets out of it and out of the command line: reference them"
          + " with Kafka config providers, e.g. sasl.jaas.config=${env:KAFKA_JAAS_CONFIG} (see"
          + " README). The launcher never prints its values.")
  String getKafkaProperties();

  void setKafkaProperties(String value);

  @Description(
      "Topic of the job's main input for --source=KAFKA. Default: the event type's topic"
          + " (transactions, clicks, inventory, competitor-prices, vitals).")
  String getInputTopic();

  void setInputTopic(String value);

  @Description(
      "Kafka consumer group of --source=KAFKA; offsets are committed under it. Default: rtp-<job>.")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description(
      "Where --source=KAFKA starts when the consumer group has no committed offset: earliest,"
          + " latest, or a time (ISO-8601, e.g. 2026-11-24T10:00:00Z) to start from the first"
          + " record at or after it (then committed offsets are ignored).")
  @Default.String("latest")
  String getStartPosition();

  void setStartPosition(String value);

  @Description(
      "Milliseconds an event may arrive behind the newest event time seen on its partition and"
          + " still count as on time: the watermark trails that newest time (or, on an idle"
          + " partition, the clock) by this much. Every decision waits for the watermark, so this"
          + " is also added latency.")
  @Default.Long(0)
  long getWatermarkDelayMillis();

  void setWatermarkDelayMillis(long value);

  @Description(
      "Stop --source=KAFKA after this many records per input topic (0: read until the job is"
          + " stopped). With a limit the job ends by itself, e.g. to replay a topic into files.")
  @Default.Long(0)
  long getMaxRecords();

  void setMaxRecords(long value);

  @Description(
      "Prefix of the output topics of --sink=KAFKA: <prefix><job>.<output>, e.g."
          + " fraud.decisions, fraud.dead-letters.")
  @Default.String("")
  String getOutputTopicPrefix();

  void setOutputTopicPrefix(String value);

  @Description(
      "Exactly-once Kafka output (transactions; KafkaIO withEOS). Flink runner with"
          + " --checkpointingInterval only; costs most of the throughput (see README).")
  @Default.Boolean(false)
  boolean getKafkaExactlyOnce();

  void setKafkaExactlyOnce(boolean value);
}
