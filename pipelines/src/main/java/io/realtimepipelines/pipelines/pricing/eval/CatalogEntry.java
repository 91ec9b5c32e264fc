package io.realtimepipelines.pipelines.pricing.eval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One product of the seeded catalogue, as written to {@code catalog.jsonl}: {@code
 * {"productId":"sku-85123A","basePrice":2.55,"unitCost":1.53,"floor":1.68,"ceiling":3.83}}. All
 * prices in GBP, two decimals.
 *
 * @param productId the product, as in the click events ("sku-" + StockCode)
 * @param basePrice the list price the pricing job starts from
 * @param unitCost what one unit costs the shop (assumed, see {@link RetailCatalog})
 * @param floor the lowest price the pricing job may set
 * @param ceiling the highest price the pricing job may set
 */
@JsonPropertyOrder({"productId", "basePrice", "unitCost", "floor", "ceiling"})
public record CatalogEntry(
    String productId, BigDecimal basePrice, BigDecimal unitCost, BigDecimal floor,
    BigDecimal ceiling) {

  /**
   * Reads one catalogue line already parsed as JSON (with exact decimals).
   *
   * @throws IllegalArgumentException naming the field that is missing or not a positive number
   */
  static CatalogEntry fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode id = node.get("productId");
    if (id == null || !id.isTextual() || id.textValue().isBlank()) {
      throw new IllegalArgumentException("productId missing or not a string");
    }
    return new CatalogEntry(
        id.textValue(),
        positive(node, "basePrice"),
        positive(node, "unitCost"),
        positive(node, "floor"),
        positive(node, "ceiling"));
  }

  static BigDecimal positive(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber() || value.decimalValue().signum() <= 0) {
      throw new IllegalArgumentException(field + " missing or not a number above 0");
    }
    return value.decimalValue();
  }
}
