package io.realtimepipelines.devstack.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.devstack.LocalRedis;
import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.Reason;
import io.realtimepipelines.pipelines.redis.RedisConnectionConfig;
import io.realtimepipelines.pipelines.redis.ServingState;
import io.realtimepipelines.pricing.PriceUpdate;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** The serving sink against a real Redis: exact hashes and TTLs, idempotent and monotonic. */
@ExtendWith(TestPipelineExtension.class)
class ServingStateRedisTest {
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

  private static Decision decision(
      String txn, String account, int minute, Action action, int score) {
    return Decision.of(
        txn,
        account,
        "m-1",
        new BigDecimal("250.00"),
        "USD",
        Instant.parse("2026-11-23T10:00:00Z").plus(Duration.standardMinutes(minute)),
        action,
        score,
        "v1",
        score == 0
            ? List.of()
            : List.of(Reason.of("high_amount", 45, false, "amount 250.00 >= 220.00")));
  }

  private PipelineResult write(Pipeline p, List<Decision> decisions) throws Exception {
    p.apply(
            "Decisions",
            Create.of(decisions).withCoder(p.getSchemaRegistry().getSchemaCoder(Decision.class)))
        .apply("WriteDecisionsToRedis", ServingState.decisions(config, Duration.standardHours(1)));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  /** A second pipeline in one test (TestPipeline runs once). */
  private static Pipeline plainPipeline() {
    return Pipeline.create(PipelineOptionsFactory.create());
  }

  private Map<String, String> hash(String key) {
    try (Jedis j = redis.client()) {
      return j.hgetAll(prefix + key);
    }
  }

  @Test
  void latestDecisionPerAccountIsWrittenAsExactlyTheDocumentedHashWithItsTtl(TestPipeline p)
      throws Exception {
    write(
        p,
        List.of(
            decision("t1", "a1", 1, Action.APPROVE, 0),
            decision("t2", "a1", 5, Action.REVIEW, 45),
            decision("t3", "a2", 2, Action.APPROVE, 0)));
    assertEquals(
        Map.ofEntries(
            Map.entry("action", "REVIEW"),
            Map.entry("score", "45"),
            Map.entry("txnId", "t2"),
            Map.entry("merchantId", "m-1"),
            Map.entry("amount", "250.00"),
            Map.entry("currency", "USD"),
            Map.entry("rulesVersion", "v1"),
            Map.entry("eventTime", "2026-11-23T10:05:00.000Z"),
            Map.entry(
                "eventTimeMs", Long.toString(Instant.parse("2026-11-23T10:05:00Z").getMillis())),
            Map.entry("reasons", "high_amount:45"),
            Map.entry("topReason", "amount 250.00 >= 220.00")),
        hash("fraud:account:a1"));
    assertEquals("t3", hash("fraud:account:a2").get("txnId"));
    assertEquals("", hash("fraud:account:a2").get("reasons"));
    try (Jedis j = redis.client()) {
      assertEquals(
          Set.of(prefix + "fraud:account:a1", prefix + "fraud:account:a2"), j.keys(prefix + "*"));
      long ttl = j.pttl(prefix + "fraud:account:a1");
      assertTrue(ttl > 3_500_000 && ttl <= 3_600_000, "TTL of one hour, got " + ttl + " ms");
    }
  }

  @Test
  void writingTheSameBatchTwiceLeavesTheSameHashes(TestPipeline p) throws Exception {
    List<Decision> batch =
        List.of(
            decision("t1", "a1", 1, Action.BLOCK, 100), decision("t2", "a2", 2, Action.REVIEW, 45));
    write(plainPipeline(), batch);
    Map<String, String> first1 = hash("fraud:account:a1");
    Map<String, String> first2 = hash("fraud:account:a2");
    write(p, batch);
    assertEquals(first1, hash("fraud:account:a1"));
    assertEquals(first2, hash("fraud:account:a2"));
  }

  @Test
  void olderDecisionArrivingAfterANewerOneNeverOverwritesIt(TestPipeline p) throws Exception {
    write(plainPipeline(), List.of(decision("t9", "a1", 9, Action.BLOCK, 100)));
    write(p, List.of(decision("t2", "a1", 2, Action.APPROVE, 0)));
    assertEquals("t9", hash("fraud:account:a1").get("txnId"));
    assertEquals("BLOCK", hash("fraud:account:a1").get("action"));
  }

  @Test
  void twoDecisionsAtTheSameEventTimeKeepTheGreaterTxnIdWhateverTheOrder(TestPipeline p)
      throws Exception {
    write(plainPipeline(), List.of(decision("t-b", "a1", 3, Action.REVIEW, 45)));
    write(p, List.of(decision("t-a", "a1", 3, Action.APPROVE, 0)));
    assertEquals("t-b", hash("fraud:account:a1").get("txnId"));
  }

  @Test
  void currentPricePerProductIsWrittenWithPreviousPriceAndPolicy(TestPipeline p) throws Exception {
    PriceUpdate older =
        PriceUpdate.builder()
            .setProductId("p1")
            .setOldPrice(new BigDecimal("10.00"))
            .setNewPrice(new BigDecimal("10.99"))
            .setTimestamp(Instant.parse("2026-11-23T10:00:00Z"))
            .setPolicyVersion("pv1")
            .setDemandRatio(1.5)
            .setUnitsSold(3)
            .setBaselineUnitsPerShortWindow(2)
            .setConversion(0.1)
            .setCompetitorCount(0)
            .setReasons(List.of("demand up"))
            .build();
    PriceUpdate newer =
        older.toBuilder()
            .setOldPrice(new BigDecimal("10.99"))
            .setNewPrice(new BigDecimal("11.99"))
            .setTimestamp(Instant.parse("2026-11-23T10:06:00Z"))
            .setReasons(List.of("demand up", "capped at +10% per change"))
            .build();
    p.apply(
            "Updates",
            Create.of(newer, older)
                .withCoder(p.getSchemaRegistry().getSchemaCoder(PriceUpdate.class)))
        .apply("WritePricesToRedis", ServingState.prices(config, Duration.ZERO));
    p.run().waitUntilFinish();
    assertEquals(
        Map.of(
            "price",
            "11.99",
            "previousPrice",
            "10.99",
            "policyVersion",
            "pv1",
            "eventTime",
            "2026-11-23T10:06:00.000Z",
            "eventTimeMs",
            Long.toString(Instant.parse("2026-11-23T10:06:00Z").getMillis()),
            "reasons",
            "demand up; capped at +10% per change"),
        hash("price:p1"));
    try (Jedis j = redis.client()) {
      assertEquals(-1, j.pttl(prefix + "price:p1"), "TTL 0 keeps the key");
    }
  }
}
