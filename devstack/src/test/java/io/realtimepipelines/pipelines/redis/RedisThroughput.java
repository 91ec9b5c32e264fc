package io.realtimepipelines.pipelines.redis;

import io.realtimepipelines.devstack.LocalRedis;
import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Reason;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;
import redis.clients.jedis.Jedis;

/**
 * Throughput of the Redis DoFns themselves against a real Redis (no runner overhead): serving
 * writes, and fraud lookups with and without the local cache, in bundles of 1,000 elements. Not a
 * test; run it by hand:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -pl devstack -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat devstack/target/cp.txt):devstack/target/classes:devstack/target/test-classes" \
 *   io.realtimepipelines.pipelines.redis.RedisThroughput
 * </pre>
 *
 * <p>It lives in the package of the DoFns it drives (package-private), in devstack's tests because
 * it needs a real Redis ({@link LocalRedis#shared()}); it deletes its own keys.
 */
public final class RedisThroughput {
  private static final int N = 200_000;
  private static final int BUNDLE = 1000;

  private RedisThroughput() {}

  public static void main(String[] args) throws Exception {
    try (LocalRedis redis = LocalRedis.shared()) {
      String prefix = LocalRedis.uniquePrefix();
      RedisConnectionConfig config =
          RedisConnectionConfig.local(redis.port()).withKeyPrefix(prefix);
      try {
        for (int round = 0; round < 3; round++) {
          System.out.printf(Locale.ROOT, "round %d on %s%n", round + 1, redis);
          serving(config);
          lookups(config, 0, 100_000, "lookups, no cache, 100k accounts");
          lookups(config, 100_000, 100_000, "lookups, cache, 100k accounts (mostly misses)");
          lookups(config, 100_000, 2_000, "lookups, cache, 2k accounts (mostly hits)");
        }
      } finally {
        System.out.println("deleted " + redis.deleteKeys(prefix) + " keys");
      }
    }
  }

  private static void serving(RedisConnectionConfig config) {
    WriteServingState.WriteFn<Decision> fn =
        new WriteServingState.WriteFn<>(
            config,
            d -> config.keys().fraudAccount(d.getAccountId()),
            ServingState::decisionFields,
            Decision::getTimestamp,
            "txnId",
            Duration.standardHours(1).getMillis(),
            500);
    fn.setUp();
    SplittableRandom rnd = new SplittableRandom(1);
    List<Decision> ds = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      ds.add(
          Decision.of(
              "t" + i,
              "acct-" + rnd.nextInt(50_000),
              "m-1",
              new BigDecimal("25.00"),
              "USD",
              new Instant(1_700_000_000_000L + i * 100L),
              Action.APPROVE,
              10,
              "v1",
              List.of(Reason.of("velocity", 10, false, "some text"))));
    }
    long start = System.nanoTime();
    for (int i = 0; i < N; i += BUNDLE) {
      fn.startBundle();
      for (int k = i; k < i + BUNDLE; k++) {
        fn.process(ds.get(k));
      }
      fn.finishBundle();
    }
    report("serving writes (EVALSHA, pipelined)", start);
    fn.tearDown();
  }

  private static void lookups(
      RedisConnectionConfig config, int cacheSize, int accounts, String what) throws Exception {
    try (Jedis j = new Jedis(config.host(), config.port())) {
      for (int a = 0; a < 100; a++) {
        j.sadd(config.keys().blockedAccounts(), "acct-" + (a * 97));
        j.hset(config.keys().accountProfile("acct-" + a), "riskTier", "HIGH");
      }
    }
    LookupFraudContext.LookupFn fn =
        new LookupFraudContext.LookupFn(config, 500, cacheSize, 60_000);
    fn.setUp();
    SplittableRandom rnd = new SplittableRandom(2);
    List<Transaction> txns = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int a = rnd.nextInt(accounts);
      txns.add(
          Transaction.builder()
              .setTxnId("t" + i)
              .setAccountId("acct-" + a)
              .setCardId("card-" + a)
              .setAmount(new BigDecimal("10.00"))
              .setMerchantId("m")
              .setIp("10.0." + (a % 250) + "." + (a / 250 % 250))
              .setDeviceId("dev-" + a)
              .setTimestamp(new Instant(1_700_000_000_000L + i))
              .build());
    }
    long[] blocked = new long[1];
    Sink sink = new Sink(fn, blocked);
    long start = System.nanoTime();
    for (int i = 0; i < N; i += BUNDLE) {
      fn.startBundle();
      for (int k = i; k < i + BUNDLE; k++) {
        fn.process(txns.get(k), txns.get(k).getTimestamp(), GlobalWindow.INSTANCE);
      }
      fn.finishBundle(sink.context);
    }
    report(what + " (" + blocked[0] + " blocked)", start);
    fn.tearDown();
  }

  /** Receives the lookup outputs. */
  private static final class Sink {
    final LookupFraudContext.LookupFn.FinishBundleContext context;

    Sink(LookupFraudContext.LookupFn fn, long[] blocked) {
      context =
          fn.new FinishBundleContext() {
            @Override
            public PipelineOptions getPipelineOptions() {
              return null;
            }

            @Override
            public void output(
                KV<Transaction, Enrichment> out, Instant timestamp, BoundedWindow window) {
              if (out.getValue().accountBlocked()) {
                blocked[0]++;
              }
            }

            @Override
            public <T> void output(
                org.apache.beam.sdk.values.TupleTag<T> tag,
                T out,
                Instant timestamp,
                BoundedWindow window) {}
          };
    }
  }

  private static void report(String what, long startNanos) {
    double s = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(
        Locale.ROOT, "  %-55s %,9d elements in %5.2f s: %,8.0f /s%n", what, N, s, N / s);
  }
}
