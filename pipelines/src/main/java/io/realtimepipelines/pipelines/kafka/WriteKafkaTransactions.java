package io.realtimepipelines.pipelines.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once output to one topic with one Kafka transaction per checkpoint, not per record.
 *
 * <p>Records are numbered in order by a stateful step ({@code (lineage, seq)}; a lineage is a
 * random id per worker start, so that numbering after a restart never collides with numbering
 * before it). The writer has stable input ({@code @RequiresStableInput}: on Flink it sees a
 * checkpoint's records only once that checkpoint is complete, all in one bundle, and sees the same
 * records again after a restore) and writes each bundle in one transaction, committing with it the
 * last {@code (lineage, seq)} it wrote as consumer-group metadata of {@code <transactionalId>} on
 * the topic's partition 0. A replayed record whose lineage is the committed one and whose number is
 * not above the committed one is skipped. The transactional id is stable across restarts (fencing a
 * crashed writer and aborting its open transaction at once) and unique per job, consumer group and
 * topic.
 *
 * <p>Cost: read_committed consumers see a record after the checkpoint that follows it (up to the
 * checkpoint interval), and every record is kept once more in checkpointed state until then.
 * KafkaIO's own exactly-once sink, which this replaces, commits one transaction per record here
 * (about 8 records/s).
 */
final class WriteKafkaTransactions extends PTransform<PCollection<KV<String, String>>, PDone> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteKafkaTransactions.class);

  private final String bootstrapServers;
  private final String topic;
  private final Map<String, Object> clientConfig;
  private final String transactionalId;

  WriteKafkaTransactions(
      String bootstrapServers,
      String topic,
      Map<String, Object> clientConfig,
      String transactionalId) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.clientConfig = new HashMap<>(clientConfig);
    this.transactionalId = transactionalId;
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> records) {
    records
        .apply(
            "OneShard",
            WithKeys.<Integer, KV<String, String>>of(0).withKeyType(TypeDescriptors.integers()))
        .setCoder(
            KvCoder.of(
                VarIntCoder.of(),
                KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), StringUtf8Coder.of())))
        .apply("NumberRecords", ParDo.of(new NumberRecordsFn()))
        .setCoder(KvCoder.of(VarIntCoder.of(), NumberedCoder.INSTANCE))
        .apply(
            "CommitPerCheckpoint",
            ParDo.of(
                new TransactionalWriteFn(bootstrapServers, topic, clientConfig, transactionalId)));
    return PDone.in(records.getPipeline());
  }

  /** A record with its place in the writer's order. */
  static final class Numbered {
    final String lineage;
    final long seq;
    final String key;
    final String value;

    Numbered(String lineage, long seq, String key, String value) {
      this.lineage = lineage;
      this.seq = seq;
      this.key = key;
      this.value = value;
    }
  }

  static final class NumberedCoder extends AtomicCoder<Numbered> {
    static final NumberedCoder INSTANCE = new NumberedCoder();
    private static final NullableCoder<String> KEY = NullableCoder.of(StringUtf8Coder.of());

    @Override
    public void encode(Numbered n, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(n.lineage, out);
      VarLongCoder.of().encode(n.seq, out);
      KEY.encode(n.key, out);
      StringUtf8Coder.of().encode(n.value, out);
    }

    @Override
    public Numbered decode(InputStream in) throws IOException {
      return new Numbered(
          StringUtf8Coder.of().decode(in),
          VarLongCoder.of().decode(in),
          KEY.decode(in),
          StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Numbers each shard's records 0, 1, 2, … within the lineage of this worker start. */
  static final class NumberRecordsFn
      extends DoFn<KV<Integer, KV<String, String>>, KV<Integer, Numbered>> {
    @StateId("lineage")
    private final StateSpec<ValueState<String>> lineageSpec =
        StateSpecs.value(StringUtf8Coder.of());

    @StateId("next")
    private final StateSpec<ValueState<Long>> nextSpec = StateSpecs.value(VarLongCoder.of());

    private transient String lineage;

    @Setup
    public void setup() {
      lineage = UUID.randomUUID().toString();
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, KV<String, String>> e,
        @StateId("lineage") ValueState<String> lineageState,
        @StateId("next") ValueState<Long> nextState,
        OutputReceiver<KV<Integer, Numbered>> out) {
      long next = 0;
      if (lineage.equals(lineageState.read())) {
        Long stored = nextState.read();
        next = stored == null ? 0 : stored;
      } else {
        LOG.info("numbering records in lineage {} (state had {})", lineage, lineageState.read());
        lineageState.write(lineage);
      }
      nextState.write(next + 1);
      out.output(
          KV.of(
              e.getKey(),
              new Numbered(lineage, next, e.getValue().getKey(), e.getValue().getValue())));
    }
  }

  /** Writes each stable bundle of a shard in one transaction, skipping what is committed. */
  static final class TransactionalWriteFn extends DoFn<KV<Integer, Numbered>, Void> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lineages remembered in the commit metadata (a restored buffer may hold a few old ones). */
    private static final int MAX_LINEAGES = 32;

    private final String bootstrapServers;
    private final String topic;
    private final Map<String, Object> clientConfig;
    private final String transactionalId;
    private final Counter written = Metrics.counter("rtp", "kafka.eos.written");
    private final Counter skipped = Metrics.counter("rtp", "kafka.eos.replays_skipped");
    private final Counter transactions = Metrics.counter("rtp", "kafka.eos.transactions");

    /** Marks this step keyed (one worker per shard); holds records written per shard. */
    @StateId("written")
    private final StateSpec<ValueState<Long>> writtenSpec = StateSpecs.value(VarLongCoder.of());

    private transient Map<Integer, KafkaProducer<String, String>> producers;

    /**
     * Per shard: for each recent lineage, the highest seq up to which every record is committed (as
     * Kafka says; most recently written lineage first).
     */
    private transient Map<Integer, LinkedHashMap<String, Long>> committed;

    /** Per shard: the last record sent in the open transaction. */
    private transient Map<Integer, Numbered> open;

    /** Per shard: the first record of the open transaction, and records skipped in the bundle. */
    private transient Map<Integer, Numbered> first;

    private transient Map<Integer, Long> skippedInBundle;

    TransactionalWriteFn(
        String bootstrapServers,
        String topic,
        Map<String, Object> clientConfig,
        String transactionalId) {
      this.bootstrapServers = bootstrapServers;
      this.topic = topic;
      this.clientConfig = clientConfig;
      this.transactionalId = transactionalId;
    }

    @Setup
    public void setup() {
      producers = new HashMap<>();
      committed = new HashMap<>();
    }

    @StartBundle
    public void startBundle() {
      open = new LinkedHashMap<>();
      first = new HashMap<>();
      skippedInBundle = new HashMap<>();
    }

    @RequiresStableInput
    @ProcessElement
    public void process(
        @Element KV<Integer, Numbered> e, @StateId("written") ValueState<Long> count) {
      int shard = e.getKey();
      Numbered n = e.getValue();
      KafkaProducer<String, String> producer = producer(shard);
      Long done = committed.get(shard).get(n.lineage);
      if (done != null && n.seq <= done) {
        skipped.inc();
        skippedInBundle.merge(shard, 1L, Long::sum);
        return;
      }
      Numbered pending = open.get(shard);
      if (pending != null && !pending.lineage.equals(n.lineage)) {
        commit(shard, pending);
        pending = null;
      }
      if (pending == null) {
        producer.beginTransaction();
        first.put(shard, n);
      }
      producer.send(new ProducerRecord<>(topic, n.key, n.value));
      open.put(shard, n);
      Long c = count.read();
      count.write(c == null ? 1 : c + 1);
      written.inc();
    }

    @FinishBundle
    public void finishBundle() {
      for (Map.Entry<Integer, Numbered> e : new java.util.ArrayList<>(open.entrySet())) {
        commit(e.getKey(), e.getValue());
      }
    }

    private void commit(int shard, Numbered last) {
      KafkaProducer<String, String> producer = producers.get(shard);
      Numbered from = first.get(shard);
      LinkedHashMap<String, Long> history = new LinkedHashMap<>();
      Long done = committed.get(shard).get(last.lineage);
      long contiguous = done == null ? -1 : done;
      // Only a run that continues the committed prefix moves it: records released out of order
      // are written, never skipped later (a duplicate at worst, never a loss).
      history.put(
          last.lineage,
          from != null && from.seq <= contiguous + 1 ? Math.max(contiguous, last.seq) : contiguous);
      for (Map.Entry<String, Long> e : committed.get(shard).entrySet()) {
        if (history.size() < MAX_LINEAGES && !history.containsKey(e.getKey())) {
          history.put(e.getKey(), e.getValue());
        }
      }
      try {
        producer.sendOffsetsToTransaction(
            Map.of(new TopicPartition(topic, shard), new OffsetAndMetadata(0L, encode(history))),
            new ConsumerGroupMetadata(transactionalId));
        producer.commitTransaction();
        transactions.inc();
        committed.put(shard, history);
        open.remove(shard);
        LOG.info(
            "{}: committed lineage {} seq {}..{} ({} skipped as already written)",
            transactionalId,
            last.lineage,
            from == null ? "?" : from.seq,
            last.seq,
            skippedInBundle.getOrDefault(shard, 0L));
      } catch (RuntimeException ex) {
        // The runner retries from the last checkpoint; a new producer fences this one.
        producers.remove(shard).close();
        committed.remove(shard);
        throw ex;
      }
    }

    /** {"lineage-id": seq, ...}, most recent first: well under Kafka's 4 KiB metadata limit. */
    private static String encode(LinkedHashMap<String, Long> history) {
      com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
      history.forEach(node::put);
      return node.toString();
    }

    private KafkaProducer<String, String> producer(int shard) {
      KafkaProducer<String, String> p = producers.get(shard);
      if (p != null) {
        return p;
      }
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put("bootstrap.servers", bootstrapServers);
      config.put("acks", "all");
      config.put("enable.idempotence", "true");
      config.put("transactional.id", transactionalId + "-" + shard);
      p = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
      // Fences a crashed writer with the same id and aborts its open transaction.
      p.initTransactions();
      producers.put(shard, p);
      LinkedHashMap<String, Long> c = readCommitted(shard);
      committed.put(shard, c);
      LOG.info("{}: writer started; committed so far (lineage=seq): {}", transactionalId, c);
      return p;
    }

    private LinkedHashMap<String, Long> readCommitted(int shard) {
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put("bootstrap.servers", bootstrapServers);
      config.put("group.id", transactionalId);
      config.put("enable.auto.commit", "false");
      LinkedHashMap<String, Long> history = new LinkedHashMap<>();
      try (KafkaConsumer<String, String> c =
          new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
        TopicPartition tp = new TopicPartition(topic, shard);
        OffsetAndMetadata m = c.committed(java.util.Set.of(tp)).get(tp);
        if (m != null && m.metadata() != null && !m.metadata().isEmpty()) {
          JsonNode node = JSON.readTree(m.metadata());
          node.fields().forEachRemaining(e -> history.put(e.getKey(), e.getValue().asLong()));
        }
        return history;
      } catch (IOException ex) {
        throw new IllegalStateException(
            "unreadable exactly-once metadata of " + transactionalId, ex);
      }
    }

    @Teardown
    public void teardown() {
      if (producers != null) {
        producers.values().forEach(KafkaProducer::close);
      }
    }
  }
}
