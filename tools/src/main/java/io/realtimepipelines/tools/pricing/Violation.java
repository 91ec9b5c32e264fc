package io.realtimepipelines.tools.pricing;

import java.time.Instant;

/**
 * One broken guardrail.
 *
 * @param check the guardrail broken
 * @param productId the product, or "" for an unreadable line
 * @param timestamp the update's event time, or null for an unreadable line
 * @param numbers the values compared, e.g. "newPrice 1.50 < floor 1.68"
 * @param position "file:line"
 */
public record Violation(
    Check check, String productId, Instant timestamp, String numbers, String position) {

  /** {@code check} broken by {@code update}. */
  static Violation of(PriceUpdate update, Check check, String numbers) {
    return new Violation(check, update.productId(), update.timestamp(), numbers, update.position());
  }
}
