package io.realtimepipelines.tools.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * One price update read from a file (see {@link PriceUpdates} for the line format).
 *
 * @param productId the product whose price changed
 * @param oldPrice the price before the change, above 0
 * @param newPrice the price after the change
 * @param timestamp the change's event time
 * @param reasons why the job changed the price ("low stock"), possibly none
 * @param position "file:line"
 */
public record PriceUpdate(
    String productId,
    BigDecimal oldPrice,
    BigDecimal newPrice,
    Instant timestamp,
    List<String> reasons,
    String position) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** (new − old) / old in percent, 2 decimals. */
  BigDecimal changePct() {
    return newPrice
        .subtract(oldPrice)
        .multiply(HUNDRED)
        .divide(oldPrice, MathContext.DECIMAL64)
        .setScale(2, RoundingMode.HALF_UP);
  }

  /** |new − old|. */
  BigDecimal step() {
    return newPrice.subtract(oldPrice).abs();
  }
}
