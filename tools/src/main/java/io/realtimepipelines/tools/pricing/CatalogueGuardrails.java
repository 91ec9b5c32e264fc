package io.realtimepipelines.tools.pricing;

import static io.realtimepipelines.tools.pricing.Prices.plain;
import static io.realtimepipelines.tools.pricing.Prices.price;

import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The catalogue's limits on the new price: the product must be in the catalogue, and its new price
 * at least unitCost × (1 + minMargin) (rounded to pennies HALF_UP), at least the floor and at most
 * the ceiling (each when set).
 */
final class CatalogueGuardrails implements Guardrail {
  private final BigDecimal minMarginPct;
  private final BigDecimal marginFactor;

  /** {@code minMarginPct}: the margin over unitCost, in percent. */
  CatalogueGuardrails(BigDecimal minMarginPct) {
    this.minMarginPct = minMarginPct;
    this.marginFactor = BigDecimal.ONE.add(minMarginPct.movePointLeft(2));
  }

  @Override
  public Map<Check, String> limits() {
    return Map.of(
        Check.UNKNOWN_PRODUCT, "catalog",
        Check.BELOW_MIN_MARGIN, "minMarginPct=" + plain(minMarginPct),
        Check.BELOW_FLOOR, "catalog",
        Check.ABOVE_CEILING, "catalog");
  }

  @Override
  public void check(
      PriceUpdate u, PriceUpdate previous, CatalogEntry entry, List<Violation> violations) {
    if (entry == null) {
      violations.add(Violation.of(u, Check.UNKNOWN_PRODUCT, "not in the catalogue"));
      return;
    }
    BigDecimal newPrice = u.newPrice();
    BigDecimal minPrice =
        entry.getUnitCost().multiply(marginFactor).setScale(2, RoundingMode.HALF_UP);
    if (newPrice.compareTo(minPrice) < 0) {
      violations.add(
          Violation.of(
              u,
              Check.BELOW_MIN_MARGIN,
              "newPrice "
                  + price(newPrice)
                  + " < unitCost "
                  + price(entry.getUnitCost())
                  + " × "
                  + plain(marginFactor)
                  + " = "
                  + price(minPrice)));
    }
    if (entry.getFloor() != null && newPrice.compareTo(entry.getFloor()) < 0) {
      violations.add(
          Violation.of(
              u,
              Check.BELOW_FLOOR,
              "newPrice " + price(newPrice) + " < floor " + price(entry.getFloor())));
    }
    if (entry.getCeiling() != null && newPrice.compareTo(entry.getCeiling()) > 0) {
      violations.add(
          Violation.of(
              u,
              Check.ABOVE_CEILING,
              "newPrice " + price(newPrice) + " > ceiling " + price(entry.getCeiling())));
    }
  }
}
