package io.realtimepipelines.tools.pricing;

import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** No change under 1% of the old price: such a change is noise. */
final class MinimumChangeGuardrail implements Guardrail {
  /** Changes smaller than this (in percent of the old price) are noise. */
  static final BigDecimal MIN_CHANGE_PCT = BigDecimal.ONE;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  @Override
  public Map<Check, String> limits() {
    return Map.of(Check.CHANGE_UNDER_1_PCT, "1%");
  }

  @Override
  public void check(
      PriceUpdate u, PriceUpdate previous, CatalogEntry entry, List<Violation> violations) {
    if (u.step().multiply(HUNDRED).compareTo(u.oldPrice().multiply(MIN_CHANGE_PCT)) < 0) {
      violations.add(Violation.of(u, Check.CHANGE_UNDER_1_PCT, Prices.change(u)));
    }
  }
}
