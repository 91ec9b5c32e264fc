package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.math.BigDecimal;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A shopper's interaction with a product in the online store.
 *
 * <p>The schema's field numbers are pinned ({@link SchemaFieldNumber}): clicks wait in keyed state
 * (the {@code recommend} and {@code pricing} jobs order them in event time), stored in the bytes of
 * this schema's coder, which writes fields by number. The first nine are the order Beam inferred
 * before {@code brand} existed; a new field takes the next number, so bytes written by an earlier
 * release (checkpoints, savepoints) read unchanged, with the new field null ({@code
 * ClickEventSchemaTest}).
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "eventId",
  "sessionId",
  "userId",
  "productId",
  "category",
  "brand",
  "action",
  "price",
  "quantity",
  "timestamp"
})
@AutoValue
public abstract class ClickEvent implements Event {

  /** Unique id of this event. */
  @SchemaFieldNumber("1")
  public abstract String getEventId();

  /** Browsing session the event belongs to. */
  @SchemaFieldNumber("2")
  public abstract String getSessionId();

  /** Logged-in user, when known. */
  @SchemaFieldNumber("3")
  public abstract @Nullable String getUserId();

  /** Product the action was on. */
  @SchemaFieldNumber("4")
  public abstract String getProductId();

  /** Product category (e.g. electronics.smartphone), when known. */
  @SchemaFieldNumber("5")
  public abstract @Nullable String getCategory();

  /**
   * The product's brand (e.g. samsung), when known: the {@code recommend} job favours trending
   * items of the brand on screen.
   */
  @SchemaFieldNumber("9")
  public abstract @Nullable String getBrand();

  /** What the shopper did. */
  @SchemaFieldNumber("6")
  public abstract ClickAction getAction();

  /** Unit price shown to the shopper at event time, in the store currency, at least zero. */
  @SchemaFieldNumber("7")
  public abstract BigDecimal getPrice();

  /** Units involved (1 for views), at least one. */
  @SchemaFieldNumber("8")
  public abstract int getQuantity();

  /** Event time, UTC. */
  @SchemaFieldNumber("0")
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

    public abstract Builder setBrand(@Nullable String value);

    public abstract Builder setAction(ClickAction value);

    public abstract Builder setPrice(BigDecimal value);

    public abstract Builder setQuantity(int value);

    public abstract Builder setTimestamp(Instant value);

    public abstract ClickEvent build();
  }
}
