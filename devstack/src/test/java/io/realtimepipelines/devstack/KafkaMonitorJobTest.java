package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.MetricSample;
import io.realtimepipelines.monitor.MetricAlert;
import io.realtimepipelines.monitor.MonitorConfig;
import io.realtimepipelines.monitor.MonitorModel;
import io.realtimepipelines.monitor.WindowStats;
import io.realtimepipelines.pipelines.kafka.EventTimes;
import io.realtimepipelines.pipelines.monitor.MonitorJob;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * The monitor job from Kafka to Kafka and Redis against a real broker and a real Redis (Direct
 * runner): every record ends in one output, alerts equal the reference model's, and Redis holds
 * each series' latest window and each rule's latest alert state.
 */
class KafkaMonitorJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void monitorFromKafkaToKafkaAndRedisOnTheDirectRunner() throws Exception {
    String name = "mdirect";
    String input = name + ".metrics";
    String prefix = name + ".";
    String redisPrefix = LocalRedis.uniquePrefix();
    String servers = kafka.bootstrapServers();
    kafka.createTopic(input, 2);
    for (String o : List.of("stats", "alerts", "late", "dead-letters", "duplicates")) {
      kafka.createTopic(prefix + "monitor." + o, 2);
    }
    List<byte[]> payloads =
        new ArrayList<>(
            KafkaFraudJobTest.lines(
                Files.readAllBytes(KafkaFraudJobTest.testdata("metrics.jsonl"))));
    payloads.addAll(
        KafkaFraudJobTest.lines(
            Files.readAllBytes(KafkaFraudJobTest.testdata("metrics-bad.jsonl"))));
    List<String> keys = new ArrayList<>();
    payloads.forEach(p -> keys.add(EventTimes.stringField(p, "source")));
    KafkaTopicsIO.produce(servers, input, payloads, keys, null);

    String[] args = {
      "--runner=DirectRunner",
      "--keyShards=4",
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
      "--redisKeyPrefix=" + redisPrefix
    };
    MonitorJob.Options options = PipelineOptionsFactory.fromArgs(args).as(MonitorJob.Options.class);
    options.setJobName("monitor");
    PipelineResult result = new MonitorJob().build(options).run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());

    List<MetricSample> valid = validUnique(payloads);
    MonitorModel.Result model = MonitorModel.run(valid, MonitorConfig.defaults());
    long dead = KafkaTopicsIO.count(servers, prefix + "monitor.dead-letters");
    long dups = KafkaTopicsIO.count(servers, prefix + "monitor.duplicates");
    long late = KafkaTopicsIO.count(servers, prefix + "monitor.late");
    assertEquals(
        payloads.size(),
        valid.size() + dead + dups + late,
        "every record: valid, dead letter, duplicate or late");
    assertEquals(0, late, "a bounded replay has no late data");

    List<String> expected = new ArrayList<>();
    model.alerts.forEach(
        a ->
            expected.add(
                a.seriesKey()
                    + " "
                    + a.getRule()
                    + " "
                    + a.getStatus()
                    + " "
                    + a.getWindowStart()));
    expected.sort(null);
    List<String> actual = new ArrayList<>();
    for (ConsumerRecord<String, String> r :
        KafkaTopicsIO.readAll(servers, prefix + "monitor.alerts")) {
      JsonNode n = JSON.readTree(r.value());
      String series = n.get("source").asText() + "|" + n.get("metric").asText();
      assertEquals(series, r.key(), "alerts are keyed by series");
      actual.add(
          series
              + " "
              + n.get("rule").asText()
              + " "
              + n.get("status").asText()
              + " "
              + n.get("windowStart").asText());
    }
    actual.sort(null);
    assertEquals(expected, actual);

    Map<String, WindowStats> lastWindow = new TreeMap<>();
    model.stats.forEach(
        w ->
            lastWindow.merge(
                w.seriesKey(), w, (a, b) -> b.getWindowEnd().isAfter(a.getWindowEnd()) ? b : a));
    Map<String, MetricAlert> lastAlert = new LinkedHashMap<>();
    model.alerts.forEach(a -> lastAlert.put(a.seriesKey() + "|" + a.getRule(), a));
    try (Jedis j = redis.client()) {
      assertEquals(lastWindow.size(), j.keys(redisPrefix + "monitor:series:*").size());
      for (WindowStats w : lastWindow.values()) {
        Map<String, String> h =
            j.hgetAll(redisPrefix + "monitor:series:" + w.getSource() + ":" + w.getMetric());
        assertEquals(w.getWindowEnd().toString(), h.get("windowEnd"), w.seriesKey());
        assertEquals(w.getCount(), Long.parseLong(h.get("count")), w.seriesKey());
      }
      assertEquals(lastAlert.size(), j.keys(redisPrefix + "monitor:alert:*").size());
      for (MetricAlert a : lastAlert.values()) {
        Map<String, String> h =
            j.hgetAll(
                redisPrefix
                    + "monitor:alert:"
                    + a.getSource()
                    + ":"
                    + a.getMetric()
                    + ":"
                    + a.getRule());
        assertEquals(a.getStatus().name(), h.get("status"), a.toString());
        assertEquals(a.getSince().toString(), h.get("since"), a.toString());
      }
    } finally {
      redis.deleteKeys(redisPrefix);
    }
  }

  static List<MetricSample> validUnique(List<byte[]> payloads) {
    RecordDecoder<MetricSample> decoder =
        new RecordDecoder<>(EventType.METRIC, 262_144, Duration.standardDays(1));
    Map<String, MetricSample> unique = new LinkedHashMap<>();
    for (byte[] p : payloads) {
      try {
        MetricSample s = decoder.decode(p, Instant.now());
        unique.putIfAbsent(s.dedupKey(), s);
      } catch (ValidationException e) {
        // a dead letter
      }
    }
    return new ArrayList<>(unique.values());
  }
}
