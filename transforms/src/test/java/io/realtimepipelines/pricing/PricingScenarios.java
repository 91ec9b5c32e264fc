package io.realtimepipelines.pricing;

import static io.realtimepipelines.testing.Events.T0;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.InventoryUpdate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.joda.time.Instant;

/**
 * Random but reproducible pricing inputs for property tests: a random valid configuration, a
 * catalog with edge cases (tiny prices, floor at the margin price, base equal to the ceiling, no
 * ceiling, invalid entries, a product without an entry) and an event sequence with ties, demand
 * spikes, stock running out and competitors far below cost.
 */
final class PricingScenarios {
  final long seed;
  final PricingConfig config;
  final String configJson;
  final List<CatalogEntry> catalog = new ArrayList<>();
  final List<ClickEvent> clicks = new ArrayList<>();
  final List<InventoryUpdate> inventory = new ArrayList<>();
  final List<CompetitorPrice> competitorPrices = new ArrayList<>();

  private PricingScenarios(long seed, String configJson) {
    this.seed = seed;
    this.configJson = configJson;
    this.config = PricingFixtures.config(configJson);
  }

  @Override
  public String toString() {
    return "seed " + seed + ", config " + configJson + ", catalog " + catalog;
  }

  static PricingScenarios generate(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    PricingScenarios s = new PricingScenarios(seed, randomConfig(rnd));
    int products = 2 + rnd.nextInt(4);
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < products; p++) {
      String id = "p" + p;
      ids.add(id);
      s.catalog.add(randomEntry(id, s.config, rnd));
    }
    ids.add("no-entry");
    long t = T0.getMillis();
    int n = 150 + rnd.nextInt(250);
    boolean spike = false;
    for (int i = 0; i < n; i++) {
      int gap = rnd.nextInt(10);
      t += gap < 2 ? 0 : gap < 9 ? rnd.nextInt(90_000) : rnd.nextInt(4 * 3_600_000);
      if (rnd.nextInt(20) == 0) {
        spike = !spike;
      }
      String product = ids.get(rnd.nextInt(ids.size()));
      Instant at = new Instant(t);
      int kind = rnd.nextInt(100);
      if (kind < 10) {
        long stock = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 10 : 500);
        s.inventory.add(InventoryUpdate.of(product, stock, at));
      } else if (kind < 25) {
        BigDecimal base = s.baseOf(product);
        double factor =
            rnd.nextInt(5) == 0 ? 0.01 : rnd.nextInt(10) == 0 ? 5.0 : 0.5 + rnd.nextDouble();
        BigDecimal price =
            base.multiply(BigDecimal.valueOf(factor))
                .setScale(2, RoundingMode.HALF_UP)
                .max(new BigDecimal("0.01"));
        s.competitorPrices.add(CompetitorPrice.of(product, "c" + rnd.nextInt(4), price, at));
      } else {
        int a = rnd.nextInt(10);
        ClickAction action =
            a < 5 ? ClickAction.VIEW : a < 6 ? ClickAction.ADD_TO_CART : ClickAction.PURCHASE;
        int units =
            action != ClickAction.PURCHASE ? 1 : spike ? 1 + rnd.nextInt(200) : 1 + rnd.nextInt(3);
        s.clicks.add(
            PricingFixtures.clickWithId(String.format("e%05d", i), product, action, units, at));
      }
    }
    return s;
  }

  private BigDecimal baseOf(String product) {
    for (CatalogEntry e : catalog) {
      if (e.getProductId().equals(product)) {
        return e.getBasePrice();
      }
    }
    return new BigDecimal("10.00");
  }

  private static <T> T pick(SplittableRandom rnd, List<T> values) {
    return values.get(rnd.nextInt(values.size()));
  }

  private static String randomConfig(SplittableRandom rnd) {
    double step = pick(rnd, List.of(0.5, 2.0, 5.0, 10.0, 25.0, 50.0));
    double minChange = Math.min(step, pick(rnd, List.of(0.0, 0.5, 1.0, 3.0)));
    int shortWindow = pick(rnd, List.of(1, 5, 15));
    int baseline = pick(rnd, List.of(shortWindow + 1, 60, 240, 1440));
    return "{\"version\":\"s\",\"shortWindowMinutes\":"
        + shortWindow
        + ",\"baselineWindowMinutes\":"
        + baseline
        + ",\"demand\":{\"weight\":"
        + pick(rnd, List.of(0.0, 0.1, 0.5, 2.0))
        + ",\"minMultiplier\":"
        + pick(rnd, List.of(0.1, 0.85, 1.0))
        + ",\"maxMultiplier\":"
        + pick(rnd, List.of(1.0, 1.3, 10.0))
        + "}"
        + ",\"minMarginPct\":"
        + pick(rnd, List.of(0, 5, 10, 40))
        + ",\"maxStepPct\":"
        + step
        + ",\"minChangePct\":"
        + minChange
        + ",\"cooldownMinutes\":"
        + pick(rnd, List.of(0, 1, 5, 30))
        + ",\"pricePoint\":\""
        + pick(rnd, List.of("none", ".99", ".95", ".00"))
        + "\""
        + ",\"flashSale\":{\"enabled\":"
        + (rnd.nextInt(4) != 0)
        + ",\"sellOutWithinMinutes\":"
        + pick(rnd, List.of(1, 60, 600))
        + ",\"maxFlashPct\":"
        + pick(rnd, List.of(0, 20, 200))
        + "}"
        + ",\"competitor\":{\"enabled\":"
        + (rnd.nextInt(4) != 0)
        + ",\"maxAgeMinutes\":"
        + pick(rnd, List.of(1, 120))
        + ",\"minCompetitors\":"
        + pick(rnd, List.of(1, 2, 3))
        + ",\"maxAboveMedianPct\":"
        + pick(rnd, List.of(0, 5, 50))
        + ",\"lowDemandRatio\":"
        + pick(rnd, List.of(0.0, 0.8, 1.0))
        + ",\"undercutPct\":"
        + pick(rnd, List.of(0, 1, 20))
        + "}}";
  }

  private static BigDecimal cents(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
  }

  private static CatalogEntry randomEntry(String id, PricingConfig c, SplittableRandom rnd) {
    int costKind = rnd.nextInt(6);
    BigDecimal cost =
        costKind == 0
            ? BigDecimal.ZERO
            : costKind == 1
                ? cents(0.01 + rnd.nextDouble() * 0.09)
                : cents(1 + Math.exp(rnd.nextDouble() * 5.3));
    BigDecimal margin =
        Guardrails.marginPrice(CatalogEntry.of(id, BigDecimal.ONE, cost, null, null), c);
    BigDecimal marginCents = margin.setScale(2, RoundingMode.CEILING).max(new BigDecimal("0.01"));
    BigDecimal floor = null;
    switch (rnd.nextInt(4)) {
      case 0:
        floor = marginCents;
        break;
      case 1:
        floor = marginCents.add(cents(rnd.nextDouble() * 5));
        break;
      case 2:
        floor = marginCents.subtract(cents(rnd.nextDouble())).max(new BigDecimal("0.01"));
        break;
      default:
        break;
    }
    BigDecimal lowest = floor == null ? marginCents : floor.max(marginCents);
    BigDecimal base =
        rnd.nextInt(4) == 0 ? lowest : lowest.add(cents(lowest.doubleValue() * rnd.nextDouble()));
    BigDecimal ceiling = null;
    switch (rnd.nextInt(4)) {
      case 0:
        ceiling = base;
        break;
      case 1:
        ceiling = base.add(cents(rnd.nextDouble() * 2));
        break;
      case 2:
        ceiling = cents(base.doubleValue() * (1 + rnd.nextDouble() * 3)).max(base);
        break;
      default:
        break;
    }
    if (rnd.nextInt(12) == 0) {
      // Deliberately invalid: floor above ceiling.
      return CatalogEntry.of(id, base, cost, base.add(BigDecimal.ONE), base);
    }
    return CatalogEntry.of(id, base, cost, floor, ceiling);
  }
}
