package io.realtimepipelines.pipelines.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;

/** Reads catalogue lines: {@code {"productId","basePrice","unitCost","floor","ceiling"}}. */
public final class CatalogFile {
  private CatalogFile() {}

  /**
   * One catalogue line already parsed as JSON (with exact decimals); floor and ceiling optional.
   *
   * @throws IllegalArgumentException naming the field that is missing or not a positive number
   */
  public static CatalogEntry fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode id = node.get("productId");
    if (id == null || !id.isTextual() || id.textValue().isBlank()) {
      throw new IllegalArgumentException("productId missing or not a string");
    }
    return CatalogEntry.of(
        id.textValue(),
        positive(node, "basePrice"),
        positive(node, "unitCost"),
        optional(node, "floor"),
        optional(node, "ceiling"));
  }

  /** The value of {@code field} when it is a number above 0. */
  private static BigDecimal positive(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber() || value.decimalValue().signum() <= 0) {
      throw new IllegalArgumentException(field + " missing or not a number above 0");
    }
    return value.decimalValue();
  }

  private static BigDecimal optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : positive(node, field);
  }
}
