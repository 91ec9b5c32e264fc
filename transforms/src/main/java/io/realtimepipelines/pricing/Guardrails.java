package io.realtimepipelines.pricing;

import java.math.BigDecimal;

/** The hard price limits of one product under one configuration, exact (not rounded). */
final class Guardrails {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Guardrails() {}

  /** unitCost * (1 + minMarginPct / 100). */
  static BigDecimal marginPrice(CatalogEntry e, PricingConfig c) {
    return e.getUnitCost().multiply(BigDecimal.ONE.add(pct(c.minMarginPct)));
  }

  /** The lowest price allowed: the margin price or the floor, whichever is higher. */
  static BigDecimal lowest(CatalogEntry e, PricingConfig c) {
    BigDecimal m = marginPrice(e, c);
    return e.getFloor() != null && e.getFloor().compareTo(m) > 0 ? e.getFloor() : m;
  }

  /** The ceiling, or null when the product has none. */
  static BigDecimal highest(CatalogEntry e) {
    return e.getCeiling();
  }

  static BigDecimal stepDown(BigDecimal old, PricingConfig c) {
    return old.multiply(BigDecimal.ONE.subtract(pct(c.maxStepPct)));
  }

  static BigDecimal stepUp(BigDecimal old, PricingConfig c) {
    return old.multiply(BigDecimal.ONE.add(pct(c.maxStepPct)));
  }

  /** p / 100, exact. */
  static BigDecimal pct(BigDecimal p) {
    return p.movePointLeft(2);
  }

  /** True when the change from {@code oldPrice} is under {@code minChangePct} (exactly). */
  static boolean belowMinChange(BigDecimal oldPrice, BigDecimal newPrice, PricingConfig c) {
    // |new - old| * 100 < minChangePct * old, without division.
    return newPrice
            .subtract(oldPrice)
            .abs()
            .multiply(HUNDRED)
            .compareTo(c.minChangePct.multiply(oldPrice))
        < 0;
  }
}
