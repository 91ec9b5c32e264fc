package io.realtimepipelines.tools.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the price audit writes numbers in its violations and limits. */
final class Prices {
  private Prices() {}

  /** A price as given ("2.50"). */
  static String price(BigDecimal value) {
    return value.toPlainString();
  }

  /** A setting without trailing zeros or exponent ("1.2", "10"). */
  static String plain(BigDecimal value) {
    return value.stripTrailingZeros().scale() < 0
        ? value.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
        : value.stripTrailingZeros().toPlainString();
  }

  /** A change in percent with its sign ("+4.76", "-10.00"). */
  static String signed(BigDecimal pct) {
    return (pct.signum() > 0 ? "+" : "") + pct.toPlainString();
  }

  /** The change of {@code u}: "10.00 → 10.50 is +5.00%". */
  static String change(PriceUpdate u) {
    return price(u.oldPrice()) + " → " + price(u.newPrice()) + " is " + signed(u.changePct()) + "%";
  }
}
