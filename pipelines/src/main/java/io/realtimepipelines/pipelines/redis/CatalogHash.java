package io.realtimepipelines.pipelines.redis;

import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A catalogue entry as a Redis hash {@code <prefix>catalog:<productId>}: fields {@code basePrice},
 * {@code unitCost} (required), {@code floor}, {@code ceiling} (optional), decimal numbers as text,
 * the same fields as a line of the catalogue file.
 */
public final class CatalogHash {
  private CatalogHash() {}

  /**
   * The entry stored in {@code hash}.
   *
   * @throws IllegalArgumentException naming the field that is missing or not a number above 0
   */
  public static CatalogEntry fromHash(String productId, Map<String, String> hash) {
    return CatalogEntry.of(
        productId,
        positive(hash, "basePrice"),
        positive(hash, "unitCost"),
        optional(hash, "floor"),
        optional(hash, "ceiling"));
  }

  /** The hash fields of {@code entry}. */
  public static Map<String, String> toHash(CatalogEntry entry) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("basePrice", entry.getBasePrice().toPlainString());
    h.put("unitCost", entry.getUnitCost().toPlainString());
    if (entry.getFloor() != null) {
      h.put("floor", entry.getFloor().toPlainString());
    }
    if (entry.getCeiling() != null) {
      h.put("ceiling", entry.getCeiling().toPlainString());
    }
    return h;
  }

  private static BigDecimal positive(Map<String, String> hash, String field) {
    String text = hash.get(field);
    BigDecimal value;
    try {
      value = text == null ? null : new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      value = null;
    }
    if (value == null || value.signum() <= 0) {
      throw new IllegalArgumentException(field + " missing or not a number above 0");
    }
    return value;
  }

  private static BigDecimal optional(Map<String, String> hash, String field) {
    String text = hash.get(field);
    return text == null || text.isBlank() ? null : positive(hash, field);
  }
}
