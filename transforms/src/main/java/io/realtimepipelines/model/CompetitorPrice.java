package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.math.BigDecimal;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/** A price a competitor was seen charging for one of our products. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"productId", "competitor", "price", "timestamp"})
@AutoValue
public abstract class CompetitorPrice implements Event {

  /** Our product id the observation maps to. */
  public abstract String getProductId();

  /** Competitor that charges the price. */
  public abstract String getCompetitor();

  /** Observed unit price in the store currency, greater than zero. */
  public abstract BigDecimal getPrice();

  /** Event time (when the price was observed), UTC. */
  public abstract Instant getTimestamp();

  @Override
  public String dedupKey() {
    return getProductId() + "|" + getCompetitor() + "@" + getTimestamp().getMillis();
  }

  @Override
  public Instant eventTime() {
    return getTimestamp();
  }

  public static CompetitorPrice of(
      String productId, String competitor, BigDecimal price, Instant timestamp) {
    return new AutoValue_CompetitorPrice(productId, competitor, price, timestamp);
  }
}
