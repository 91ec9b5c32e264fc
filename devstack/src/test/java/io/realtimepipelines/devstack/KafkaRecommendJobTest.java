package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.kafka.EventTimes;
import io.realtimepipelines.pipelines.recommend.RecommendJob;
import io.realtimepipelines.recommend.ItemNeighbours;
import io.realtimepipelines.recommend.Neighbour;
import io.realtimepipelines.recommend.RecommendConfig;
import io.realtimepipelines.recommend.RecommendModel;
import io.realtimepipelines.recommend.Recommendation;
import io.realtimepipelines.recommend.SessionRecs;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The recommend job from Kafka to Kafka and Redis against a real broker and a real Redis, on the
 * Direct runner and on embedded Flink: every record ends in one output, the lists are the reference
 * model's, and Redis serves each session's latest list and each item's latest neighbours.
 */
class KafkaRecommendJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GENERATED = 1_200;
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
  void recommendFromKafkaToKafkaAndRedisOnTheDirectRunner() throws Exception {
    runAndCheck("rdirect", List.of("--runner=DirectRunner", "--keyShards=4"));
  }

  @Test
  void recommendFromKafkaToKafkaAndRedisOnEmbeddedFlink() throws Exception {
    runAndCheck(
        "rflink",
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2",
            "--flinkConfDir=" + Paths.get("..", ".ci", "flink-conf").toAbsolutePath().normalize()));
  }

  /**
   * The sample clickstream (with its bad lines and a duplicate) and generated clicks with 5% bad.
   */
  static List<byte[]> inputs() throws Exception {
    List<byte[]> out =
        new ArrayList<>(
            KafkaFraudJobTest.lines(
                Files.readAllBytes(KafkaFraudJobTest.testdata("clickstream.jsonl"))));
    EventGenerator gen =
        EventGenerators.create(EventType.CLICK, GeneratorConfig.defaults().withBadRate(0.05));
    for (long n = 0; n < GENERATED; n++) {
      out.add(gen.generate(n).payload());
    }
    return out;
  }

  private void runAndCheck(String name, List<String> runnerArgs) throws Exception {
    String input = name + ".clicks";
    String prefix = name + ".";
    String redisPrefix = LocalRedis.uniquePrefix();
    String servers = kafka.bootstrapServers();
    kafka.createTopic(input, 2);
    for (String o :
        List.of("session-recs", "item-neighbours", "late", "dead-letters", "duplicates")) {
      kafka.createTopic(prefix + "recommend." + o, 2);
    }
    List<byte[]> payloads = inputs();
    List<String> keys = new ArrayList<>();
    payloads.forEach(p -> keys.add(EventTimes.stringField(p, "sessionId")));
    KafkaTopicsIO.produce(servers, input, payloads, keys, null);

    List<String> args = new ArrayList<>(runnerArgs);
    args.addAll(
        List.of(
            "--source=KAFKA",
            "--bootstrapServers=" + servers,
            "--inputTopic=" + input,
            "--consumerGroup=test-" + name,
            "--startPosition=earliest",
            "--maxRecords=" + payloads.size(),
            "--sink=KAFKA",
            "--outputTopicPrefix=" + prefix,
            "--redisServing=true",
            "--redisPort=" + redis.port(),
            "--redisKeyPrefix=" + redisPrefix));
    RecommendJob.Options options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(RecommendJob.Options.class);
    options.setJobName("recommend");
    PipelineResult result = new RecommendJob().build(options).run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());

    List<ClickEvent> valid = validUnique(payloads);
    RecommendModel.Result model = RecommendModel.run(valid, RecommendConfig.defaults());
    List<ConsumerRecord<String, String>> recs =
        KafkaTopicsIO.readAll(servers, prefix + "recommend.session-recs");
    long dead = KafkaTopicsIO.count(servers, prefix + "recommend.dead-letters");
    long dups = KafkaTopicsIO.count(servers, prefix + "recommend.duplicates");
    long late = KafkaTopicsIO.count(servers, prefix + "recommend.late");
    assertEquals(
        payloads.size(),
        valid.size() + dead + dups + late,
        "every record: valid, dead letter, duplicate or late");
    assertTrue(dead >= 3 + GENERATED / 40, "bad sample lines and generated bad records: " + dead);
    assertEquals(0, late, "a bounded replay has no late data");

    // One list per valid view or add-to-cart, keyed by session, equal to the model's.
    Map<String, String> expected = new TreeMap<>();
    for (SessionRecs r : model.getSessionRecs()) {
      expected.put(r.getEventId(), ids(r));
    }
    Map<String, String> actual = new TreeMap<>();
    for (ConsumerRecord<String, String> r : recs) {
      JsonNode n = JSON.readTree(r.value());
      assertEquals(n.get("sessionKey").asText(), r.key(), "lists are keyed by session");
      List<String> items = new ArrayList<>();
      n.get("recommendations").forEach(x -> items.add(x.get("productId").asText()));
      assertEquals(
          null, actual.put(n.get("eventId").asText(), String.join(",", items)), "listed twice");
    }
    assertEquals(expected, actual);

    // Redis: each session's latest list (event time, then position), each item's latest neighbours.
    Map<String, SessionRecs> latestList = new HashMap<>();
    for (SessionRecs r : model.getSessionRecs()) {
      latestList.merge(
          r.getSessionKey(),
          r,
          (a, b) -> later(b.getTimestamp(), b.getSeq(), a.getTimestamp(), a.getSeq()) ? b : a);
    }
    Map<String, ItemNeighbours> latestNeighbours = new HashMap<>();
    for (ItemNeighbours n : model.getItemNeighbours()) {
      latestNeighbours.merge(
          n.getProductId(),
          n,
          (a, b) ->
              b.getTimestamp().isAfter(a.getTimestamp())
                      || (b.getTimestamp().equals(a.getTimestamp())
                          && b.getEventId().compareTo(a.getEventId()) > 0)
                  ? b
                  : a);
    }
    try (Jedis j = redis.client()) {
      assertEquals(latestList.size(), j.keys(redisPrefix + "recs:session:*").size());
      for (SessionRecs r : latestList.values()) {
        Map<String, String> h = j.hgetAll(redisPrefix + "recs:session:" + r.getSessionKey());
        assertEquals(ids(r), h.get("productIds"), r.getSessionKey());
        assertEquals(r.getEventId(), h.get("eventId"), r.getSessionKey());
        assertEquals(r.getRecommendations().size(), JSON.readTree(h.get("items")).size());
      }
      assertEquals(latestNeighbours.size(), j.keys(redisPrefix + "recs:item:*").size());
      for (ItemNeighbours n : latestNeighbours.values()) {
        Map<String, String> h = j.hgetAll(redisPrefix + "recs:item:" + n.getProductId());
        assertEquals(
            n.getNeighbours().stream()
                .map(Neighbour::getProductId)
                .collect(Collectors.joining(",")),
            h.get("neighbourIds"),
            n.getProductId());
      }
    } finally {
      redis.deleteKeys(redisPrefix);
    }
  }

  private static String ids(SessionRecs r) {
    return r.getRecommendations().stream()
        .map(Recommendation::getProductId)
        .collect(Collectors.joining(","));
  }

  private static boolean later(Instant a, long seqA, Instant b, long seqB) {
    int c = a.compareTo(b);
    return c != 0 ? c > 0 : seqA > seqB;
  }

  /** What validation keeps: decodable clicks, the first of each id. */
  static List<ClickEvent> validUnique(List<byte[]> payloads) {
    RecordDecoder<ClickEvent> decoder =
        new RecordDecoder<>(EventType.CLICK, 262_144, Duration.standardDays(1));
    Map<String, ClickEvent> unique = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (byte[] p : payloads) {
      try {
        ClickEvent c = decoder.decode(p, Instant.now());
        if (seen.add(c.dedupKey())) {
          unique.put(c.dedupKey(), c);
        }
      } catch (ValidationException e) {
        // a dead letter
      }
    }
    return new ArrayList<>(unique.values());
  }
}
