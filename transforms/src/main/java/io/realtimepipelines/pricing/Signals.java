package io.realtimepipelines.pricing;

import java.math.BigDecimal;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the policy knows about a product at one instant: demand against its baseline, conversion,
 * stock and fresh competitor prices. Computed by {@link PricingStages#signals}; built directly in
 * tests of the policy.
 */
public final class Signals {
  public final long unitsSold;
  public final double baselineUnitsPerShortWindow;
  public final double demandRatio;
  public final long views;
  public final long purchases;
  public final double conversion;
  public final @Nullable Long stock;
  public final @Nullable Double sellOutMinutes;
  public final @Nullable BigDecimal competitorMin;
  public final @Nullable BigDecimal competitorMedian;
  public final int competitorCount;

  private Signals(Builder b) {
    unitsSold = b.unitsSold;
    baselineUnitsPerShortWindow = b.baselineUnitsPerShortWindow;
    demandRatio = b.demandRatio;
    views = b.views;
    purchases = b.purchases;
    conversion = b.conversion;
    stock = b.stock;
    sellOutMinutes = b.sellOutMinutes;
    competitorMin = b.competitorMin;
    competitorMedian = b.competitorMedian;
    competitorCount = b.competitorCount;
  }

  /** Neutral signals: no sales, ratio 1, no stock count, no competitors. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Signals)) {
      return false;
    }
    Signals s = (Signals) o;
    return unitsSold == s.unitsSold
        && Double.compare(baselineUnitsPerShortWindow, s.baselineUnitsPerShortWindow) == 0
        && Double.compare(demandRatio, s.demandRatio) == 0
        && views == s.views
        && purchases == s.purchases
        && Double.compare(conversion, s.conversion) == 0
        && Objects.equals(stock, s.stock)
        && Objects.equals(sellOutMinutes, s.sellOutMinutes)
        && Objects.equals(competitorMin, s.competitorMin)
        && Objects.equals(competitorMedian, s.competitorMedian)
        && competitorCount == s.competitorCount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(unitsSold, demandRatio, stock, competitorMin, competitorCount);
  }

  @Override
  public String toString() {
    return "Signals{units="
        + unitsSold
        + ", baseline="
        + baselineUnitsPerShortWindow
        + ", ratio="
        + demandRatio
        + ", views="
        + views
        + ", purchases="
        + purchases
        + ", conversion="
        + conversion
        + ", stock="
        + stock
        + ", sellOut="
        + sellOutMinutes
        + ", compMin="
        + competitorMin
        + ", compMedian="
        + competitorMedian
        + ", compCount="
        + competitorCount
        + "}";
  }

  /** Builder for {@link Signals}; every field defaults to "nothing known". */
  public static final class Builder {
    private long unitsSold;
    private double baselineUnitsPerShortWindow;
    private double demandRatio = 1.0;
    private long views;
    private long purchases;
    private double conversion;
    private @Nullable Long stock;
    private @Nullable Double sellOutMinutes;
    private @Nullable BigDecimal competitorMin;
    private @Nullable BigDecimal competitorMedian;
    private int competitorCount;

    private Builder() {}

    /** Units sold in the short window and the usual units per short window. */
    public Builder demand(long unitsSold, double baselineUnitsPerShortWindow, double demandRatio) {
      this.unitsSold = unitsSold;
      this.baselineUnitsPerShortWindow = baselineUnitsPerShortWindow;
      this.demandRatio = demandRatio;
      return this;
    }

    /** Views and purchase events in the short window; conversion is derived, 0 without views. */
    public Builder traffic(long views, long purchases) {
      this.views = views;
      this.purchases = purchases;
      this.conversion = views == 0 ? 0.0 : (double) purchases / views;
      return this;
    }

    public Builder stock(@Nullable Long stock, @Nullable Double sellOutMinutes) {
      this.stock = stock;
      this.sellOutMinutes = sellOutMinutes;
      return this;
    }

    public Builder competitors(@Nullable BigDecimal min, @Nullable BigDecimal median, int count) {
      this.competitorMin = min;
      this.competitorMedian = median;
      this.competitorCount = count;
      return this;
    }

    public Signals build() {
      return new Signals(this);
    }
  }
}
