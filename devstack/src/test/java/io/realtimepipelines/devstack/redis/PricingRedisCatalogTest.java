package io.realtimepipelines.devstack.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.devstack.LocalRedis;
import io.realtimepipelines.pipelines.pricing.CatalogFile;
import io.realtimepipelines.pipelines.pricing.PricingJob;
import io.realtimepipelines.pipelines.redis.CatalogHash;
import io.realtimepipelines.pipelines.redis.RedisKeys;
import io.realtimepipelines.pricing.CatalogEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The catalogue in Redis prices exactly like the same catalogue in a file. */
class PricingRedisCatalogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TESTDATA = Path.of("..", "testdata");
  private static LocalRedis redis;
  private final String prefix = LocalRedis.uniquePrefix();

  @BeforeAll
  static void start() {
    redis = LocalRedis.shared();
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  @AfterEach
  void deleteOwnKeys() {
    redis.deleteKeys(prefix);
  }

  private static List<String> sorted(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    Collections.sort(out);
    return out;
  }

  private static void run(String... args) {
    PricingJob.Options o =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(PricingJob.Options.class);
    new PricingJob().build(o).run().waitUntilFinish();
  }

  @Test
  void catalogueInRedisPricesLikeTheFileCatalogueAndSendsUnknownProductsToUnpriced(
      @TempDir Path dir) throws Exception {
    List<CatalogEntry> all = new ArrayList<>();
    for (String line : Files.readAllLines(TESTDATA.resolve("catalog.jsonl"))) {
      all.add(CatalogFile.fromJson(JSON.readTree(line)));
    }
    // One product is missing in both catalogues, one is unreadable in Redis and missing in the
    // file.
    Set<String> missing = Set.of(all.get(0).getProductId());
    String unreadable = all.get(1).getProductId();
    RedisKeys keys = new RedisKeys(prefix);
    List<String> fileLines = new ArrayList<>();
    try (Jedis j = redis.client()) {
      for (CatalogEntry e : all) {
        if (missing.contains(e.getProductId())) {
          continue;
        }
        if (e.getProductId().equals(unreadable)) {
          j.hset(keys.catalog(e.getProductId()), Map.of("basePrice", "twelve", "unitCost", "5"));
          continue;
        }
        j.hset(keys.catalog(e.getProductId()), CatalogHash.toHash(e));
        Map<String, Object> line = new HashMap<>(CatalogHash.toHash(e));
        line.replaceAll((k, v) -> new java.math.BigDecimal((String) v));
        line.put("productId", e.getProductId());
        fileLines.add(JSON.writeValueAsString(line));
      }
    }
    Path catalog = dir.resolve("catalog.jsonl");
    Files.write(catalog, fileLines, StandardCharsets.UTF_8);
    String[] common = {
      "--input=" + TESTDATA.resolve("clicks.jsonl"),
      "--inventoryInput=" + TESTDATA.resolve("inventory.jsonl"),
      "--competitorInput=" + TESTDATA.resolve("competitor_prices.jsonl"),
      "--topUpdates=0"
    };

    List<String> fileArgs = new ArrayList<>(List.of(common));
    fileArgs.addAll(List.of("--outputDir=" + dir.resolve("file"), "--catalog=" + catalog));
    run(fileArgs.toArray(new String[0]));
    List<String> redisArgs = new ArrayList<>(List.of(common));
    redisArgs.addAll(
        List.of(
            "--outputDir=" + dir.resolve("redis"),
            "--catalogSource=REDIS",
            "--redisPort=" + redis.port(),
            "--redisKeyPrefix=" + prefix,
            "--redisServing=true",
            "--redisBatchSize=100"));
    run(redisArgs.toArray(new String[0]));

    List<String> fileUpdates =
        sorted(RedisFixtures.outputLines(dir.resolve("file/pricing/price-updates")));
    List<String> redisUpdates =
        sorted(RedisFixtures.outputLines(dir.resolve("redis/pricing/price-updates")));
    assertTrue(fileUpdates.size() >= 2, "the run must reprice, got " + fileUpdates.size());
    assertEquals(fileUpdates, redisUpdates);
    List<String> fileUnpriced =
        sorted(RedisFixtures.outputLines(dir.resolve("file/pricing/unpriced")));
    List<String> redisUnpriced =
        sorted(RedisFixtures.outputLines(dir.resolve("redis/pricing/unpriced")));
    assertEquals(fileUnpriced, redisUnpriced);
    for (String product : List.of(all.get(0).getProductId(), unreadable)) {
      assertTrue(
          redisUnpriced.stream().anyMatch(l -> l.contains("\"" + product + "\"")),
          product + " has events and no (readable) entry: they are unpriced");
    }

    // Serving: the current price per product is the newest update's.
    Map<String, JsonNode> newest = new HashMap<>();
    for (String line : redisUpdates) {
      JsonNode u = JSON.readTree(line);
      newest.merge(
          u.get("productId").asText(),
          u,
          (a, b) ->
              a.get("timestamp").asText().compareTo(b.get("timestamp").asText()) >= 0 ? a : b);
    }
    try (Jedis j = redis.client()) {
      assertEquals(newest.size(), j.keys(prefix + "price:*").size());
      for (JsonNode u : newest.values()) {
        Map<String, String> h = j.hgetAll(keys.price(u.get("productId").asText()));
        assertEquals(u.get("newPrice").decimalValue().toPlainString(), h.get("price"));
        assertEquals(u.get("oldPrice").decimalValue().toPlainString(), h.get("previousPrice"));
      }
    }
  }
}
