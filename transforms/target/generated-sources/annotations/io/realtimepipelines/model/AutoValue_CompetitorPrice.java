package io.realtimepipelines.model;

import java.math.BigDecimal;
import javax.annotation.processing.Generated;
import org.joda.time.Instant;

@Generated("com.google.auto.value.processor.AutoValueProcessor")
final class AutoValue_CompetitorPrice extends CompetitorPrice {

  private final String productId;

  private final String competitor;

  private final BigDecimal price;

  private final Instant timestamp;

  AutoValue_CompetitorPrice(
      String productId,
      String competitor,
      BigDecimal price,
      Instant timestamp) {
    if (productId == null) {
      throw new NullPointerException("Null productId");
    }
    this.productId = productId;
    if (competitor == null) {
      throw new NullPointerException("Null competitor");
    }
    this.competitor = competitor;
    if (price == null) {
      throw new NullPointerException("Null price");
    }
    this.price = price;
    if (timestamp == null) {
      throw new NullPointerException("Null timestamp");
    }
    this.timestamp = timestamp;
  }

  @Override
  public String getProductId() {
    return productId;
  }

  @Override
  public String getCompetitor() {
    return competitor;
  }

  @Override
  public BigDecimal getPrice() {
    return price;
  }

  @Override
  public Instant getTimestamp() {
    return timestamp;
  }

  @Override
  public String toString() {
    return "CompetitorPrice{"
        + "productId=" + productId + ", "
        + "competitor=" + competitor + ", "
        + "price=" + price + ", "
        + "timestamp=" + timestamp
        + "}";
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof CompetitorPrice) {
      CompetitorPrice that = (CompetitorPrice) o;
      return this.productId.equals(that.getProductId())
          && this.competitor.equals(that.getCompetitor())
          && this.price.equals(that.getPrice())
          && this.timestamp.equals(that.getTimestamp());
    }
    return false;
  }

  @Override
  public int hashCode() {
    int h$ = 1;
    h$ *= 1000003;
    h$ ^= productId.hashCode();
    h$ *= 1000003;
    h$ ^= competitor.hashCode();
    h$ *= 1000003;
    h$ ^= price.hashCode();
    h$ *= 1000003;
    h$ ^= timestamp.hashCode();
    return h$;
  }

}
