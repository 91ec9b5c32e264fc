package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.math.BigDecimal;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** A card payment as authorised by the payment processor. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "txnId",
  "accountId",
  "cardId",
  "amount",
  "currency",
  "merchantId",
  "merchantCategory",
  "ip",
  "deviceId",
  "country",
  "lat",
  "lon",
  "timestamp",
  "attributes"
})
@AutoValue
public abstract class Transaction implements Event {

  /** Unique id of the transaction, assigned by the processor. */
  public abstract String getTxnId();

  /** Account (customer) that pays. */
  public abstract String getAccountId();

  /** Card used, when known; never logged in clear. */
  public abstract @Nullable String getCardId();

  /** Amount in units of {@link #getCurrency()} (not minor units), greater than zero. */
  public abstract BigDecimal getAmount();

  /** ISO 4217 currency code; USD when the event did not say. */
  public abstract String getCurrency();

  /** Merchant that is paid. */
  public abstract String getMerchantId();

  /** Merchant category (e.g. an MCC such as 5411), when known. */
  public abstract @Nullable String getMerchantCategory();

  /** IPv4 or IPv6 address the payment came from, when known. */
  public abstract @Nullable String getIp();

  /** Device fingerprint, when known. */
  public abstract @Nullable String getDeviceId();

  /** ISO 3166 alpha-2 country of the payment, when known. */
  public abstract @Nullable String getCountry();

  /** Latitude of the payment in degrees (-90..90); present exactly when lon is. */
  public abstract @Nullable Double getLat();

  /** Longitude of the payment in degrees (-180..180); present exactly when lat is. */
  public abstract @Nullable Double getLon();

  /** Event time, UTC. */
  public abstract Instant getTimestamp();

  /**
   * The record's extra fields (docs/fraud-rule-language.md), {@link Attributes#EMPTY} when none;
   * left out of the JSON form when empty.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public abstract Attributes getAttributes();

  @Override
  public String dedupKey() {
    return getTxnId();
  }

  @Override
  public Instant eventTime() {
    return getTimestamp();
  }

  public static Builder builder() {
    return new AutoValue_Transaction.Builder().setCurrency("USD").setAttributes(Attributes.EMPTY);
  }

  public abstract Builder toBuilder();

  /** The fast hand-written coder ({@link TransactionCoder}); the class keeps its schema too. */
  public static TransactionCoder coder() {
    return TransactionCoder.of();
  }

  /** Builder for {@link Transaction}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setTxnId(String value);

    public abstract Builder setAccountId(String value);

    public abstract Builder setCardId(@Nullable String value);

    public abstract Builder setAmount(BigDecimal value);

    public abstract Builder setCurrency(String value);

    public abstract Builder setMerchantId(String value);

    public abstract Builder setMerchantCategory(@Nullable String value);

    public abstract Builder setIp(@Nullable String value);

    public abstract Builder setDeviceId(@Nullable String value);

    public abstract Builder setCountry(@Nullable String value);

    public abstract Builder setLat(@Nullable Double value);

    public abstract Builder setLon(@Nullable Double value);

    public abstract Builder setTimestamp(Instant value);

    public abstract Builder setAttributes(Attributes value);

    abstract Transaction autoBuild();

    /** The transaction; lat and lon must be given together (both or neither). */
    public Transaction build() {
      Transaction t = autoBuild();
      if ((t.getLat() == null) != (t.getLon() == null)) {
        throw new IllegalArgumentException(
            "transaction " + t.getTxnId() + ": lat and lon must be given together");
      }
      return t;
    }
  }
}
