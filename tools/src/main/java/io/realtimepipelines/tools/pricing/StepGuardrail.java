package io.realtimepipelines.tools.pricing;

import static io.realtimepipelines.tools.pricing.Prices.plain;

import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A step |new − old| at most old × maxStep plus half a penny: a price capped at exactly maxStep and
 * rounded to pennies may overshoot by that much.
 */
final class StepGuardrail implements Guardrail {
  /** Allowed overshoot of the step limit, for rounding to pennies: half a penny. */
  static final BigDecimal TOLERANCE = new BigDecimal("0.005");

  private final BigDecimal maxStepPct;
  private final BigDecimal stepFraction;

  /** {@code maxStepPct}: the largest step, in percent of the old price. */
  StepGuardrail(BigDecimal maxStepPct) {
    this.maxStepPct = maxStepPct;
    this.stepFraction = maxStepPct.movePointLeft(2);
  }

  @Override
  public Map<Check, String> limits() {
    return Map.of(
        Check.STEP_TOO_LARGE,
        "maxStepPct=" + plain(maxStepPct) + " (+" + TOLERANCE + " for rounding)");
  }

  @Override
  public void check(
      PriceUpdate u, PriceUpdate previous, CatalogEntry entry, List<Violation> violations) {
    if (u.step().compareTo(u.oldPrice().multiply(stepFraction).add(TOLERANCE)) > 0) {
      violations.add(
          Violation.of(
              u,
              Check.STEP_TOO_LARGE,
              Prices.change(u) + ", more than " + plain(maxStepPct) + "%"));
    }
  }
}
