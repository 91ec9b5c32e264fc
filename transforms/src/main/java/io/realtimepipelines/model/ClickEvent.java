package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.math.BigDecimal;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** A shopper's interaction with a product in the online store. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "eventId",
  "sessionId",
  "userId",
  "productId",
  "category",
  "action",
  "price",
  "quantity",
  "timestamp"
})
@AutoValue
public abstract class ClickEvent implements Event {

  /** Unique id of this event. */
  public abstract String getEventId();

  /** Browsing session the event belongs to. */
  public abstract String getSessionId();

  /** Logged-in user, when known. */
  public abstract @Nullable String getUserId();

  /** Product the action was on. */
  public abstract String getProductId();

  /** Product category (e.g. electronics.smartphone), when known. */
  public abstract @Nullable String getCategory();

  /** What the shopper did. */
  public abstract ClickAction getAction();

  /** Unit price shown to the shopper at event time, in the store currency, at least zero. */
  public abstract BigDecimal getPrice();

  /** Units involved (1 for views), at least one. */
  public abstract int getQuantity();

  /** Event time, UTC. */
  public abstract Instant getTimestamp();

  @Override
  public String dedupKey() {
    return getEventId();
  }

  @Override
  public Instant eventTime() {
    return getTimestamp();
  }

  public static Builder builder() {
    return new AutoValue_ClickEvent.Builder().setQuantity(1);
  }

  public abstract Builder toBuilder();

  /** Builder for {@link ClickEvent}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setEventId(String value);

    public abstract Builder setSessionId(String value);

    public abstract Builder setUserId(@Nullable String value);

    public abstract Builder setProductId(String value);

    public abstract Builder setCategory(@Nullable String value);

    public abstract Builder setAction(ClickAction value);

    public abstract Builder setPrice(BigDecimal value);

    public abstract Builder setQuantity(int value);

    public abstract Builder setTimestamp(Instant value);

    public abstract ClickEvent build();
  }
}
