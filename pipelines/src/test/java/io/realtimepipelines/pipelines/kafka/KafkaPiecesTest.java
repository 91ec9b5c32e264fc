package io.realtimepipelines.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.pipelines.fraud.FraudJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka source's event times and watermark, client properties, and option checks. */
class KafkaPiecesTest {
  private static final long T = Instant.parse("2026-11-23T10:00:00Z").getMillis();

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void eventTimeComesFromTheRecordsOwnTimestampField() {
    assertEquals(
        T + 500,
        EventTimes.timestampMillis(
            json("{\"a\":{\"timestamp\":1},\"timestamp\":\"2026-11-23T10:00:00.500Z\"}"), -1));
    assertEquals(T, EventTimes.timestampMillis(json("{\"timestamp\":" + T + "}"), -1));
    assertEquals(-1, EventTimes.timestampMillis(json("{\"timestamp\":\"yesterday\"}"), -1));
    assertEquals(-1, EventTimes.timestampMillis(json("not json"), -1));
    assertEquals(-1, EventTimes.timestampMillis(new byte[0], -1));
    assertEquals(
        "acct-1",
        EventTimes.stringField(json("{\"x\":[1,2],\"accountId\":\"acct-1\"}"), "accountId"));
    assertNull(EventTimes.stringField(json("{\"accountId\":7}"), "accountId"));
  }

  private static KafkaRecord<byte[], byte[]> record(byte[] value, long kafkaTime) {
    return new KafkaRecord<>(
        "t", 0, 0, kafkaTime, KafkaTimestampType.CREATE_TIME, null, KV.of(null, value));
  }

  /** A partition context with a given backlog, checked at a given time. */
  private static TimestampPolicy.PartitionContext context(long backlog, Instant checkedAt) {
    return new TimestampPolicy.PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return backlog;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return checkedAt;
      }
    };
  }

  @Test
  void watermarkTrailsTheNewestEventTimeByTheDelay() {
    ReadKafka.EventTimeWatermark w = new ReadKafka.EventTimeWatermark(2_000, null);
    TimestampPolicy.PartitionContext busy = context(100, new Instant(T));
    assertEquals(
        new Instant(T + 10_000),
        w.getTimestampForRecord(busy, record(json("{\"timestamp\":" + (T + 10_000) + "}"), 0)));
    assertEquals(new Instant(T + 8_000), w.getWatermark(busy));
    // An older event does not move it back.
    w.getTimestampForRecord(busy, record(json("{\"timestamp\":" + T + "}"), 0));
    assertEquals(new Instant(T + 8_000), w.getWatermark(busy));
  }

  @Test
  void anEmptyOrIdlePartitionFollowsTheClockLessTheGrace() {
    ReadKafka.EventTimeWatermark w = new ReadKafka.EventTimeWatermark(0, null);
    Instant checked = new Instant(T + 60_000);
    assertEquals(
        BoundedWindow.TIMESTAMP_MIN_VALUE,
        w.getWatermark(context(5, checked)),
        "a backlog means records are on their way: wait for them");
    assertEquals(
        checked.minus(
            org.joda.time.Duration.millis(ReadKafka.EventTimeWatermark.IDLE_GRACE_MILLIS)),
        w.getWatermark(context(0, checked)),
        "never had a record, caught up: follow the clock");
  }

  @Test
  void aFutureTimestampCountsAsNowSoItCannotMakeLaterRecordsLate() {
    long now = System.currentTimeMillis();
    Instant t =
        ReadKafka.EventTimeWatermark.eventTime(
            record(json("{\"timestamp\":\"2099-01-01T00:00:00Z\"}"), 0), now);
    assertEquals(new Instant(now), t);
    assertEquals(
        new Instant(T),
        ReadKafka.EventTimeWatermark.eventTime(record(json("{}"), T), now),
        "no timestamp field: the Kafka record time");
  }

  @Test
  void startPositionIsEarliestLatestOrATime() {
    assertEquals(Optional.empty(), ReadKafka.startTime("earliest"));
    assertEquals(Optional.empty(), ReadKafka.startTime("LATEST"));
    assertEquals(Optional.of(new Instant(T)), ReadKafka.startTime("2026-11-23T10:00:00Z"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReadKafka.startTime("yesterday"));
    assertTrue(e.getMessage().contains("--startPosition"), e.getMessage());
  }

  @Test
  void clientPropertiesRegisterConfigProvidersAndRefuseWhatTheJobSets(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("kafka.properties");
    Files.writeString(
        file,
        "security.protocol=SASL_SSL\n"
            + "sasl.jaas.config=${env:KAFKA_JAAS}\n"
            + "ssl.truststore.password=${file:/run/secrets/k.properties:pw}\n");
    Map<String, Object> config = KafkaClientConfig.load(file.toString());
    assertEquals("env,file", config.get("config.providers"));
    assertEquals(
        "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        config.get("config.providers.env.class"));
    assertEquals("${env:KAFKA_JAAS}", config.get("sasl.jaas.config"), "resolved by the client");
    String names = KafkaClientConfig.describe(config);
    assertFalse(names.contains("KAFKA_JAAS") || names.contains("SASL_SSL"), "names only: " + names);

    Files.writeString(file, "bootstrap.servers=elsewhere:9092\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KafkaClientConfig.load(file.toString()));
    assertTrue(e.getMessage().contains("--bootstrapServers"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> KafkaClientConfig.load(dir.resolve("missing").toString()));
  }

  @Test
  void topicNamesAreCheckedAsKafkaDoes() {
    assertEquals("fraud.decisions", KafkaTopics.output("", "fraud", "decisions"));
    assertEquals("prod.fraud.dead-letters", KafkaTopics.output("prod.", "fraud", "dead-letters"));
    assertThrows(
        IllegalArgumentException.class, () -> KafkaTopics.check("a topic", "--inputTopic"));
    assertThrows(IllegalArgumentException.class, () -> KafkaTopics.check("..", "--inputTopic"));
  }

  @Test
  void exactlyOnceIsRefusedWhereItCannotHold() {
    FraudJob.Options direct =
        PipelineOptionsFactory.fromArgs("--sink=KAFKA", "--kafkaExactlyOnce=true", "--input=x")
            .as(FraudJob.Options.class);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> io.realtimepipelines.pipelines.Sinks.check(direct));
    assertTrue(e.getMessage().contains("Flink"), e.getMessage());

    FraudJob.Options files =
        PipelineOptionsFactory.fromArgs("--kafkaExactlyOnce=true").as(FraudJob.Options.class);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> io.realtimepipelines.pipelines.Sinks.check(files));
    assertTrue(e.getMessage().contains("--sink=KAFKA"), e.getMessage());

    FraudJob.Options flink =
        PipelineOptionsFactory.fromArgs(
                "--runner=FlinkRunner", "--sink=KAFKA", "--kafkaExactlyOnce=true")
            .as(FraudJob.Options.class);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> io.realtimepipelines.pipelines.Sinks.check(flink));
    assertTrue(e.getMessage().contains("--checkpointingInterval"), e.getMessage());
    io.realtimepipelines.pipelines.Sinks.check(
        PipelineOptionsFactory.fromArgs(
                "--runner=FlinkRunner",
                "--checkpointingInterval=1000",
                "--sink=KAFKA",
                "--kafkaExactlyOnce=true")
            .as(FraudJob.Options.class));
  }
}
