package io.realtimepipelines.pipelines.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.realtimepipelines.metrics.JobMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code rtp_kafka_consumer_lag_records}: per topic and partition this JVM reads, the records
 * appended to the partition that the job has not read yet (the partition's end offset minus the
 * next offset to read). End offsets are asked from the broker when Prometheus scrapes, so a stalled
 * job's lag keeps growing while producers write. Partitions read in other JVMs (other TaskManagers
 * of a cluster) are reported there.
 */
public final class KafkaConsumerLag {
  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(2);
  private static final Map<TopicPartition, AtomicLong> NEXT = new ConcurrentHashMap<>();
  private static volatile Map<String, Object> clientConfig;
  private static KafkaConsumer<byte[], byte[]> consumer;

  static {
    GaugeWithCallback.builder()
        .name("rtp_kafka_consumer_lag_records")
        .help("Records in a Kafka partition the job has not read yet (end offset - next offset)")
        .labelNames("job", "topic", "partition")
        .callback(
            cb ->
                collect()
                    .forEach(
                        (tp, lag) ->
                            cb.call(
                                lag,
                                JobMetrics.job(),
                                tp.topic(),
                                Integer.toString(tp.partition()))))
        .register(JobMetrics.registry());
  }

  private KafkaConsumerLag() {}

  /** The cluster to ask for end offsets: bootstrap servers and client properties (security). */
  public static void track(String bootstrapServers, Map<String, String> properties) {
    Map<String, Object> config = new HashMap<>(properties);
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", "rtp-consumer-lag");
    config.put("key.deserializer", ByteArrayDeserializer.class.getName());
    config.put("value.deserializer", ByteArrayDeserializer.class.getName());
    config.remove("group.id");
    clientConfig = config;
  }

  /** The job read {@code offset} of {@code topic}/{@code partition}. */
  public static void read(String topic, int partition, long offset) {
    NEXT.computeIfAbsent(new TopicPartition(topic, partition), k -> new AtomicLong())
        .accumulateAndGet(offset + 1, Math::max);
  }

  private static synchronized Map<TopicPartition, Long> collect() {
    Map<TopicPartition, Long> lag = new HashMap<>();
    if (NEXT.isEmpty() || clientConfig == null) {
      return lag;
    }
    try {
      if (consumer == null) {
        consumer = new KafkaConsumer<>(clientConfig);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(NEXT.keySet(), END_OFFSETS_TIMEOUT);
      NEXT.forEach(
          (tp, next) -> {
            Long e = end.get(tp);
            if (e != null) {
              lag.put(tp, Math.max(0L, e - next.get()));
            }
          });
    } catch (KafkaException e) {
      // Broker unreachable: no sample rather than a wrong one (the series goes stale).
    }
    return lag;
  }
}
