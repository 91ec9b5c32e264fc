package io.realtimepipelines.devstack.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.devstack.LocalRedis;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudResult;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.fraud.RulesSource;
import io.realtimepipelines.fraud.ScoreFraud;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.fraud.FraudJob;
import io.realtimepipelines.pipelines.redis.LookupFraudContext;
import io.realtimepipelines.pipelines.redis.RedisConnectionConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Blocklists and account profiles in a real Redis change decisions exactly as the model says. */
@ExtendWith(TestPipelineExtension.class)
class FraudRedisLookupTest {
  private static final FraudRules RULES = FraudJob.defaultRules();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalRedis redis;
  private final String prefix = LocalRedis.uniquePrefix();
  private final RedisConnectionConfig config = RedisFixtures.config(redis, prefix);

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

  static List<TimestampedValue<Transaction>> stamped(List<Transaction> txns) {
    List<TimestampedValue<Transaction>> out = new ArrayList<>();
    txns.forEach(t -> out.add(TimestampedValue.of(t, t.getTimestamp())));
    return out;
  }

  static List<String> modelLines(RedisFixtures f) {
    List<String> out = new ArrayList<>();
    for (Decision d : FraudModel.decide(f.transactions, List.of(), RULES, f::lookups)) {
      out.add(RedisFixtures.line(d));
    }
    return out;
  }

  @Test
  void blocklistAndProfileLookupsChangeDecisionsExactlyAsTheReferenceModelSays(TestPipeline p)
      throws Exception {
    RedisFixtures f = RedisFixtures.generate(5, 1500);
    try (Jedis j = redis.client()) {
      f.load(j, config.keys());
    }
    List<String> expected = modelLines(f);
    List<String> without = new ArrayList<>();
    for (Decision d : FraudModel.decide(f.transactions, List.of(), RULES)) {
      without.add(RedisFixtures.line(d));
    }
    long changed = expected.stream().filter(l -> !without.contains(l)).count();
    long blocked = expected.stream().filter(l -> l.contains("| blocklist 100")).count();
    long profile = expected.stream().filter(l -> l.contains("| account_profile 35")).count();
    assertTrue(
        changed > 200 && blocked > 50 && profile > 100,
        "the lookups must matter: changed "
            + changed
            + ", blocklist "
            + blocked
            + ", profile "
            + profile);

    FraudResult result =
        p.apply(
                "Transactions",
                Create.timestamped(stamped(f.transactions))
                    .withCoder(p.getSchemaRegistry().getSchemaCoder(Transaction.class)))
            // Small batches and a cache, so that both the batching and the cache are exercised.
            .apply(
                "LookupRedis",
                LookupFraudContext.from(config).withBatchSize(64).withCache(1000, 60_000))
            .apply("ScoreFraud", ScoreFraud.withRules(RulesSource.fixed(RULES)).enriched());
    PAssert.that(
            result
                .getDecisions()
                .apply(
                    "Lines", MapElements.into(TypeDescriptors.strings()).via(RedisFixtures::line)))
        .containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  void fraudJobWithRedisOptionsScoresWithLookupsAndServesTheLatestDecisionPerAccount(
      @TempDir Path dir) throws Exception {
    RedisFixtures f = RedisFixtures.generate(9, 300);
    try (Jedis j = redis.client()) {
      f.load(j, config.keys());
    }
    Path input = dir.resolve("transactions.jsonl");
    List<String> lines = new ArrayList<>();
    f.transactions.forEach(t -> lines.add(EventJson.toJson(t, Transaction.class)));
    Files.write(input, lines, StandardCharsets.UTF_8);
    FraudJob.Options o =
        PipelineOptionsFactory.fromArgs(
                "--input=" + input,
                "--outputDir=" + dir.resolve("out"),
                "--redisLookups=true",
                "--redisServing=true",
                "--redisPort=" + redis.port(),
                "--redisKeyPrefix=" + prefix,
                "--redisServingTtlSeconds=600")
            .withValidation()
            .as(FraudJob.Options.class);
    new FraudJob().build(o).run().waitUntilFinish();

    Map<String, JsonNode> decisions = new HashMap<>();
    for (String line : RedisFixtures.outputLines(dir.resolve("out/fraud/decisions"))) {
      JsonNode d = JSON.readTree(line);
      decisions.put(d.get("txnId").asText(), d);
    }
    assertEquals(f.transactions.size(), decisions.size());
    Map<String, Decision> latest = new HashMap<>();
    for (Decision d : FraudModel.decide(f.transactions, List.of(), RULES, f::lookups)) {
      assertEquals(
          d.getAction().name(), decisions.get(d.getTxnId()).get("action").asText(), d.getTxnId());
      assertEquals(d.getScore(), decisions.get(d.getTxnId()).get("score").asInt(), d.getTxnId());
      latest.merge(
          d.getAccountId(), d, (a, b) -> b.getTimestamp().isAfter(a.getTimestamp()) ? b : a);
    }
    try (Jedis j = redis.client()) {
      assertEquals(latest.size(), j.keys(prefix + "fraud:account:*").size());
      for (Decision d : latest.values()) {
        Map<String, String> h = j.hgetAll(config.keys().fraudAccount(d.getAccountId()));
        assertEquals(d.getTxnId(), h.get("txnId"));
        assertEquals(d.getAction().name(), h.get("action"));
        assertEquals(Integer.toString(d.getScore()), h.get("score"));
        long ttl = j.pttl(config.keys().fraudAccount(d.getAccountId()));
        assertTrue(ttl > 0 && ttl <= 600_000, "TTL " + ttl);
      }
    }
  }
}
