package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.pipelines.pricing.PricingJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pricing job live from three Kafka topics (clicks, inventory, competitor prices, with some bad
 * records) to Kafka: the same price updates as the same events from files, every bad record a dead
 * letter with its offset, and every valid event applied, unpriced or late.
 */
class KafkaPricingJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<byte[]> BAD =
      List.of(
          "{not json".getBytes(StandardCharsets.UTF_8),
          new byte[0],
          "{\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
  private static LocalKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = LocalKafka.start(0);
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void pricingFromKafkaEqualsTheFileRunAndLosesNothing(@TempDir Path out) throws Exception {
    // Reference: the same events from the files.
    PricingJob.Options fileRun =
        options(
            "--input=" + KafkaFraudJobTest.testdata("clicks.jsonl"),
            "--inventoryInput=" + KafkaFraudJobTest.testdata("inventory.jsonl"),
            "--competitorInput=" + KafkaFraudJobTest.testdata("competitor_prices.jsonl"),
            "--outputDir=" + out);
    assertEquals(
        PipelineResult.State.DONE, new PricingJob().build(fileRun).run().waitUntilFinish());
    Map<String, String> expected = new TreeMap<>();
    for (String line : fileLines(out.resolve("pricing/price-updates"))) {
      put(expected, JSON.readTree(line));
    }
    assertTrue(expected.size() >= 2, "testdata moves prices: " + expected);

    String servers = kafka.bootstrapServers();
    int records = 0;
    Map<String, String> topics =
        Map.of(
            "k.clicks",
            "clicks.jsonl",
            "k.inventory",
            "inventory.jsonl",
            "k.competitor-prices",
            "competitor_prices.jsonl");
    for (Map.Entry<String, String> t : topics.entrySet()) {
      kafka.createTopic(t.getKey(), 2);
      List<byte[]> payloads =
          new ArrayList<>(
              KafkaFraudJobTest.lines(
                  Files.readAllBytes(KafkaFraudJobTest.testdata(t.getValue()))));
      if (t.getKey().equals("k.clicks")) {
        payloads.addAll(BAD);
      }
      KafkaTopicsIO.produce(servers, t.getKey(), payloads, null, null);
      records += payloads.size();
    }
    for (String o : List.of("price-updates", "late", "unpriced", "dead-letters", "duplicates")) {
      kafka.createTopic("k.pricing." + o, 2);
    }

    PricingJob.Options live =
        options(
            "--blockOnRun=false",
            // A test of three live topics, not of crashes: the Direct runner cannot checkpoint.
            "--allowDataLossOnCrash=true",
            "--source=KAFKA",
            "--bootstrapServers=" + servers,
            "--inputTopic=k.clicks",
            "--inventoryTopic=k.inventory",
            "--competitorTopic=k.competitor-prices",
            "--startPosition=earliest",
            // The test files are out of order by up to 20 minutes: keep all of them on time.
            "--watermarkDelayMillis=1800000",
            "--sink=KAFKA",
            "--outputTopicPrefix=k.");
    PipelineResult result = new PricingJob().build(live).run();
    try {
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(300).toNanos();
      while (KafkaTopicsIO.count(servers, "k.pricing.price-updates") < expected.size()
          || accounted(result, servers) < records) {
        assertTrue(System.nanoTime() < deadline, "price updates or dead letters missing");
        result.waitUntilFinish(org.joda.time.Duration.millis(500));
      }
    } finally {
      result.cancel();
    }

    Map<String, String> actual = new TreeMap<>();
    for (ConsumerRecord<String, String> r :
        KafkaTopicsIO.readAll(servers, "k.pricing.price-updates")) {
      JsonNode u = JSON.readTree(r.value());
      assertEquals(u.get("productId").asText(), r.key(), "updates are keyed by product");
      put(actual, u);
    }
    assertEquals(expected, actual);

    List<ConsumerRecord<String, String>> dead =
        KafkaTopicsIO.readAll(servers, "k.pricing.dead-letters");
    assertEquals(BAD.size(), dead.size());
    TreeSet<String> positions = new TreeSet<>();
    for (ConsumerRecord<String, String> r : dead) {
      String position = JSON.readTree(r.value()).get("sourcePosition").asText();
      assertTrue(position.matches("k\\.clicks/[01]/\\d+"), position);
      positions.add(position);
    }
    assertEquals(BAD.size(), positions.size());

    long applied = counter(result, "pricing.events_applied");
    long noCatalog = counter(result, "pricing.skipped_no_catalog");
    long invalid = counter(result, "pricing.skipped_invalid_catalog");
    long late = KafkaTopicsIO.count(servers, "k.pricing.late");
    long duplicates = KafkaTopicsIO.count(servers, "k.pricing.duplicates");
    assertEquals(noCatalog + invalid, KafkaTopicsIO.count(servers, "k.pricing.unpriced"));
    assertEquals(
        records,
        applied + noCatalog + invalid + late + duplicates + dead.size(),
        "every record applied, unpriced, late, a duplicate or a dead letter");
  }

  /** Records so far applied, unpriced, late, duplicates or dead letters. */
  private static long accounted(PipelineResult result, String servers) {
    return counter(result, "pricing.events_applied")
        + counter(result, "pricing.skipped_no_catalog")
        + counter(result, "pricing.skipped_invalid_catalog")
        + KafkaTopicsIO.count(servers, "k.pricing.late")
        + KafkaTopicsIO.count(servers, "k.pricing.duplicates")
        + KafkaTopicsIO.count(servers, "k.pricing.dead-letters");
  }

  private static PricingJob.Options options(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--runner=DirectRunner");
    all.add("--catalog=" + KafkaFraudJobTest.testdata("catalog.jsonl"));
    all.add("--topUpdates=0");
    PricingJob.Options o =
        PipelineOptionsFactory.fromArgs(all.toArray(new String[0])).as(PricingJob.Options.class);
    o.setJobName("pricing");
    return o;
  }

  private static void put(Map<String, String> updates, JsonNode u) {
    updates.put(
        u.get("productId").asText() + " " + u.get("timestamp").asText(),
        u.get("oldPrice").asText() + " -> " + u.get("newPrice").asText());
  }

  private static List<String> fileLines(Path folder) throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static long counter(PipelineResult result, String name) {
    MetricQueryResults q =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.named("rtp", name)).build());
    long sum = 0;
    for (MetricResult<Long> c : q.getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
