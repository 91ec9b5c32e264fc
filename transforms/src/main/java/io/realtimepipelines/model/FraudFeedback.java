package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/**
 * What the bank learned later about a transaction: a confirmed fraud or chargeback ({@code fraud}
 * true), or a cleared dispute ({@code fraud} false). Arrives days after the transaction.
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"txnId", "accountId", "merchantId", "fraud", "timestamp"})
@AutoValue
public abstract class FraudFeedback implements Event {

  /** Transaction the feedback is about. */
  public abstract String getTxnId();

  /** Account of that transaction. */
  public abstract String getAccountId();

  /** Merchant of that transaction. */
  public abstract String getMerchantId();

  /** True for confirmed fraud or a chargeback, false when the transaction was cleared. */
  public abstract boolean getFraud();

  /** Event time: when the bank learned it, UTC. */
  public abstract Instant getTimestamp();

  @Override
  public String dedupKey() {
    return getTxnId() + "@" + getTimestamp().getMillis();
  }

  @Override
  public Instant eventTime() {
    return getTimestamp();
  }

  public static FraudFeedback of(
      String txnId, String accountId, String merchantId, boolean fraud, Instant timestamp) {
    return new AutoValue_FraudFeedback(txnId, accountId, merchantId, fraud, timestamp);
  }
}
