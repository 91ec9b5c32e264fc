package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/** The stock level of a product, as reported by the warehouse. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"productId", "stock", "timestamp"})
@AutoValue
public abstract class InventoryUpdate implements Event {

  /** Product whose stock is reported. */
  public abstract String getProductId();

  /** Units on hand, at least zero. */
  public abstract long getStock();

  /** Event time, UTC. */
  public abstract Instant getTimestamp();

  /** An update is identified by its product and time: a repeat of both is a duplicate. */
  @Override
  public String dedupKey() {
    return getProductId() + "@" + getTimestamp().getMillis();
  }

  @Override
  public Instant eventTime() {
    return getTimestamp();
  }

  public static InventoryUpdate of(String productId, long stock, Instant timestamp) {
    return new AutoValue_InventoryUpdate(productId, stock, timestamp);
  }
}
