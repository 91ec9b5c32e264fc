package io.realtimepipelines.devstack.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.devstack.LocalRedis;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudResult;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.fraud.RulesSource;
import io.realtimepipelines.fraud.ScoreFraud;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.fraud.FraudJob;
import io.realtimepipelines.pipelines.redis.LookupFraudContext;
import io.realtimepipelines.pipelines.redis.RedisConnectionConfig;
import io.realtimepipelines.pipelines.redis.RedisUnavailableException;
import io.realtimepipelines.pipelines.redis.ServingState;
import io.realtimepipelines.testing.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * Redis goes away while a job runs: within the retry budget the job completes with every
 * transaction enriched; beyond it the job fails naming host:port and the attempts, and no
 * transaction is scored without its lookup. Uses a redis-server of its own that it stops and
 * restarts.
 */
@ExtendWith(TestPipelineExtension.class)
class RedisOutageTest {
  private static final FraudRules RULES = FraudJob.defaultRules();

  /** The server the outage DoFn stops; one test at a time in this JVM uses it. */
  static volatile LocalRedis server;

  static final AtomicLong restartedAtNanos = new AtomicLong();
  static final AtomicInteger seen = new AtomicInteger();
  static final Queue<String> scored = new ConcurrentLinkedQueue<>();

  private LocalRedis redis;

  @BeforeEach
  void start() {
    redis = LocalRedis.startOwn();
    server = redis;
    seen.set(0);
    restartedAtNanos.set(0);
    scored.clear();
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  /** Stops Redis at the {@code at}-th transaction and starts it again {@code downMillis} later. */
  static final class StopRedisAt extends DoFn<Transaction, Transaction> {
    private final int at;
    private final long downMillis;

    StopRedisAt(int at, long downMillis) {
      this.at = at;
      this.downMillis = downMillis;
    }

    @ProcessElement
    public void process(@Element Transaction t, OutputReceiver<Transaction> out) {
      if (seen.incrementAndGet() == at) {
        server.stop();
        if (downMillis >= 0) {
          Thread restart =
              new Thread(
                  () -> {
                    try {
                      Thread.sleep(downMillis);
                    } catch (InterruptedException e) {
                      return;
                    }
                    server.restart();
                    restartedAtNanos.set(System.nanoTime());
                  },
                  "restart-redis");
          restart.setDaemon(true);
          restart.start();
        }
      }
      out.output(t);
    }
  }

  /** Remembers which transactions got a decision. */
  static final class RecordScored extends DoFn<Decision, Decision> {
    @ProcessElement
    public void process(@Element Decision d, OutputReceiver<Decision> out) {
      scored.add(d.getTxnId());
      out.output(d);
    }
  }

  private FraudResult score(
      TestPipeline p, RedisFixtures f, RedisConnectionConfig config, int stopAt, long downMillis)
      throws Exception {
    return p.apply(
            "Transactions",
            Create.timestamped(FraudRedisLookupTest.stamped(f.transactions))
                .withCoder(p.getSchemaRegistry().getSchemaCoder(Transaction.class)))
        .apply("StopRedisMidway", ParDo.of(new StopRedisAt(stopAt, downMillis)))
        // No cache: every batch goes to Redis.
        .apply("LookupRedis", LookupFraudContext.from(config).withBatchSize(50).withCache(0, 0))
        .apply("ScoreFraud", ScoreFraud.withRules(RulesSource.fixed(RULES)).enriched());
  }

  @Test
  void redisStoppedMidwayAndRestartedWithinTheRetryBudgetEnrichesEveryTransaction(TestPipeline p)
      throws Exception {
    RedisFixtures f = RedisFixtures.generate(21, 400);
    String prefix = "rtp:";
    RedisConnectionConfig config =
        RedisConnectionConfig.local(redis.port()).withKeyPrefix(prefix).withRetries(30, 100, 1000);
    try (Jedis j = redis.client()) {
      f.load(j, config.keys());
    }
    List<String> expected = new ArrayList<>();
    for (Decision d : FraudModel.decide(f.transactions, List.of(), RULES, f::lookups)) {
      expected.add(RedisFixtures.line(d));
    }
    long start = System.nanoTime();
    FraudResult result = score(p, f, config, 100, 2000);
    PCollection<Decision> decisions = result.getDecisions();
    decisions.apply("WriteDecisionsToRedis", ServingState.decisions(config, Duration.ZERO));
    // Every transaction has exactly the decision the model makes with its lookups.
    PAssert.that(
            decisions.apply(
                "Lines", MapElements.into(TypeDescriptors.strings()).via(RedisFixtures::line)))
        .containsInAnyOrder(expected);
    PAssert.that(decisions.apply("CountDecisions", Count.globally()))
        .containsInAnyOrder((long) f.transactions.size());
    PipelineResult run = p.run();
    run.waitUntilFinish();

    assertTrue(restartedAtNanos.get() > start, "Redis was stopped and restarted during the run");
    // The outage was ridden out by retrying, not by luck: the lookups or the writes retried.
    assertTrue(Counters.attempted(run, "rtp", "redis.retries") > 0, "no Redis call was retried");
    try (Jedis j = redis.client()) {
      // The serving writes after the restart reloaded the Lua script the restart forgot.
      assertEquals(
          f.transactions.stream().map(Transaction::getAccountId).distinct().count(),
          j.keys(prefix + "fraud:account:*").size());
    }
  }

  @Test
  void redisDownLongerThanTheRetryBudgetFailsTheJobAndScoresNothingUnenriched(TestPipeline p)
      throws Exception {
    RedisFixtures f = RedisFixtures.generate(22, 200);
    RedisConnectionConfig config =
        RedisConnectionConfig.local(redis.port()).withRetries(4, 50, 200);
    FraudResult result = score(p, f, config, 1, -1);
    result.getDecisions().apply("RecordScored", ParDo.of(new RecordScored()));
    PipelineExecutionException e =
        assertThrows(PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    Throwable cause = e;
    while (cause != null && !(cause instanceof RedisUnavailableException)) {
      cause = cause.getCause();
    }
    assertTrue(cause != null, "fails with RedisUnavailableException, got " + e);
    String expectedStart =
        "Redis 127.0.0.1:"
            + redis.port()
            + " unavailable while looking up blocklists and account profiles: 4 attempts over ";
    assertTrue(cause.getMessage().startsWith(expectedStart), cause.getMessage());
    assertTrue(
        cause
            .getMessage()
            .contains(
                "(--redisMaxAttempts=4, --redisBackoffMillis=50,"
                    + " --redisMaxBackoffMillis=200); last error: "),
        cause.getMessage());
    assertEquals(
        List.of(), new ArrayList<>(scored), "no transaction was scored without its lookup");
  }
}
