package io.realtimepipelines.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * Properties of the whole pricing core over 500 random scenarios ({@link PricingScenarios}): every
 * emitted price respects every guardrail, no product changes twice within the cooldown, and state
 * that goes through its coder gives the same output. A failure names its seed; rerun one with
 * {@code PricingScenarios.generate(seed)}. That the output does not depend on arrival order is a
 * property of the pipeline, not of the model (which sorts its input first): {@link
 * PriceProductsTest} checks it with shuffled streams against the model.
 */
class PricingPropertiesTest {
  private static final int SEEDS = 500;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  @Test
  void everyEmittedPriceRespectsEveryGuardrail() {
    int updates = 0;
    int pricePoints = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      PricingScenarios s = PricingScenarios.generate(seed);
      PricingModel.Result r = run(s);
      updates += r.getUpdates().size();
      pricePoints += check(s, r);
    }
    // Guards against a generator that never exercises the policy.
    assertTrue(updates > 5 * SEEDS, "only " + updates + " updates");
    assertTrue(pricePoints > SEEDS, "only " + pricePoints + " price-point updates");
  }

  @Test
  void stateThroughItsCoderGivesTheSameOutput() throws Exception {
    for (long seed = 1; seed <= SEEDS; seed += 5) {
      PricingScenarios s = PricingScenarios.generate(seed);
      List<PricingEvent> events = new ArrayList<>();
      s.inventory.forEach(e -> events.add(PricingEvent.of(e)));
      s.competitorPrices.forEach(e -> events.add(PricingEvent.of(e)));
      s.clicks.forEach(e -> events.add(PricingEvent.of(e)));
      Collections.sort(events);
      Map<String, CatalogEntry> catalog = new HashMap<>();
      s.catalog.forEach(e -> catalog.put(e.getProductId(), e));
      Map<String, byte[]> stored = new HashMap<>();
      List<PriceUpdate> out = new ArrayList<>();
      for (PricingEvent e : events) {
        CatalogEntry entry = catalog.get(e.productId());
        if (entry == null || !entry.check(s.config).isEmpty()) {
          continue;
        }
        byte[] bytes = stored.get(e.productId());
        ProductState state =
            bytes == null
                ? new ProductState()
                : CoderUtils.decodeFromByteArray(ProductState.coder(), bytes);
        PricingStages.apply(state, e, s.config);
        Optional<PriceUpdate> u = PricingStages.evaluate(state, entry, s.config, e.timestamp());
        u.ifPresent(out::add);
        stored.put(e.productId(), CoderUtils.encodeToByteArray(ProductState.coder(), state));
      }
      assertEquals(run(s).getUpdates(), out, "seed " + seed);
    }
  }

  private static PricingModel.Result run(PricingScenarios s) {
    return PricingModel.run(s.clicks, s.inventory, s.competitorPrices, s.catalog, s.config);
  }

  /** Asserts every guardrail on every update; returns how many landed on a price point. */
  private static int check(PricingScenarios s, PricingModel.Result r) {
    PricingConfig c = s.config;
    Map<String, CatalogEntry> catalog = new HashMap<>();
    s.catalog.forEach(e -> catalog.put(e.getProductId(), e));
    Map<String, BigDecimal> price = new HashMap<>();
    Map<String, Long> lastChange = new HashMap<>();
    int onPoint = 0;
    long events = s.clicks.size() + s.inventory.size() + s.competitorPrices.size();
    assertEquals(events, r.getEventsApplied() + r.getSkippedTotal(), s + ": events lost");
    for (PriceUpdate u : r.getUpdates()) {
      String why = s + "\nupdate " + u;
      CatalogEntry e = catalog.get(u.getProductId());
      if (e == null || !e.check(c).isEmpty()) {
        fail("update for a product without a valid entry: " + why);
      }
      BigDecimal old = price.getOrDefault(u.getProductId(), e.getBasePrice());
      BigDecimal now = u.getNewPrice();
      check(u.getOldPrice().compareTo(old) == 0, "old price is not the previous price", why);
      check(now.scale() == 2, "not 2 decimals", why);
      check(now.compareTo(old) != 0, "no change", why);
      check(now.compareTo(Guardrails.marginPrice(e, c)) >= 0, "below the margin", why);
      check(e.getFloor() == null || now.compareTo(e.getFloor()) >= 0, "below the floor", why);
      check(e.getCeiling() == null || now.compareTo(e.getCeiling()) <= 0, "above the ceiling", why);
      BigDecimal up = Guardrails.stepUp(old, c);
      BigDecimal down = Guardrails.stepDown(old, c);
      check(now.compareTo(up) <= 0 && now.compareTo(down) >= 0, "more than one step", why);
      check(
          now.subtract(old).abs().multiply(HUNDRED).compareTo(c.minChangePct.multiply(old)) >= 0,
          "change under the minimum",
          why);
      Long last = lastChange.get(u.getProductId());
      long t = u.getTimestamp().getMillis();
      check(last == null || t - last >= c.cooldownMinutes * 60_000L, "within the cooldown", why);
      BigDecimal f = c.pricePoint.fraction();
      if (f != null) {
        if (isPoint(now, f)) {
          onPoint++;
        } else {
          BigDecimal lo = down.max(Guardrails.lowest(e, c));
          BigDecimal hi = e.getCeiling() == null ? up : up.min(e.getCeiling());
          BigDecimal largest = hi.subtract(f).setScale(0, RoundingMode.FLOOR).add(f);
          check(
              largest.compareTo(lo) < 0,
              "not on a price point although " + largest + " was allowed",
              why);
        }
      }
      price.put(u.getProductId(), now);
      lastChange.put(u.getProductId(), t);
    }
    return onPoint;
  }

  private static boolean isPoint(BigDecimal p, BigDecimal fraction) {
    return p.subtract(fraction).stripTrailingZeros().scale() <= 0;
  }

  private static void check(boolean ok, String what, String why) {
    if (!ok) {
      fail(what + ": " + why);
    }
  }
}
