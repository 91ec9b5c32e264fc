package io.realtimepipelines.benchmarks.jmh;

import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.model.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.joda.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 *
 * <p>{@code -p userRules=none,condition,aggregate,distinct,sequence,twenty} measures what user
 * rules cost (docs/fraud-rule-language.md): the shipped rules plus one user rule of each kind, or
 * plus the 20 of {@code rules/examples/benchmark-20-user-rules.json}. A rule's cost is its row
 * minus {@code none}.
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

  /** User rules on top of the shipped rules (see the class comment); none by default. */
  @Param({"none"})
  public String userRules;

  private Transaction[] pool;
  private FraudModel model;
  private long time;
  private int next;

  static String rulesJson(String which) throws Exception {
    String head = "{\"version\":\"jmh-" + which + "\",\"userRules\":[";
    String rule =
        switch (which) {
          case "none" -> "";
          case "condition" ->
              "{\"id\":\"c\",\"kind\":\"condition\",\"weight\":5,\"reason\":\"{amount}\","
                  + "\"when\":\"amount > 800.0 && hour < 5\"}";
          case "aggregate" ->
              "{\"id\":\"a\",\"kind\":\"aggregate\",\"weight\":5,\"reason\":\"{value}\","
                  + "\"groupBy\":[\"accountId\"],\"windowSeconds\":3600,\"aggregate\":\"sum\","
                  + "\"of\":\"amount\",\"op\":\">=\",\"limit\":20000}";
          case "distinct" ->
              "{\"id\":\"d\",\"kind\":\"aggregate\",\"weight\":5,\"reason\":\"{value}\","
                  + "\"groupBy\":[\"ip\"],\"windowSeconds\":3600,\"aggregate\":\"distinct\","
                  + "\"of\":\"accountId\",\"op\":\">=\",\"limit\":4}";
          case "sequence" ->
              "{\"id\":\"s\",\"kind\":\"sequence\",\"weight\":5,\"reason\":\"{elapsed}\","
                  + "\"withinSeconds\":900,\"first\":{\"key\":[\"cardId\"],\"when\":\"amount <="
                  + " 2.0\"},\"then\":{\"key\":[\"cardId\"],\"when\":\"amount >= 200.0\"}}";
          case "twenty" -> null;
          default -> throw new IllegalArgumentException(which);
        };
    if (rule == null) {
      Path file = Path.of("rules/examples/benchmark-20-user-rules.json");
      if (!Files.isRegularFile(file)) {
        file = Path.of("..").resolve(file);
      }
      return Files.readString(file);
    }
    return head + rule + "]}";
  }

  @Setup
  public void setup() throws Exception {
    pool = SyntheticEvents.transactions(POOL, 20_000, 42);
    model =
        new FraudModel(
            userRules.equals("none")
                ? DefaultConfigs.fraudRules()
                : FraudRules.parse(rulesJson(userRules)));
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
