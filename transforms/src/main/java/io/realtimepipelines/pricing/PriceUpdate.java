package io.realtimepipelines.pricing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.math.BigDecimal;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** A new price for one product, with the signals it was computed from and why. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "productId",
  "oldPrice",
  "newPrice",
  "timestamp",
  "policyVersion",
  "demandRatio",
  "unitsSold",
  "baselineUnitsPerShortWindow",
  "conversion",
  "stock",
  "sellOutMinutes",
  "competitorMin",
  "competitorMedian",
  "competitorCount",
  "reasons"
})
@AutoValue
public abstract class PriceUpdate {

  /** Product repriced. */
  public abstract String getProductId();

  /** Price before the change, store currency, 2 decimals. */
  public abstract BigDecimal getOldPrice();

  /** Price from now on, store currency, 2 decimals. */
  public abstract BigDecimal getNewPrice();

  /** Event time of the event that triggered the change, UTC. */
  public abstract Instant getTimestamp();

  /** Version of the pricing configuration that made the change. */
  public abstract String getPolicyVersion();

  /** Smoothed units in the short window over the baseline units per short window; 1 is usual. */
  public abstract double getDemandRatio();

  /** Units purchased in the short window. */
  public abstract long getUnitsSold();

  /** Units purchased per short window, averaged over the baseline window. */
  public abstract double getBaselineUnitsPerShortWindow();

  /** Purchases per view in the short window; 0 when there were no views. */
  public abstract double getConversion();

  /** Estimated units on hand (last count minus units sold since), when a count is known. */
  public abstract @Nullable Long getStock();

  /** Minutes until the stock sells out at the short window's rate, when it would. */
  public abstract @Nullable Double getSellOutMinutes();

  /** Lowest fresh competitor price, store currency, when any. */
  public abstract @Nullable BigDecimal getCompetitorMin();

  /** Median fresh competitor price, store currency, when any. */
  public abstract @Nullable BigDecimal getCompetitorMedian();

  /** Competitors with a fresh price. */
  public abstract int getCompetitorCount();

  /** Human sentences, in the order the policy applied them. */
  public abstract List<String> getReasons();

  public static Builder builder() {
    return new AutoValue_PriceUpdate.Builder();
  }

  public abstract Builder toBuilder();

  /** Builder for {@link PriceUpdate}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setProductId(String value);

    public abstract Builder setOldPrice(BigDecimal value);

    public abstract Builder setNewPrice(BigDecimal value);

    public abstract Builder setTimestamp(Instant value);

    public abstract Builder setPolicyVersion(String value);

    public abstract Builder setDemandRatio(double value);

    public abstract Builder setUnitsSold(long value);

    public abstract Builder setBaselineUnitsPerShortWindow(double value);

    public abstract Builder setConversion(double value);

    public abstract Builder setStock(@Nullable Long value);

    public abstract Builder setSellOutMinutes(@Nullable Double value);

    public abstract Builder setCompetitorMin(@Nullable BigDecimal value);

    public abstract Builder setCompetitorMedian(@Nullable BigDecimal value);

    public abstract Builder setCompetitorCount(int value);

    public abstract Builder setReasons(List<String> value);

    abstract List<String> getReasons();

    abstract PriceUpdate autoBuild();

    public PriceUpdate build() {
      setReasons(List.copyOf(getReasons()));
      return autoBuild();
    }
  }
}
