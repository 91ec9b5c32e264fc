package io.realtimepipelines.devstack.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.realtimepipelines.devstack.LocalRedis;
import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.redis.LookupFraudContext;
import io.realtimepipelines.pipelines.redis.RedisConnectionConfig;
import io.realtimepipelines.pipelines.redis.ServingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** AUTH against a redis-server started with requirepass; the password never leaves its source. */
@ExtendWith(TestPipelineExtension.class)
class RedisAuthTest {
  private static Transaction txn(String id, String account) {
    return Transaction.builder()
        .setTxnId(id)
        .setAccountId(account)
        .setCardId("card-" + id)
        .setAmount(new java.math.BigDecimal("10.00"))
        .setMerchantId("m-1")
        .setTimestamp(RedisFixtures.T0)
        .build();
  }

  private static PCollection<String> blocked(TestPipeline p, RedisConnectionConfig config)
      throws Exception {
    return p.apply(
            "Transactions",
            Create.of(txn("t1", "acct-blocked"), txn("t2", "acct-ok"))
                .withCoder(p.getSchemaRegistry().getSchemaCoder(Transaction.class)))
        .apply("LookupRedis", LookupFraudContext.from(config))
        .apply(
            "Blocked",
            MapElements.into(TypeDescriptors.strings())
                .via(kv -> kv.getKey().getTxnId() + " " + kv.getValue().accountBlocked()));
  }

  @Test
  void passwordFromAnEnvironmentVariableAuthenticates(TestPipeline p) throws Exception {
    // Surefire's environment cannot be changed from here, so the server takes as password the
    // value of a variable every test JVM has (HOME): the job reads it only by its name.
    String home = System.getenv("HOME");
    assumeTrue(home != null && !home.isEmpty() && !home.contains("\n"), "needs HOME");
    try (LocalRedis redis = LocalRedis.startOwnWithPassword(home)) {
      RedisConnectionConfig config =
          RedisConnectionConfig.local(redis.port()).withPasswordEnv("HOME");
      try (Jedis j = redis.client()) {
        j.sadd(config.keys().blockedAccounts(), "acct-blocked");
      }
      PAssert.that(blocked(p, config)).containsInAnyOrder("t1 true", "t2 false");
      p.run().waitUntilFinish();
    }
  }

  @Test
  void passwordFromAFileAuthenticatesAUser(TestPipeline p, @TempDir Path dir) throws Exception {
    String password = "pw-" + UUID.randomUUID();
    try (LocalRedis redis = LocalRedis.startOwnWithPassword(password)) {
      Path file = dir.resolve("redis-password");
      Files.writeString(file, password + "\n");
      RedisConnectionConfig config =
          RedisConnectionConfig.local(redis.port())
              .withUser("default")
              .withPasswordFile(file.toString());
      try (Jedis j = redis.client()) {
        j.sadd(config.keys().blockedAccounts(), "acct-blocked");
      }
      PAssert.that(blocked(p, config)).containsInAnyOrder("t1 true", "t2 false");
      p.run().waitUntilFinish();
    }
  }

  @Test
  void aclUserWithOnlyTheDocumentedCommandsCanLookUpAndServe(TestPipeline p, @TempDir Path dir)
      throws Exception {
    try (LocalRedis redis = LocalRedis.startOwnWithPassword("admin-pw")) {
      String prefix = "app:";
      try (Jedis j = redis.client()) {
        j.aclSetUser(
            "app",
            "on",
            ">app-pw",
            "~" + prefix + "*",
            "+smismember",
            "+hgetall",
            "+evalsha",
            "+script|load",
            "+hmget",
            "+hset",
            "+del",
            "+pexpire");
        j.sadd(prefix + "blocklist:accounts", "acct-blocked");
      }
      Path file = dir.resolve("redis-password");
      Files.writeString(file, "app-pw\n");
      RedisConnectionConfig config =
          RedisConnectionConfig.local(redis.port())
              .withKeyPrefix(prefix)
              .withUser("app")
              .withPasswordFile(file.toString());
      PCollection<KV<Transaction, Enrichment>> looked =
          p.apply(
                  "Transactions",
                  Create.of(txn("t1", "acct-blocked"), txn("t2", "acct-ok"))
                      .withCoder(p.getSchemaRegistry().getSchemaCoder(Transaction.class)))
              .apply("LookupRedis", LookupFraudContext.from(config));
      looked
          .apply("Scores", ParDo.of(new ToDecision()))
          .setCoder(p.getSchemaRegistry().getSchemaCoder(Decision.class))
          .apply(
              "WriteDecisionsToRedis", ServingState.decisions(config, Duration.standardMinutes(5)));
      p.run().waitUntilFinish();
      try (Jedis j = redis.client()) {
        assertEquals("BLOCK", j.hget(prefix + "fraud:account:acct-blocked", "action"));
        assertEquals("APPROVE", j.hget(prefix + "fraud:account:acct-ok", "action"));
      }
    }
  }

  /** Blocked accounts BLOCK, the others APPROVE: enough to write serving state. */
  static final class ToDecision extends DoFn<KV<Transaction, Enrichment>, Decision> {
    @ProcessElement
    public void process(@Element KV<Transaction, Enrichment> kv, OutputReceiver<Decision> out) {
      Transaction t = kv.getKey();
      boolean blocked = kv.getValue().accountBlocked();
      out.output(
          Decision.of(
              t.getTxnId(),
              t.getAccountId(),
              t.getMerchantId(),
              t.getAmount(),
              t.getCurrency(),
              t.getTimestamp(),
              blocked ? Action.BLOCK : Action.APPROVE,
              blocked ? 100 : 0,
              "v",
              List.of()));
    }
  }

  @Test
  void wrongPasswordFailsAtOnceNamingWhereItCameFromButNotThePassword(
      TestPipeline p, @TempDir Path dir) throws Exception {
    try (LocalRedis redis = LocalRedis.startOwnWithPassword("the-right-one")) {
      Path file = dir.resolve("redis-password");
      Files.writeString(file, "a-wrong-one\n");
      RedisConnectionConfig config =
          RedisConnectionConfig.local(redis.port())
              .withPasswordFile(file.toString())
              .withRetries(50, 1000, 1000);
      blocked(p, config);
      long start = System.nanoTime();
      PipelineExecutionException e =
          assertThrows(PipelineExecutionException.class, () -> p.run().waitUntilFinish());
      assertTrue(System.nanoTime() - start < 20_000_000_000L, "no retries on wrong credentials");
      String message = e.getCause().getMessage();
      assertTrue(
          message.startsWith(
              "Redis 127.0.0.1:"
                  + redis.port()
                  + " refused the credentials (password from file "
                  + file
                  + "): "),
          message);
      assertFalse(message.contains("a-wrong-one"), message);
      assertFalse(message.contains("the-right-one"), message);
    }
  }
}
