package io.realtimepipelines.pricing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the catalog says about a product's price: where pricing starts and the hard limits it must
 * stay within. An entry that fails {@link #check(PricingConfig)} is not priced at all: its events
 * are counted and skipped by the caller, because no price could satisfy every guardrail.
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"productId", "basePrice", "unitCost", "floor", "ceiling"})
@AutoValue
public abstract class CatalogEntry implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Product the entry is for. */
  public abstract String getProductId();

  /** List price in the store currency, at most 2 decimals: the price before any change. */
  public abstract BigDecimal getBasePrice();

  /** What one unit costs us, in the store currency, at least zero. */
  public abstract BigDecimal getUnitCost();

  /** Lowest price allowed by merchandising, when set. */
  public abstract @Nullable BigDecimal getFloor();

  /** Highest price allowed (e.g. the manufacturer's maximum), when set. */
  public abstract @Nullable BigDecimal getCeiling();

  public static CatalogEntry of(
      String productId,
      BigDecimal basePrice,
      BigDecimal unitCost,
      @Nullable BigDecimal floor,
      @Nullable BigDecimal ceiling) {
    return new AutoValue_CatalogEntry(productId, basePrice, unitCost, floor, ceiling);
  }

  /** The entry's own problems, independent of the configuration; empty when fine. */
  public List<String> check() {
    List<String> p = new ArrayList<>();
    if (getProductId().isBlank()) {
      p.add("productId must not be blank");
    }
    positive(p, "basePrice", getBasePrice());
    if (getUnitCost().signum() < 0) {
      p.add("unitCost " + getUnitCost().toPlainString() + " must be at least 0");
    }
    if (getFloor() != null) {
      positive(p, "floor", getFloor());
    }
    if (getCeiling() != null) {
      positive(p, "ceiling", getCeiling());
    }
    if (getFloor() != null && getCeiling() != null && getFloor().compareTo(getCeiling()) > 0) {
      p.add(
          "floor "
              + getFloor().toPlainString()
              + " is above ceiling "
              + getCeiling().toPlainString());
    }
    return p;
  }

  /**
   * The entry's problems under {@code config}: {@link #check()}, then the combinations the policy
   * cannot resolve: a ceiling below the minimum-margin price, and a base price outside the band
   * [max(cost * (1 + minMargin), floor), ceiling] every emitted price must fall in.
   */
  public List<String> check(PricingConfig config) {
    List<String> p = check();
    if (!p.isEmpty()) {
      return p;
    }
    BigDecimal marginPrice = Guardrails.marginPrice(this, config);
    if (getCeiling() != null && marginPrice.compareTo(getCeiling()) > 0) {
      p.add(
          "ceiling "
              + getCeiling().toPlainString()
              + " is below the minimum-margin price "
              + Money.text(marginPrice)
              + " (unitCost "
              + getUnitCost().toPlainString()
              + " + "
              + config.minMarginPct.toPlainString()
              + "%)");
      return p;
    }
    BigDecimal lowest = Guardrails.lowest(this, config);
    if (getBasePrice().compareTo(lowest) < 0) {
      p.add(
          "basePrice "
              + getBasePrice().toPlainString()
              + " is below the lowest allowed price "
              + Money.text(lowest)
              + " (floor or unitCost + "
              + config.minMarginPct.toPlainString()
              + "%)");
    }
    if (getCeiling() != null && getBasePrice().compareTo(getCeiling()) > 0) {
      p.add(
          "basePrice "
              + getBasePrice().toPlainString()
              + " is above ceiling "
              + getCeiling().toPlainString());
    }
    return p;
  }

  private static void positive(List<String> p, String name, BigDecimal value) {
    if (value.signum() <= 0) {
      p.add(name + " " + value.toPlainString() + " must be greater than 0");
    } else if (value.stripTrailingZeros().scale() > 2) {
      p.add(name + " " + value.toPlainString() + " must have at most 2 decimals");
    }
  }
}
