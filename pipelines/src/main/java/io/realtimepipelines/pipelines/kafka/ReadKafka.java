package io.realtimepipelines.pipelines.kafka;

import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.pipelines.metrics.KafkaConsumerLag;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Reads one Kafka topic as raw records positioned {@code topic/partition/offset}, stamped with
 * their own event time (the JSON {@code timestamp} field; the Kafka record time when it has none).
 * Each partition's watermark trails its newest event time by the watermark delay; an idle or empty
 * partition's watermark follows the clock instead, so it never holds the job back (see {@link
 * EventTimeWatermark}). Event times ahead of the clock count as now, so one bad future timestamp
 * cannot make the following records late. Offsets are committed to the consumer group when the
 * runner finalizes a checkpoint.
 */
public final class ReadKafka extends PTransform<PBegin, PCollection<RawEvent>> {
  private final String bootstrapServers;
  private final String topic;
  private final String consumerGroup;
  private final String startPosition;
  private final long watermarkDelayMillis;
  private final long maxRecords;
  private final Map<String, Object> clientConfig;

  private ReadKafka(
      String bootstrapServers,
      String topic,
      String consumerGroup,
      String startPosition,
      long watermarkDelayMillis,
      long maxRecords,
      Map<String, Object> clientConfig) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.consumerGroup = consumerGroup;
    this.startPosition = startPosition;
    this.watermarkDelayMillis = watermarkDelayMillis;
    this.maxRecords = maxRecords;
    this.clientConfig = clientConfig;
  }

  /**
   * @param startPosition earliest, latest or an ISO-8601 time
   * @param maxRecords stop after this many records (0: unbounded)
   * @param clientConfig extra client properties (security, tuning)
   */
  public static ReadKafka of(
      String bootstrapServers,
      String topic,
      String consumerGroup,
      String startPosition,
      long watermarkDelayMillis,
      long maxRecords,
      Map<String, Object> clientConfig) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("--bootstrapServers must name at least one host:port");
    }
    KafkaTopics.check(topic, "topic");
    if (consumerGroup == null || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("--consumerGroup must not be empty");
    }
    startTime(startPosition); // checks it
    if (watermarkDelayMillis < 0 || watermarkDelayMillis > 3_600_000) {
      throw new IllegalArgumentException(
          "--watermarkDelayMillis must be between 0 and 3600000, got " + watermarkDelayMillis);
    }
    if (maxRecords < 0) {
      throw new IllegalArgumentException(
          "--maxRecords must be 0 (unbounded) or more, got " + maxRecords);
    }
    return new ReadKafka(
        bootstrapServers,
        topic,
        consumerGroup,
        startPosition,
        watermarkDelayMillis,
        maxRecords,
        new HashMap<>(clientConfig));
  }

  /** Empty for earliest/latest, else the start time; fails on anything else. */
  static Optional<Instant> startTime(String position) {
    String p = position == null ? "" : position.trim().toLowerCase(Locale.ROOT);
    if (p.equals("earliest") || p.equals("latest")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Instant(
              OffsetDateTime.parse(position.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                  .toInstant()
                  .toEpochMilli()));
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(
          "--startPosition must be earliest, latest or an ISO-8601 time such as"
              + " 2026-11-24T10:00:00Z, got '"
              + position
              + "'");
    }
  }

  @Override
  public PCollection<RawEvent> expand(PBegin input) {
    Map<String, Object> consumer = new HashMap<>(clientConfig);
    consumer.put("group.id", consumerGroup);
    Optional<Instant> start = startTime(startPosition);
    consumer.put(
        "auto.offset.reset",
        start.isPresent() ? "earliest" : startPosition.trim().toLowerCase(Locale.ROOT));
    KafkaIO.Read<byte[], byte[]> read =
        KafkaIO.<byte[], byte[]>read()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withKeyDeserializer(ByteArrayDeserializer.class)
            .withValueDeserializer(ByteArrayDeserializer.class)
            .withConsumerConfigUpdates(consumer)
            .withTimestampPolicyFactory(new EventTimePolicy(watermarkDelayMillis))
            .commitOffsetsInFinalize();
    if (start.isPresent()) {
      read = read.withStartReadTime(start.get());
    }
    if (maxRecords > 0) {
      read = read.withMaxNumRecords(maxRecords);
    }
    return input
        .apply("Read " + topic, read)
        .apply("ToRawEvents", ParDo.of(new ToRawEventFn(bootstrapServers, clientConfig)));
  }

  /** Creates an {@link EventTimeWatermark} per partition. */
  static final class EventTimePolicy implements TimestampPolicyFactory<byte[], byte[]> {
    private final long delayMillis;

    EventTimePolicy(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    @Override
    public TimestampPolicy<byte[], byte[]> createTimestampPolicy(
        TopicPartition partition, Optional<Instant> previousWatermark) {
      return new EventTimeWatermark(delayMillis, previousWatermark.orElse(null));
    }
  }

  /**
   * One partition's event times and watermark. The watermark trails the newest event time seen by
   * the delay. When the partition is caught up (no backlog at the last offset check) it may instead
   * follow that check's time, less the delay or {@link #IDLE_GRACE_MILLIS} if longer: so a
   * partition that is idle, or has never had a record, does not hold the job's watermark back.
   * Kafka's own CustomTimestampPolicyWithLimitedDelay waits for a first record before it does that,
   * which stalls a job with an empty partition.
   */
  static final class EventTimeWatermark extends TimestampPolicy<byte[], byte[]> {
    /** Time a record may take from its event time to its broker when the partition is idle. */
    static final long IDLE_GRACE_MILLIS = 1_000;

    private final long delayMillis;
    private Instant newestEventTime;
    private Instant watermark;

    EventTimeWatermark(long delayMillis, Instant previousWatermark) {
      this.delayMillis = delayMillis;
      this.watermark =
          previousWatermark != null ? previousWatermark : BoundedWindow.TIMESTAMP_MIN_VALUE;
      this.newestEventTime = this.watermark;
    }

    @Override
    public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<byte[], byte[]> record) {
      Instant t = eventTime(record, System.currentTimeMillis());
      if (t.isAfter(newestEventTime)) {
        newestEventTime = t;
      }
      return t;
    }

    @Override
    public Instant getWatermark(PartitionContext ctx) {
      Instant candidate = newestEventTime.minus(Duration.millis(delayMillis));
      if (ctx.getMessageBacklog() == 0 && ctx.getBacklogCheckTime() != null) {
        Instant idle =
            ctx.getBacklogCheckTime()
                .minus(Duration.millis(Math.max(delayMillis, IDLE_GRACE_MILLIS)));
        if (idle.isAfter(candidate)) {
          candidate = idle;
        }
      }
      if (candidate.isAfter(watermark)) {
        watermark = candidate;
      }
      return watermark;
    }

    /**
     * The record's event time: its JSON timestamp, else its Kafka timestamp; never after {@code
     * nowMillis}, so that one future timestamp cannot push the watermark ahead of the clock.
     */
    static Instant eventTime(KafkaRecord<byte[], byte[]> record, long nowMillis) {
      long t = EventTimes.timestampMillis(record.getKV().getValue(), record.getTimestamp());
      return new Instant(Math.min(t, nowMillis));
    }
  }

  static final class ToRawEventFn extends DoFn<KafkaRecord<byte[], byte[]>, RawEvent> {
    private static final byte[] EMPTY = new byte[0];

    /** Records larger than this travel as a prefix (see RawEvent#truncated), like file lines. */
    static final int MAX_CARRIED_BYTES =
        io.realtimepipelines.pipelines.io.ReadJsonLines.MAX_LINE_BYTES;

    private final Counter records = Metrics.counter("rtp", "source.kafka.records");
    private final String bootstrapServers;
    private final HashMap<String, String> clientProperties = new HashMap<>();

    ToRawEventFn(String bootstrapServers, Map<String, Object> clientConfig) {
      this.bootstrapServers = bootstrapServers;
      clientConfig.forEach((k, v) -> clientProperties.put(k, String.valueOf(v)));
    }

    @Setup
    public void setup() {
      KafkaConsumerLag.track(bootstrapServers, clientProperties);
    }

    @ProcessElement
    public void process(@Element KafkaRecord<byte[], byte[]> r, OutputReceiver<RawEvent> out) {
      records.inc();
      JobMetrics.kafkaRead(r.getTopic(), r.getTimestamp(), System.currentTimeMillis());
      KafkaConsumerLag.read(r.getTopic(), r.getPartition(), r.getOffset());
      byte[] value = r.getKV().getValue();
      String position = r.getTopic() + "/" + r.getPartition() + "/" + r.getOffset();
      if (value != null && value.length > MAX_CARRIED_BYTES) {
        // As for a file line: carry a prefix, the size and the hash, not the whole record.
        out.output(
            RawEvent.truncated(
                java.util.Arrays.copyOf(value, MAX_CARRIED_BYTES + 1),
                position,
                value.length,
                io.realtimepipelines.validation.DeadLetters.sha256(value)));
        return;
      }
      out.output(RawEvent.of(value == null ? EMPTY : value, position));
    }
  }
}
