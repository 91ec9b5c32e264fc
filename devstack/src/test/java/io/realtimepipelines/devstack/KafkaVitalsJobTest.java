package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.pipelines.PipelineInfo;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.kafka.EventTimes;
import io.realtimepipelines.pipelines.vitals.VitalsJob;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import io.realtimepipelines.vitals.News2Score;
import io.realtimepipelines.vitals.Pseudonymiser;
import io.realtimepipelines.vitals.VitalsConfig;
import io.realtimepipelines.vitals.VitalsModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The vitals job from Kafka to Kafka and Redis against a real broker and a real Redis, on the
 * Direct runner and on embedded Flink, with patient ids pseudonymised: every reading ends in
 * exactly one output, the NEWS2 scores are the reference model's, Redis serves each patient's
 * latest score under its pseudonym, and no patient id appears in clear in a topic or a key.
 */
class KafkaVitalsJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GENERATED = 1_500;
  private static final String KEY = "kafka-vitals-test-key-0123456789abcdef";
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
  void vitalsFromKafkaToKafkaAndRedisOnTheDirectRunner(@TempDir Path tmp) throws Exception {
    runAndCheck("vdirect", tmp, List.of("--runner=DirectRunner", "--keyShards=4"));
  }

  @Test
  void vitalsFromKafkaToKafkaAndRedisOnEmbeddedFlink(@TempDir Path tmp) throws Exception {
    runAndCheck(
        "vflink",
        tmp,
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2",
            "--flinkConfDir=" + Paths.get("..", ".ci", "flink-conf").toAbsolutePath().normalize()));
  }

  /** The sample readings (with their bad lines) and generated readings with 5% bad. */
  static List<byte[]> inputs() throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (String f : List.of("vitals.jsonl", "vitals-bad.jsonl")) {
      out.addAll(KafkaFraudJobTest.lines(Files.readAllBytes(KafkaFraudJobTest.testdata(f))));
    }
    EventGenerator gen =
        EventGenerators.create(EventType.VITAL, GeneratorConfig.defaults().withBadRate(0.05));
    for (long n = 0; n < GENERATED; n++) {
      out.add(gen.generate(n).payload());
    }
    return out;
  }

  private void runAndCheck(String name, Path tmp, List<String> runnerArgs) throws Exception {
    String input = name + ".vitals";
    String prefix = name + ".";
    String redisPrefix = LocalRedis.uniquePrefix();
    String servers = kafka.bootstrapServers();
    kafka.createTopic(input, 2);
    for (String o :
        List.of(
            "cleaned",
            "review",
            "gaps",
            "news2",
            "alerts",
            "quality",
            "late",
            "dead-letters",
            "duplicates")) {
      kafka.createTopic(prefix + "vitals." + o, 2);
    }
    List<byte[]> payloads = inputs();
    List<String> keys = new ArrayList<>();
    payloads.forEach(p -> keys.add(EventTimes.stringField(p, "patientId")));
    KafkaTopicsIO.produce(servers, input, payloads, keys, null);
    Path keyFile = tmp.resolve("pseudonym.key");
    Files.writeString(keyFile, KEY + "\n");

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
            "--redisKeyPrefix=" + redisPrefix,
            "--pseudonymKeyFile=" + keyFile));
    VitalsJob.Options options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(VitalsJob.Options.class);
    options.setJobName("vitals");
    PipelineResult result = new VitalsJob().build(options).run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());

    Pseudonymiser pseudonyms = new Pseudonymiser(KEY.getBytes(StandardCharsets.UTF_8));
    List<VitalSign> valid = validUnique(payloads);
    List<VitalSign> pseudonymised =
        valid.stream()
            .map(v -> v.withPatientId(pseudonyms.pseudonym(v.getPatientId())))
            .collect(Collectors.toList());
    VitalsModel.Result model =
        VitalsModel.run(
            pseudonymised, VitalsConfig.defaults(), VitalsJob.NAME, PipelineInfo.version(), true);

    long dead = KafkaTopicsIO.count(servers, prefix + "vitals.dead-letters");
    long dups = KafkaTopicsIO.count(servers, prefix + "vitals.duplicates");
    long late = KafkaTopicsIO.count(servers, prefix + "vitals.late");
    long cleanedReal = 0;
    for (ConsumerRecord<String, String> r :
        KafkaTopicsIO.readAll(servers, prefix + "vitals.cleaned")) {
      cleanedReal += JSON.readTree(r.value()).path("imputed").asBoolean(false) ? 0 : 1;
    }
    long review = KafkaTopicsIO.count(servers, prefix + "vitals.review");
    assertEquals(
        payloads.size(),
        valid.size() + dead + dups,
        "every record: valid, dead letter or duplicate");
    assertEquals(
        valid.size(), cleanedReal + review + late, "every valid reading: cleaned, review or late");
    assertTrue(dead >= 3 + GENERATED / 40, "bad sample lines and generated bad records: " + dead);
    assertEquals(0, late, "a bounded replay has no late data");

    // The NEWS2 topic is the model's scores, keyed by the pseudonym.
    List<ConsumerRecord<String, String>> scores =
        KafkaTopicsIO.readAll(servers, prefix + "vitals.news2");
    assertFalse(model.scores.isEmpty(), "the input has complete enough vitals to score");
    Map<String, Integer> expected = new TreeMap<>();
    for (News2Score s : model.scores) {
      expected.put(s.getPatientId() + "@" + s.getTimestamp(), s.getScore());
    }
    Map<String, Integer> actual = new TreeMap<>();
    for (ConsumerRecord<String, String> r : scores) {
      JsonNode n = JSON.readTree(r.value());
      assertEquals(n.get("patientId").asText(), r.key(), "scores are keyed by patient");
      assertEquals(
          null,
          actual.put(
              n.get("patientId").asText() + "@" + Instant.parse(n.get("timestamp").asText()),
              n.get("score").asInt()),
          "scored twice at one instant");
    }
    assertEquals(expected, actual);

    // Redis: each patient's latest score, under its pseudonym.
    Map<String, News2Score> latest = new HashMap<>();
    for (News2Score s : model.scores) {
      latest.merge(
          s.getPatientId(), s, (a, b) -> b.getTimestamp().isAfter(a.getTimestamp()) ? b : a);
    }
    try (Jedis j = redis.client()) {
      Set<String> redisKeys = j.keys(redisPrefix + "vitals:news2:*");
      assertEquals(latest.size(), redisKeys.size());
      for (String k : redisKeys) {
        assertTrue(k.startsWith(redisPrefix + "vitals:news2:pt-"), "pseudonym in the key: " + k);
      }
      for (News2Score s : latest.values()) {
        Map<String, String> h = j.hgetAll(redisPrefix + "vitals:news2:" + s.getPatientId());
        assertEquals(Integer.toString(s.getScore()), h.get("score"), s.getPatientId());
        assertEquals(s.getLevel().name(), h.get("level"), s.getPatientId());
        assertEquals(s.getTimestamp().toString(), h.get("eventTime"), s.getPatientId());
        assertEquals(
            s.getParts().stream()
                .map(p -> p.getParameter() + "=" + p.getPoints())
                .collect(Collectors.joining(",")),
            h.get("points"),
            s.getPatientId());
        assertEquals(String.join(",", s.getMissing()), h.get("missing"), s.getPatientId());
        assertEquals(s.getParts().size(), JSON.readTree(h.get("parts")).size());
      }
    } finally {
      redis.deleteKeys(redisPrefix);
    }

    // No patient id in clear in any output topic.
    Set<String> ids = valid.stream().map(VitalSign::getPatientId).collect(Collectors.toSet());
    for (String o :
        List.of("cleaned", "review", "gaps", "news2", "alerts", "quality", "duplicates")) {
      for (ConsumerRecord<String, String> r :
          KafkaTopicsIO.readAll(servers, prefix + "vitals." + o)) {
        String pid = JSON.readTree(r.value()).path("patientId").asText();
        assertFalse(ids.contains(pid) || ids.contains(r.key()), o + " has a patient id in clear");
      }
    }
  }

  /** What validation keeps: decodable readings, the first of each id. */
  static List<VitalSign> validUnique(List<byte[]> payloads) {
    RecordDecoder<VitalSign> decoder =
        new RecordDecoder<>(EventType.VITAL, 262_144, Duration.standardDays(1));
    Map<String, VitalSign> unique = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (byte[] p : payloads) {
      try {
        VitalSign v = decoder.decode(p, Instant.now());
        if (seen.add(v.dedupKey())) {
          unique.put(v.dedupKey(), v);
        }
      } catch (ValidationException e) {
        // a dead letter
      }
    }
    return new ArrayList<>(unique.values());
  }
}
