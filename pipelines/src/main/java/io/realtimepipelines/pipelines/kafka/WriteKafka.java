package io.realtimepipelines.pipelines.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes keyed JSON records to one topic. At-least-once by default (idempotent producer, acks=all):
 * a replay after a failure can write a record again under the same key, so consumers deduplicate by
 * key. Exactly-once uses Kafka transactions, one per checkpoint ({@link WriteKafkaTransactions}),
 * which needs a runner with stable input across checkpoints (Flink with checkpointing).
 */
public final class WriteKafka extends PTransform<PCollection<KV<String, String>>, PDone> {
  private final String bootstrapServers;
  private final String topic;
  private final Map<String, Object> clientConfig;
  private final boolean exactlyOnce;
  private final String sinkGroupId;

  private WriteKafka(
      String bootstrapServers,
      String topic,
      Map<String, Object> clientConfig,
      boolean exactlyOnce,
      String sinkGroupId) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.clientConfig = clientConfig;
    this.exactlyOnce = exactlyOnce;
    this.sinkGroupId = sinkGroupId;
  }

  public static WriteKafka of(
      String bootstrapServers, String topic, Map<String, Object> clientConfig) {
    KafkaTopics.check(topic, "topic");
    return new WriteKafka(bootstrapServers, topic, new HashMap<>(clientConfig), false, null);
  }

  /**
   * Exactly-once under the transactional id {@code sinkGroupId}: unique per job and output, and the
   * same at every restart of that job.
   */
  public WriteKafka withExactlyOnce(String sinkGroupId) {
    KafkaTopics.check(sinkGroupId, "transactional id");
    return new WriteKafka(bootstrapServers, topic, clientConfig, true, sinkGroupId);
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> records) {
    if (exactlyOnce) {
      return records.apply(
          "Write " + topic + " exactly once",
          new WriteKafkaTransactions(bootstrapServers, topic, clientConfig, sinkGroupId));
    }
    Map<String, Object> producer = new HashMap<>();
    producer.put("acks", "all");
    producer.put("enable.idempotence", "true");
    producer.putAll(clientConfig);
    KafkaIO.Write<String, String> write =
        KafkaIO.<String, String>write()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withKeySerializer(StringSerializer.class)
            .withValueSerializer(StringSerializer.class)
            .withProducerConfigUpdates(producer);
    return records.apply("Write " + topic, write);
  }
}
