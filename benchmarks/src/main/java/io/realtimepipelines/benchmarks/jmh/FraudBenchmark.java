package io.realtimepipelines.benchmarks.jmh;

import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.model.Transaction;
import java.util.concurrent.TimeUnit;
import org.joda.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluation: {@link FraudModel#onTransaction} (the IP, account and merchant stages, the
 * blocklist and the decision, with the default rules) on a warm state of 20,000 accounts, event
 * time moving 10 ms per transaction (100 transactions/s, the generator's rate), so every window
 * holds what it holds in a long run. Each call re-stamps a pooled transaction; {@link #restampOnly}
 * measures that part alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FraudBenchmark {
  private static final int POOL = 1 << 16;
  private static final int WARM_EVENTS = 200_000;
  private static final long STEP_MILLIS = 10;

  private Transaction[] pool;
  private FraudModel model;
  private long time;
  private int next;

  @Setup
  public void setup() throws Exception {
    pool = SyntheticEvents.transactions(POOL, 20_000, 42);
    model = new FraudModel(DefaultConfigs.fraudRules());
    time = SyntheticEvents.START.getMillis();
    for (int i = 0; i < WARM_EVENTS; i++) {
      model.onTransaction(nextTransaction());
    }
  }

  private Transaction nextTransaction() {
    time += STEP_MILLIS;
    return pool[next++ & (POOL - 1)].toBuilder().setTimestamp(new Instant(time)).build();
  }

  @Benchmark
  public Decision scoreTransaction() {
    return model.onTransaction(nextTransaction());
  }

  @Benchmark
  public Transaction restampOnly() {
    return nextTransaction();
  }
}
