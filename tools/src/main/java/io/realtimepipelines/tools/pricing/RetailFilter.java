package io.realtimepipelines.tools.pricing;

import java.util.Locale;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Why a parsed Online Retail row is not a product purchase. The first matching reason, in the order
 * of the constants, is the one counted, so that every row is counted once.
 *
 * <p>Non-product stock codes: the data's product codes are five digits with up to two letters
 * ({@code 85123A}) or {@code DCGS…} (dog collars and party bags, real products). Every other code
 * in the December 2010 – February 2011 files was listed with its descriptions and all of them are
 * charges, fees or bookkeeping: {@code POST} (postage), {@code DOT} (dotcom postage), {@code C2}
 * (carriage), {@code M}/{@code m} (manual), {@code D} (discount), {@code S} (samples), {@code BANK
 * CHARGES}, {@code AMAZONFEE}, and the gift vouchers {@code gift_0001_20} … {@code gift_0001_50}.
 * {@code PADS}, {@code CRUK} (a charity commission) and {@code B} (bad-debt adjustment) do not
 * occur in these files but do in the full year, and are listed too.
 */
public enum RetailFilter {
  /** InvoiceNo starts with C. */
  CANCELLATION("cancellation (InvoiceNo C…)"),
  /** A charge, fee or bookkeeping line, see {@link #NON_PRODUCT_CODES}. */
  NON_PRODUCT_CODE("non-product StockCode"),
  /** Quantity 0 or less (returns and stock adjustments outside cancellations). */
  NON_POSITIVE_QUANTITY("Quantity 0 or less"),
  /** UnitPrice 0 (free samples, adjustments). */
  ZERO_PRICE("UnitPrice 0"),
  /** UnitPrice below 0 (bad-debt adjustments in the full data). */
  NEGATIVE_PRICE("UnitPrice below 0");

  /** Stock codes that are not products, upper case (compared case-insensitively). */
  public static final Set<String> NON_PRODUCT_CODES =
      Set.of("POST", "DOT", "C2", "M", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "PADS", "CRUK");

  /** Gift vouchers ({@code gift_0001_20}): money, not a product with a price to set. */
  public static final String GIFT_VOUCHER_PREFIX = "GIFT_";

  private final String label;

  RetailFilter(String label) {
    this.label = label;
  }

  /** The reason as shown in reports. */
  public String label() {
    return label;
  }

  /** True when {@code stockCode} is not a product (see the class comment). */
  public static boolean nonProduct(String stockCode) {
    String code = stockCode.trim().toUpperCase(Locale.ROOT);
    return NON_PRODUCT_CODES.contains(code) || code.startsWith(GIFT_VOUCHER_PREFIX);
  }

  /** The reason {@code row} is filtered, or null for a product purchase. */
  public static @Nullable RetailFilter of(RetailRow row) {
    if (row.cancellation()) {
      return CANCELLATION;
    }
    if (nonProduct(row.stockCode())) {
      return NON_PRODUCT_CODE;
    }
    if (row.quantity() <= 0) {
      return NON_POSITIVE_QUANTITY;
    }
    int sign = row.unitPrice().signum();
    if (sign == 0) {
      return ZERO_PRICE;
    }
    if (sign < 0) {
      return NEGATIVE_PRICE;
    }
    return null;
  }
}
