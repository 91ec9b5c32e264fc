package io.realtimepipelines.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting for the sentences that explain price changes. */
final class Money {
  private Money() {}

  static String text(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** One decimal: "3.2". */
  static String one(double v) {
    return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }

  /** Two decimals: "1.18". */
  static String two(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static String pct(BigDecimal p) {
    return p.stripTrailingZeros().toPlainString() + "%";
  }
}
