package io.realtimepipelines.fraud;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting for the sentences that explain decisions. */
public final class Texts {
  private Texts() {}

  public static String money(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  public static String money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** "3 min 12 s", "45 s", "2 h 5 min", "3 d 4 h". */
  public static String duration(long millis) {
    long s = Math.max(0, millis) / 1000;
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
    long h = m / 60;
    if (h < 48) {
      return h + " h" + (m % 60 == 0 ? "" : " " + (m % 60) + " min");
    }
    return (h / 24) + " d" + (h % 24 == 0 ? "" : " " + (h % 24) + " h");
  }

  public static String windowSeconds(long seconds) {
    return duration(seconds * 1000);
  }

  /** A ratio with one decimal below 10, whole above: "4.2", "12". */
  public static String ratio(double r) {
    return r >= 10 ? Long.toString(Math.round(r)) : Double.toString(Math.round(r * 10) / 10.0);
  }
}
