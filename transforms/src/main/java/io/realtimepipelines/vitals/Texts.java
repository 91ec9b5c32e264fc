package io.realtimepipelines.vitals;

import java.math.BigDecimal;

/** Numbers in sentences and step names: at most two decimals, no trailing zeros. */
final class Texts {
  private Texts() {}

  static String num(double v) {
    return BigDecimal.valueOf(Math.round(v * 100) / 100.0).stripTrailingZeros().toPlainString();
  }

  /** Milliseconds as seconds, up to three decimals. */
  static String seconds(double millis) {
    return BigDecimal.valueOf(Math.round(millis) / 1000.0).stripTrailingZeros().toPlainString();
  }
}
