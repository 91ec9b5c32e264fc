package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.fraud.FraudJob;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.kafka.EventTimes;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The fraud job from Kafka to Kafka against a real broker, on the Direct runner and on embedded
 * Flink: every produced record ends in exactly one output, every dead letter names the
 * topic/partition/offset it came from, and the decisions are the reference model's.
 */
class KafkaFraudJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GENERATED = 1_500;
  private static LocalKafka kafka;
  private static LocalRedis redis;

  @BeforeAll
  static void startServers() throws Exception {
    kafka = LocalKafka.start(0);
    redis = LocalRedis.shared();
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void fraudFromKafkaToKafkaOnTheDirectRunner() throws Exception {
    runAndCheck("direct", List.of("--runner=DirectRunner"), false);
  }

  @Test
  void fraudFromKafkaToKafkaOnEmbeddedFlink() throws Exception {
    runAndCheck(
        "flink",
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2",
            "--streaming=true",
            "--flinkConfDir=" + Paths.get("..", ".ci", "flink-conf").toAbsolutePath().normalize()),
        false);
  }

  /**
   * Decided on arrival ({@code --decideOnArrival=true}): decisions depend on the order records
   * arrive in, so not compared with the model; every transaction is still decided exactly once,
   * none is late, and Redis still holds each account's newest transaction by event time. With the
   * bundles, network buffers and runner keys the launcher gives an on-arrival job without Redis
   * steps (RunnerDefaults: 100 ms bundles, buffers sent per record, one runner key per IP, account
   * and merchant, deduplication on 128).
   */
  @Test
  void fraudDecidedOnArrivalFromKafkaOnEmbeddedFlinkDecidesEachTransactionOnce(
      @TempDir Path confDir) throws Exception {
    Path ciConf = Paths.get("..", ".ci", "flink-conf", "flink-conf.yaml");
    Files.writeString(
        confDir.resolve("flink-conf.yaml"),
        Files.readString(ciConf) + "\nexecution.buffer-timeout.interval: 0 ms\n");
    runAndCheck(
        "arrival",
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2",
            "--streaming=true",
            "--decideOnArrival=true",
            "--maxBundleTimeMills=100",
            "--keyShards=0",
            "--flinkConfDir=" + confDir),
        true);
  }

  /**
   * A live (unbounded) job whose topic has one partition that never gets a record: the empty
   * partition must not hold the watermark back, or no decision would ever come out.
   */
  @Test
  void anIdlePartitionDoesNotStallDecisions() throws Exception {
    String input = "idle.transactions";
    kafka.createTopic(input, 2);
    for (String output : List.of("decisions", "alerts", "late", "dead-letters", "duplicates")) {
      kafka.createTopic("idle.fraud." + output, 2);
    }
    List<byte[]> payloads = lines(Files.readAllBytes(testdata("transactions.jsonl")));
    KafkaTopicsIO.produce(kafka.bootstrapServers(), input, payloads, null, 0);
    Map<String, String> expected = new TreeMap<>();
    for (Decision d :
        FraudModel.decide(validUnique(payloads), List.of(), FraudJob.defaultRules())) {
      expected.put(d.getTxnId(), d.getAction() + " " + d.getScore());
    }

    FraudJob.Options options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                // A test of the watermark, not of crashes: the Direct runner cannot checkpoint.
                "--allowDataLossOnCrash=true",
                "--blockOnRun=false",
                "--source=KAFKA",
                "--bootstrapServers=" + kafka.bootstrapServers(),
                "--inputTopic=" + input,
                "--startPosition=earliest",
                // The test file is up to 20 minutes out of order: keep all of it on time.
                "--watermarkDelayMillis=1800000",
                "--sink=KAFKA",
                "--outputTopicPrefix=idle.")
            .as(FraudJob.Options.class);
    options.setJobName("fraud");
    PipelineResult result = new FraudJob().build(options).run();
    try {
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(300).toNanos();
      while (KafkaTopicsIO.count(kafka.bootstrapServers(), "idle.fraud.decisions")
          < expected.size()) {
        assertTrue(
            System.nanoTime() < deadline,
            "decisions stalled: the empty partition held the watermark back");
        result.waitUntilFinish(org.joda.time.Duration.millis(500)); // polls the running job
      }
    } finally {
      result.cancel();
    }
    Map<String, String> actual = new TreeMap<>();
    for (ConsumerRecord<String, String> r :
        KafkaTopicsIO.readAll(kafka.bootstrapServers(), "idle.fraud.decisions")) {
      JsonNode d = JSON.readTree(r.value());
      actual.put(r.key(), d.get("action").asText() + " " + d.get("score").asInt());
    }
    assertEquals(expected, actual);
  }

  /** Test data (good, duplicate and bad lines) plus generated transactions with 5% bad records. */
  static List<byte[]> inputs() throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (String file : List.of("transactions.jsonl", "transactions-bad.jsonl")) {
      out.addAll(lines(Files.readAllBytes(testdata(file))));
    }
    EventGenerator gen =
        EventGenerators.create(EventType.TRANSACTION, GeneratorConfig.defaults().withBadRate(0.05));
    for (long n = 0; n < GENERATED; n++) {
      out.add(gen.generate(n).payload());
    }
    return out;
  }

  /**
   * Lines as bytes (some test lines are deliberately not UTF-8); no record after a final newline.
   */
  static List<byte[]> lines(byte[] all) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        if (i > start || i < all.length) {
          out.add(java.util.Arrays.copyOfRange(all, start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  static Path testdata(String file) {
    return Paths.get("..", "testdata", file);
  }

  private void runAndCheck(String name, List<String> runnerArgs, boolean onArrival)
      throws Exception {
    String input = name + ".transactions";
    String prefix = name + ".";
    String redisPrefix = LocalRedis.uniquePrefix();
    kafka.createTopic(input, 2);
    for (String output : List.of("decisions", "alerts", "late", "dead-letters", "duplicates")) {
      kafka.createTopic(prefix + "fraud." + output, 2);
    }
    List<byte[]> payloads = inputs();
    List<String> keys = new ArrayList<>();
    payloads.forEach(p -> keys.add(EventTimes.stringField(p, "accountId")));
    List<KafkaTopicsIO.Produced> produced =
        KafkaTopicsIO.produce(kafka.bootstrapServers(), input, payloads, keys, null);
    Map<String, byte[]> byPosition = new HashMap<>();
    produced.forEach(p -> byPosition.put(input + "/" + p.partition + "/" + p.offset, p.payload));

    List<String> args = new ArrayList<>(runnerArgs);
    args.addAll(
        List.of(
            "--source=KAFKA",
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopic=" + input,
            "--consumerGroup=test-" + name,
            "--startPosition=earliest",
            "--maxRecords=" + payloads.size(),
            "--sink=KAFKA",
            "--outputTopicPrefix=" + prefix,
            "--redisServing=true",
            "--redisPort=" + redis.port(),
            "--redisKeyPrefix=" + redisPrefix));
    FraudJob.Options options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(FraudJob.Options.class);
    options.setJobName("fraud");
    Pipeline pipeline = new FraudJob().build(options);
    PipelineResult result = pipeline.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());

    String servers = kafka.bootstrapServers();
    List<ConsumerRecord<String, String>> decisions =
        KafkaTopicsIO.readAll(servers, prefix + "fraud.decisions");
    List<ConsumerRecord<String, String>> alerts =
        KafkaTopicsIO.readAll(servers, prefix + "fraud.alerts");
    List<ConsumerRecord<String, String>> late =
        KafkaTopicsIO.readAll(servers, prefix + "fraud.late");
    List<ConsumerRecord<String, String>> dead =
        KafkaTopicsIO.readAll(servers, prefix + "fraud.dead-letters");
    List<ConsumerRecord<String, String>> dups =
        KafkaTopicsIO.readAll(servers, prefix + "fraud.duplicates");

    // Nothing lost, nothing twice.
    assertEquals(
        payloads.size(),
        decisions.size() + late.size() + dead.size() + dups.size(),
        "decisions "
            + decisions.size()
            + " + late "
            + late.size()
            + " + dead letters "
            + dead.size()
            + " + duplicates "
            + dups.size());
    assertTrue(dead.size() >= 18, "the bad test lines and generated bad records: " + dead.size());
    assertEquals(0, late.size(), "a bounded replay has no late data");

    // Every dead letter names its record, and carries that record's bytes.
    Set<String> positions = new HashSet<>();
    for (ConsumerRecord<String, String> r : dead) {
      JsonNode d = JSON.readTree(r.value());
      String position = d.get("sourcePosition").asText();
      assertEquals(position, r.key(), "dead letters are keyed by their source position");
      assertTrue(byPosition.containsKey(position), "no such record: " + position);
      assertTrue(positions.add(position), "dead letter twice: " + position);
      byte[] raw = byPosition.get(position);
      String payload = d.get("payload").asText();
      byte[] carried =
          d.get("payloadEncoding").asText().equals("base64")
              ? Base64.getDecoder().decode(payload)
              : payload.getBytes(StandardCharsets.UTF_8);
      if (!d.get("payloadTruncated").asBoolean()) {
        assertEquals(
            new String(raw, StandardCharsets.ISO_8859_1),
            new String(carried, StandardCharsets.ISO_8859_1),
            "payload of " + position);
      }
    }

    // Decisions keyed by transaction id, once each, equal to the reference model's.
    Map<String, String> actual = new TreeMap<>();
    for (ConsumerRecord<String, String> r : decisions) {
      JsonNode d = JSON.readTree(r.value());
      assertEquals(d.get("txnId").asText(), r.key());
      String was = actual.put(r.key(), d.get("action").asText() + " " + d.get("score").asInt());
      assertEquals(null, was, "decided twice: " + r.key());
    }
    Map<String, String> expected = new TreeMap<>();
    for (Decision d :
        FraudModel.decide(validUnique(payloads), List.of(), FraudJob.defaultRules())) {
      expected.put(d.getTxnId(), d.getAction() + " " + d.getScore());
    }
    if (onArrival) {
      assertEquals(expected.keySet(), actual.keySet(), "every transaction decided, once");
    } else {
      assertEquals(expected, actual);
    }
    long expectedAlerts = actual.values().stream().filter(v -> !v.startsWith("APPROVE")).count();
    assertEquals(expectedAlerts, alerts.size());

    // Redis serves exactly the latest decision of every account.
    Map<String, Decision> latest = new HashMap<>();
    for (Decision d :
        FraudModel.decide(validUnique(payloads), List.of(), FraudJob.defaultRules())) {
      latest.merge(d.getAccountId(), d, (a, b) -> later(b, a) ? b : a);
    }
    try (Jedis j = redis.client()) {
      assertEquals(latest.size(), j.keys(redisPrefix + "fraud:account:*").size());
      for (Decision d : latest.values()) {
        Map<String, String> h = j.hgetAll(redisPrefix + "fraud:account:" + d.getAccountId());
        assertEquals(d.getTxnId(), h.get("txnId"), d.getAccountId());
        if (!onArrival) {
          assertEquals(d.getAction().name(), h.get("action"), d.getAccountId());
          assertEquals(Integer.toString(d.getScore()), h.get("score"), d.getAccountId());
        }
      }
    } finally {
      redis.deleteKeys(redisPrefix);
    }
  }

  /** The serving write's order: event time, then transaction id. */
  private static boolean later(Decision a, Decision b) {
    int c = a.getTimestamp().compareTo(b.getTimestamp());
    return c != 0 ? c > 0 : a.getTxnId().compareTo(b.getTxnId()) > 0;
  }

  /** What validation keeps: decodable records, the first of each id. */
  static List<Transaction> validUnique(List<byte[]> payloads) {
    RecordDecoder<Transaction> decoder =
        new RecordDecoder<>(EventType.TRANSACTION, 262_144, Duration.standardDays(1));
    Map<String, Transaction> unique = new LinkedHashMap<>();
    for (byte[] p : payloads) {
      try {
        Transaction t = decoder.decode(p, Instant.now());
        unique.putIfAbsent(t.dedupKey(), t);
      } catch (ValidationException e) {
        // a dead letter
      }
    }
    return new ArrayList<>(unique.values());
  }
}
