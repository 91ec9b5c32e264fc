package io.realtimepipelines.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Producing test input and reading whole output topics, for tests. */
final class KafkaTopicsIO {
  private KafkaTopicsIO() {}

  /** Where a produced record landed, and its bytes. */
  static final class Produced {
    final int partition;
    final long offset;
    final byte[] payload;

    Produced(int partition, long offset, byte[] payload) {
      this.partition = partition;
      this.offset = offset;
      this.payload = payload;
    }
  }

  /**
   * Produces {@code payloads} to {@code topic}, to {@code partition} when it is not null, else by
   * {@code keys} (null: no key); returns where each landed, in order.
   */
  static List<Produced> produce(
      String servers, String topic, List<byte[]> payloads, List<String> keys, Integer partition)
      throws Exception {
    List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", servers, "acks", "all", "linger.ms", "5"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < payloads.size(); i++) {
        String key = keys == null ? null : keys.get(i);
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    topic,
                    partition,
                    key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    payloads.get(i))));
      }
      producer.flush();
    }
    List<Produced> out = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      RecordMetadata m = sent.get(i).get();
      out.add(new Produced(m.partition(), m.offset(), payloads.get(i)));
    }
    return out;
  }

  /** Every record now in {@code topic}, all partitions, read up to the end offsets. */
  static List<ConsumerRecord<String, String>> readAll(String servers, String topic) {
    return readAll(servers, topic, false);
  }

  /** As above; {@code committedOnly}: read_committed, up to the last stable offsets. */
  static List<ConsumerRecord<String, String>> readAll(
      String servers, String topic, boolean committedOnly) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                servers,
                "enable.auto.commit",
                "false",
                "isolation.level",
                committedOnly ? "read_committed" : "read_uncommitted"),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<ConsumerRecord<String, String>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        // read_committed: endOffsets are the last stable offsets, position stops there too.
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end offsets " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }

  /** Number of records now in {@code topic}. */
  static long count(String servers, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", servers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      return partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
    }
  }
}
