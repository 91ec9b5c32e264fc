package io.realtimepipelines.tools.pricing;

import static io.realtimepipelines.tools.pricing.Prices.price;

import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * oldPrice equal to the previous update's newPrice, or to the catalogue's basePrice for the first
 * (not checked for the first update of a product outside the catalogue).
 */
final class ContinuityGuardrail implements Guardrail {
  @Override
  public Map<Check, String> limits() {
    return Map.of(Check.NOT_CONTINUOUS, "catalog");
  }

  @Override
  public void check(
      PriceUpdate u, PriceUpdate previous, CatalogEntry entry, List<Violation> violations) {
    BigDecimal expected =
        previous != null ? previous.newPrice() : entry != null ? entry.getBasePrice() : null;
    if (expected != null && u.oldPrice().compareTo(expected) != 0) {
      violations.add(
          Violation.of(
              u,
              Check.NOT_CONTINUOUS,
              "oldPrice "
                  + price(u.oldPrice())
                  + " ≠ "
                  + (previous != null ? "previous newPrice " : "basePrice ")
                  + price(expected)));
    }
  }
}
