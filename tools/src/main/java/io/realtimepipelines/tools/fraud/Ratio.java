package io.realtimepipelines.tools.fraud;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A fraction with its counts, e.g. a recall of 110 of 113 frauds. Shown truncated (not rounded), so
 * that the shown value passes a two-decimal target exactly when the fraction does.
 *
 * @param numerator e.g. frauds alerted
 * @param denominator e.g. frauds labelled; 0 makes the ratio undefined
 */
public record Ratio(long numerator, long denominator) {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** False when the denominator is 0. */
  public boolean defined() {
    return denominator != 0;
  }

  /** The value; NaN when undefined. */
  public double value() {
    return defined() ? (double) numerator / denominator : Double.NaN;
  }

  /** True when defined and at least {@code target}, compared exactly. */
  public boolean atLeast(BigDecimal target) {
    return defined()
        && BigDecimal.valueOf(numerator).compareTo(target.multiply(BigDecimal.valueOf(denominator)))
            >= 0;
  }

  /** True when defined and below {@code target}, compared exactly. */
  public boolean below(BigDecimal target) {
    return defined()
        && BigDecimal.valueOf(numerator).compareTo(target.multiply(BigDecimal.valueOf(denominator)))
            < 0;
  }

  /** "0.97 (110/113)", or "n/a (0/0)". */
  public String format() {
    return (defined() ? truncated(BigDecimal.ONE).toPlainString() : "n/a") + counts();
  }

  /** "1.25% (2504/200322)", or "n/a (0/0)". */
  public String formatPercent() {
    return (defined() ? truncated(HUNDRED).toPlainString() + "%" : "n/a") + counts();
  }

  private BigDecimal truncated(BigDecimal scale) {
    return BigDecimal.valueOf(numerator)
        .multiply(scale)
        .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.DOWN);
  }

  private String counts() {
    return " (" + numerator + "/" + denominator + ")";
  }
}
