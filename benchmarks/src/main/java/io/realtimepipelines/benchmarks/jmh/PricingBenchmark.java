package io.realtimepipelines.benchmarks.jmh;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.pricing.PriceUpdate;
import io.realtimepipelines.pricing.PricingConfig;
import io.realtimepipelines.pricing.PricingEvent;
import io.realtimepipelines.pricing.PricingModel;
import io.realtimepipelines.pricing.PricingPolicy;
import io.realtimepipelines.pricing.PricingStages;
import io.realtimepipelines.pricing.ProductState;
import io.realtimepipelines.pricing.Signals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Pricing with the default policy: {@link #priceClick} is the per-event path of {@link
 * PricingModel#on} (update the product's signals, evaluate, maybe emit) on a warm state of 2,000
 * products; {@link #policyDecision} is {@link PricingPolicy#decide} alone, for one product with
 * signals taken from a warm state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PricingBenchmark {
  private static final int PRODUCTS = 2_000;
  private static final int POOL = 1 << 16;
  private static final int WARM_EVENTS = 200_000;
  private static final long STEP_MILLIS = 10;

  private ClickEvent[] pool;
  private PricingModel model;
  private long time;
  private int next;

  private PricingConfig config;
  private CatalogEntry entry;
  private BigDecimal currentPrice;
  private Signals signals;
  private Instant decisionTime;

  @Setup
  public void setup() throws Exception {
    config = DefaultConfigs.pricingConfig();
    List<CatalogEntry> catalog = new ArrayList<>();
    for (int p = 0; p < PRODUCTS; p++) {
      catalog.add(
          CatalogEntry.of(
              "prod-" + p,
              new BigDecimal("49.99"),
              new BigDecimal("30.00"),
              new BigDecimal("35.00"),
              new BigDecimal("74.99")));
    }
    pool = SyntheticEvents.clicks(POOL, PRODUCTS, 42);
    model = new PricingModel(catalog, config);
    time = SyntheticEvents.START.getMillis();
    for (int i = 0; i < WARM_EVENTS; i++) {
      model.on(nextClick());
    }

    // One product's state after the same warm-up, for the pure policy decision.
    entry = catalog.get(0);
    ProductState state = new ProductState();
    long t = SyntheticEvents.START.getMillis();
    for (ClickEvent c : SyntheticEvents.clicks(POOL, 1, 7)) {
      t += 1_000;
      PricingStages.apply(
          state, PricingEvent.of(c.toBuilder().setTimestamp(new Instant(t)).build()), config);
    }
    decisionTime = new Instant(t);
    signals = PricingStages.signals(state, config, decisionTime);
    currentPrice = state.currentPrice(entry);
  }

  private PricingEvent nextClick() {
    time += STEP_MILLIS;
    return PricingEvent.of(
        pool[next++ & (POOL - 1)].toBuilder().setTimestamp(new Instant(time)).build());
  }

  @Benchmark
  public Optional<PriceUpdate> priceClick() {
    return model.on(nextClick());
  }

  @Benchmark
  public Optional<PriceUpdate> policyDecision() {
    return PricingPolicy.decide(config, entry, currentPrice, null, signals, decisionTime);
  }
}
