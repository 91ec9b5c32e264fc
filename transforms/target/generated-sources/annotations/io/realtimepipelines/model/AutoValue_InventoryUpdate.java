package io.realtimepipelines.model;

import javax.annotation.processing.Generated;
import org.joda.time.Instant;

@Generated("com.google.auto.value.processor.AutoValueProcessor")
final class AutoValue_InventoryUpdate extends InventoryUpdate {

  private final String productId;

  private final long stock;

  private final Instant timestamp;

  AutoValue_InventoryUpdate(
      String productId,
      long stock,
      Instant timestamp) {
    if (productId == null) {
      throw new NullPointerException("Null productId");
    }
    this.productId = productId;
    this.stock = stock;
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
  public long getStock() {
    return stock;
  }

  @Override
  public Instant getTimestamp() {
    return timestamp;
  }

  @Override
  public String toString() {
    return "InventoryUpdate{"
        + "productId=" + productId + ", "
        + "stock=" + stock + ", "
        + "timestamp=" + timestamp
        + "}";
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof InventoryUpdate) {
      InventoryUpdate that = (InventoryUpdate) o;
      return this.productId.equals(that.getProductId())
          && this.stock == that.getStock()
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
    h$ ^= (int) ((stock >>> 32) ^ stock);
    h$ *= 1000003;
    h$ ^= timestamp.hashCode();
    return h$;
  }

}
