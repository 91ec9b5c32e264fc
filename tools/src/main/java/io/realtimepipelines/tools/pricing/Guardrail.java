package io.realtimepipelines.tools.pricing;

import io.realtimepipelines.pricing.CatalogEntry;
import java.util.List;
import java.util.Map;

/**
 * One guardrail of the price audit, or a small family of them that read the same numbers: the
 * {@link Check}s it makes, with their limits as the report shows them, and the check of one update.
 * {@link PriceAudit} lists every guardrail in one place and runs them in that order.
 */
interface Guardrail {
  /** Each check this guardrail makes, with its limit as the report's table shows it. */
  Map<Check, String> limits();

  /**
   * Adds to {@code violations} each check that {@code update} breaks.
   *
   * @param previous the product's previous update in event time, or null for its first
   * @param entry the product's catalogue entry, or null when the product is not in the catalogue
   */
  void check(
      PriceUpdate update, PriceUpdate previous, CatalogEntry entry, List<Violation> violations);
}
