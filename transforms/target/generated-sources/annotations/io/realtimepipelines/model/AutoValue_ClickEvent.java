package io.realtimepipelines.model;

import java.math.BigDecimal;
import javax.annotation.processing.Generated;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

@Generated("com.google.auto.value.processor.AutoValueProcessor")
final class AutoValue_ClickEvent extends ClickEvent {

  private final String eventId;

  private final String sessionId;

  private final @Nullable String userId;

  private final String productId;

  private final @Nullable String category;

  private final ClickAction action;

  private final BigDecimal price;

  private final int quantity;

  private final Instant timestamp;

  private AutoValue_ClickEvent(
      String eventId,
      String sessionId,
      @Nullable String userId,
      String productId,
      @Nullable String category,
      ClickAction action,
      BigDecimal price,
      int quantity,
      Instant timestamp) {
    this.eventId = eventId;
    this.sessionId = sessionId;
    this.userId = userId;
    this.productId = productId;
    this.category = category;
    this.action = action;
    this.price = price;
    this.quantity = quantity;
    this.timestamp = timestamp;
  }

  @Override
  public String getEventId() {
    return eventId;
  }

  @Override
  public String getSessionId() {
    return sessionId;
  }

  @Override
  public @Nullable String getUserId() {
    return userId;
  }

  @Override
  public String getProductId() {
    return productId;
  }

  @Override
  public @Nullable String getCategory() {
    return category;
  }

  @Override
  public ClickAction getAction() {
    return action;
  }

  @Override
  public BigDecimal getPrice() {
    return price;
  }

  @Override
  public int getQuantity() {
    return quantity;
  }

  @Override
  public Instant getTimestamp() {
    return timestamp;
  }

  @Override
  public String toString() {
    return "ClickEvent{"
        + "eventId=" + eventId + ", "
        + "sessionId=" + sessionId + ", "
        + "userId=" + userId + ", "
        + "productId=" + productId + ", "
        + "category=" + category + ", "
        + "action=" + action + ", "
        + "price=" + price + ", "
        + "quantity=" + quantity + ", "
        + "timestamp=" + timestamp
        + "}";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof ClickEvent) {
      ClickEvent that = (ClickEvent) o;
      return this.eventId.equals(that.getEventId())
          && this.sessionId.equals(that.getSessionId())
          && (this.userId == null ? that.getUserId() == null : this.userId.equals(that.getUserId()))
          && this.productId.equals(that.getProductId())
          && (this.category == null ? that.getCategory() == null : this.category.equals(that.getCategory()))
          && this.action.equals(that.getAction())
          && this.price.equals(that.getPrice())
          && this.quantity == that.getQuantity()
          && this.timestamp.equals(that.getTimestamp());
    }
    return false;
  }

  @Override
  public int hashCode() {
    int h$ = 1;
    h$ *= 1000003;
    h$ ^= eventId.hashCode();
    h$ *= 1000003;
    h$ ^= sessionId.hashCode();
    h$ *= 1000003;
    h$ ^= (userId == null) ? 0 : userId.hashCode();
    h$ *= 1000003;
    h$ ^= productId.hashCode();
    h$ *= 1000003;
    h$ ^= (category == null) ? 0 : category.hashCode();
    h$ *= 1000003;
    h$ ^= action.hashCode();
    h$ *= 1000003;
    h$ ^= price.hashCode();
    h$ *= 1000003;
    h$ ^= quantity;
    h$ *= 1000003;
    h$ ^= timestamp.hashCode();
    return h$;
  }

  @Override
  public ClickEvent.Builder toBuilder() {
    return new AutoValue_ClickEvent.Builder(this);
  }

  static final class Builder extends ClickEvent.Builder {
    private @Nullable String eventId;
    private @Nullable String sessionId;
    private @Nullable String userId;
    private @Nullable String productId;
    private @Nullable String category;
    private @Nullable ClickAction action;
    private @Nullable BigDecimal price;
    private int quantity;
    private @Nullable Instant timestamp;
    private byte set$0;
    Builder() {
    }
    Builder(ClickEvent source) {
      this.eventId = source.getEventId();
      this.sessionId = source.getSessionId();
      this.userId = source.getUserId();
      this.productId = source.getProductId();
      this.category = source.getCategory();
      this.action = source.getAction();
      this.price = source.getPrice();
      this.quantity = source.getQuantity();
      this.timestamp = source.getTimestamp();
      set$0 = (byte) 1;
    }
    @Override
    public ClickEvent.Builder setEventId(String eventId) {
      if (eventId == null) {
        throw new NullPointerException("Null eventId");
      }
      this.eventId = eventId;
      return this;
    }
    @Override
    public ClickEvent.Builder setSessionId(String sessionId) {
      if (sessionId == null) {
        throw new NullPointerException("Null sessionId");
      }
      this.sessionId = sessionId;
      return this;
    }
    @Override
    public ClickEvent.Builder setUserId(@Nullable String userId) {
      this.userId = userId;
      return this;
    }
    @Override
    public ClickEvent.Builder setProductId(String productId) {
      if (productId == null) {
        throw new NullPointerException("Null productId");
      }
      this.productId = productId;
      return this;
    }
    @Override
    public ClickEvent.Builder setCategory(@Nullable String category) {
      this.category = category;
      return this;
    }
    @Override
    public ClickEvent.Builder setAction(ClickAction action) {
      if (action == null) {
        throw new NullPointerException("Null action");
      }
      this.action = action;
      return this;
    }
    @Override
    public ClickEvent.Builder setPrice(BigDecimal price) {
      if (price == null) {
        throw new NullPointerException("Null price");
      }
      this.price = price;
      return this;
    }
    @Override
    public ClickEvent.Builder setQuantity(int quantity) {
      this.quantity = quantity;
      set$0 |= (byte) 1;
      return this;
    }
    @Override
    public ClickEvent.Builder setTimestamp(Instant timestamp) {
      if (timestamp == null) {
        throw new NullPointerException("Null timestamp");
      }
      this.timestamp = timestamp;
      return this;
    }
    @Override
    public ClickEvent build() {
      if (set$0 != 1
          || this.eventId == null
          || this.sessionId == null
          || this.productId == null
          || this.action == null
          || this.price == null
          || this.timestamp == null) {
        StringBuilder missing = new StringBuilder();
        if (this.eventId == null) {
          missing.append(" eventId");
        }
        if (this.sessionId == null) {
          missing.append(" sessionId");
        }
        if (this.productId == null) {
          missing.append(" productId");
        }
        if (this.action == null) {
          missing.append(" action");
        }
        if (this.price == null) {
          missing.append(" price");
        }
        if ((set$0 & 1) == 0) {
          missing.append(" quantity");
        }
        if (this.timestamp == null) {
          missing.append(" timestamp");
        }
        throw new IllegalStateException("Missing required properties:" + missing);
      }
      return new AutoValue_ClickEvent(
          this.eventId,
          this.sessionId,
          this.userId,
          this.productId,
          this.category,
          this.action,
          this.price,
          this.quantity,
          this.timestamp);
    }
  }

}
