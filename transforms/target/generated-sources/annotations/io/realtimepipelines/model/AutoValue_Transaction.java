package io.realtimepipelines.model;

import java.math.BigDecimal;
import javax.annotation.processing.Generated;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

@Generated("com.google.auto.value.processor.AutoValueProcessor")
final class AutoValue_Transaction extends Transaction {

  private final String txnId;

  private final String accountId;

  private final @Nullable String cardId;

  private final BigDecimal amount;

  private final String currency;

  private final String merchantId;

  private final @Nullable String merchantCategory;

  private final @Nullable String ip;

  private final @Nullable String deviceId;

  private final @Nullable String country;

  private final @Nullable Double lat;

  private final @Nullable Double lon;

  private final Instant timestamp;

  private AutoValue_Transaction(
      String txnId,
      String accountId,
      @Nullable String cardId,
      BigDecimal amount,
      String currency,
      String merchantId,
      @Nullable String merchantCategory,
      @Nullable String ip,
      @Nullable String deviceId,
      @Nullable String country,
      @Nullable Double lat,
      @Nullable Double lon,
      Instant timestamp) {
    this.txnId = txnId;
    this.accountId = accountId;
    this.cardId = cardId;
    this.amount = amount;
    this.currency = currency;
    this.merchantId = merchantId;
    this.merchantCategory = merchantCategory;
    this.ip = ip;
    this.deviceId = deviceId;
    this.country = country;
    this.lat = lat;
    this.lon = lon;
    this.timestamp = timestamp;
  }

  @Override
  public String getTxnId() {
    return txnId;
  }

  @Override
  public String getAccountId() {
    return accountId;
  }

  @Override
  public @Nullable String getCardId() {
    return cardId;
  }

  @Override
  public BigDecimal getAmount() {
    return amount;
  }

  @Override
  public String getCurrency() {
    return currency;
  }

  @Override
  public String getMerchantId() {
    return merchantId;
  }

  @Override
  public @Nullable String getMerchantCategory() {
    return merchantCategory;
  }

  @Override
  public @Nullable String getIp() {
    return ip;
  }

  @Override
  public @Nullable String getDeviceId() {
    return deviceId;
  }

  @Override
  public @Nullable String getCountry() {
    return country;
  }

  @Override
  public @Nullable Double getLat() {
    return lat;
  }

  @Override
  public @Nullable Double getLon() {
    return lon;
  }

  @Override
  public Instant getTimestamp() {
    return timestamp;
  }

  @Override
  public String toString() {
    return "Transaction{"
        + "txnId=" + txnId + ", "
        + "accountId=" + accountId + ", "
        + "cardId=" + cardId + ", "
        + "amount=" + amount + ", "
        + "currency=" + currency + ", "
        + "merchantId=" + merchantId + ", "
        + "merchantCategory=" + merchantCategory + ", "
        + "ip=" + ip + ", "
        + "deviceId=" + deviceId + ", "
        + "country=" + country + ", "
        + "lat=" + lat + ", "
        + "lon=" + lon + ", "
        + "timestamp=" + timestamp
        + "}";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof Transaction) {
      Transaction that = (Transaction) o;
      return this.txnId.equals(that.getTxnId())
          && this.accountId.equals(that.getAccountId())
          && (this.cardId == null ? that.getCardId() == null : this.cardId.equals(that.getCardId()))
          && this.amount.equals(that.getAmount())
          && this.currency.equals(that.getCurrency())
          && this.merchantId.equals(that.getMerchantId())
          && (this.merchantCategory == null ? that.getMerchantCategory() == null : this.merchantCategory.equals(that.getMerchantCategory()))
          && (this.ip == null ? that.getIp() == null : this.ip.equals(that.getIp()))
          && (this.deviceId == null ? that.getDeviceId() == null : this.deviceId.equals(that.getDeviceId()))
          && (this.country == null ? that.getCountry() == null : this.country.equals(that.getCountry()))
          && (this.lat == null ? that.getLat() == null : this.lat.equals(that.getLat()))
          && (this.lon == null ? that.getLon() == null : this.lon.equals(that.getLon()))
          && this.timestamp.equals(that.getTimestamp());
    }
    return false;
  }

  @Override
  public int hashCode() {
    int h$ = 1;
    h$ *= 1000003;
    h$ ^= txnId.hashCode();
    h$ *= 1000003;
    h$ ^= accountId.hashCode();
    h$ *= 1000003;
    h$ ^= (cardId == null) ? 0 : cardId.hashCode();
    h$ *= 1000003;
    h$ ^= amount.hashCode();
    h$ *= 1000003;
    h$ ^= currency.hashCode();
    h$ *= 1000003;
    h$ ^= merchantId.hashCode();
    h$ *= 1000003;
    h$ ^= (merchantCategory == null) ? 0 : merchantCategory.hashCode();
    h$ *= 1000003;
    h$ ^= (ip == null) ? 0 : ip.hashCode();
    h$ *= 1000003;
    h$ ^= (deviceId == null) ? 0 : deviceId.hashCode();
    h$ *= 1000003;
    h$ ^= (country == null) ? 0 : country.hashCode();
    h$ *= 1000003;
    h$ ^= (lat == null) ? 0 : lat.hashCode();
    h$ *= 1000003;
    h$ ^= (lon == null) ? 0 : lon.hashCode();
    h$ *= 1000003;
    h$ ^= timestamp.hashCode();
    return h$;
  }

  @Override
  public Transaction.Builder toBuilder() {
    return new AutoValue_Transaction.Builder(this);
  }

  static final class Builder extends Transaction.Builder {
    private @Nullable String txnId;
    private @Nullable String accountId;
    private @Nullable String cardId;
    private @Nullable BigDecimal amount;
    private @Nullable String currency;
    private @Nullable String merchantId;
    private @Nullable String merchantCategory;
    private @Nullable String ip;
    private @Nullable String deviceId;
    private @Nullable String country;
    private @Nullable Double lat;
    private @Nullable Double lon;
    private @Nullable Instant timestamp;
    Builder() {
    }
    Builder(Transaction source) {
      this.txnId = source.getTxnId();
      this.accountId = source.getAccountId();
      this.cardId = source.getCardId();
      this.amount = source.getAmount();
      this.currency = source.getCurrency();
      this.merchantId = source.getMerchantId();
      this.merchantCategory = source.getMerchantCategory();
      this.ip = source.getIp();
      this.deviceId = source.getDeviceId();
      this.country = source.getCountry();
      this.lat = source.getLat();
      this.lon = source.getLon();
      this.timestamp = source.getTimestamp();
    }
    @Override
    public Transaction.Builder setTxnId(String txnId) {
      if (txnId == null) {
        throw new NullPointerException("Null txnId");
      }
      this.txnId = txnId;
      return this;
    }
    @Override
    public Transaction.Builder setAccountId(String accountId) {
      if (accountId == null) {
        throw new NullPointerException("Null accountId");
      }
      this.accountId = accountId;
      return this;
    }
    @Override
    public Transaction.Builder setCardId(@Nullable String cardId) {
      this.cardId = cardId;
      return this;
    }
    @Override
    public Transaction.Builder setAmount(BigDecimal amount) {
      if (amount == null) {
        throw new NullPointerException("Null amount");
      }
      this.amount = amount;
      return this;
    }
    @Override
    public Transaction.Builder setCurrency(String currency) {
      if (currency == null) {
        throw new NullPointerException("Null currency");
      }
      this.currency = currency;
      return this;
    }
    @Override
    public Transaction.Builder setMerchantId(String merchantId) {
      if (merchantId == null) {
        throw new NullPointerException("Null merchantId");
      }
      this.merchantId = merchantId;
      return this;
    }
    @Override
    public Transaction.Builder setMerchantCategory(@Nullable String merchantCategory) {
      this.merchantCategory = merchantCategory;
      return this;
    }
    @Override
    public Transaction.Builder setIp(@Nullable String ip) {
      this.ip = ip;
      return this;
    }
    @Override
    public Transaction.Builder setDeviceId(@Nullable String deviceId) {
      this.deviceId = deviceId;
      return this;
    }
    @Override
    public Transaction.Builder setCountry(@Nullable String country) {
      this.country = country;
      return this;
    }
    @Override
    public Transaction.Builder setLat(@Nullable Double lat) {
      this.lat = lat;
      return this;
    }
    @Override
    public Transaction.Builder setLon(@Nullable Double lon) {
      this.lon = lon;
      return this;
    }
    @Override
    public Transaction.Builder setTimestamp(Instant timestamp) {
      if (timestamp == null) {
        throw new NullPointerException("Null timestamp");
      }
      this.timestamp = timestamp;
      return this;
    }
    @Override
    public Transaction build() {
      if (this.txnId == null
          || this.accountId == null
          || this.amount == null
          || this.currency == null
          || this.merchantId == null
          || this.timestamp == null) {
        StringBuilder missing = new StringBuilder();
        if (this.txnId == null) {
          missing.append(" txnId");
        }
        if (this.accountId == null) {
          missing.append(" accountId");
        }
        if (this.amount == null) {
          missing.append(" amount");
        }
        if (this.currency == null) {
          missing.append(" currency");
        }
        if (this.merchantId == null) {
          missing.append(" merchantId");
        }
        if (this.timestamp == null) {
          missing.append(" timestamp");
        }
        throw new IllegalStateException("Missing required properties:" + missing);
      }
      return new AutoValue_Transaction(
          this.txnId,
          this.accountId,
          this.cardId,
          this.amount,
          this.currency,
          this.merchantId,
          this.merchantCategory,
          this.ip,
          this.deviceId,
          this.country,
          this.lat,
          this.lon,
          this.timestamp);
    }
  }

}
