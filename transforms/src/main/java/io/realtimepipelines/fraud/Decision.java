package io.realtimepipelines.fraud;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.math.BigDecimal;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/** The fraud decision on one transaction, with the rules that fired and why. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "txnId",
  "accountId",
  "merchantId",
  "amount",
  "currency",
  "timestamp",
  "action",
  "score",
  "rulesVersion",
  "reasons"
})
@AutoValue
public abstract class Decision {

  /** Transaction decided on. */
  public abstract String getTxnId();

  /** Its account. */
  public abstract String getAccountId();

  /** Its merchant. */
  public abstract String getMerchantId();

  /** Its amount, in units of {@link #getCurrency()}. */
  public abstract BigDecimal getAmount();

  /** ISO 4217 currency of the amount. */
  public abstract String getCurrency();

  /** Event time of the transaction, UTC. */
  public abstract Instant getTimestamp();

  /** APPROVE, REVIEW or BLOCK. */
  public abstract Action getAction();

  /** Risk score 0..100: the sum of the weights of the rules that fired, capped at 100. */
  public abstract int getScore();

  /** Version of the rules configuration that made the decision. */
  public abstract String getRulesVersion();

  /** Rules that fired, in rule order; empty for a clean approval. */
  public abstract List<Reason> getReasons();

  /** The fast hand-written coder ({@link DecisionCoder}); the class keeps its schema too. */
  public static DecisionCoder coder() {
    return DecisionCoder.of();
  }

  public static Decision of(
      String txnId,
      String accountId,
      String merchantId,
      BigDecimal amount,
      String currency,
      Instant timestamp,
      Action action,
      int score,
      String rulesVersion,
      List<Reason> reasons) {
    return new AutoValue_Decision(
        txnId,
        accountId,
        merchantId,
        amount,
        currency,
        timestamp,
        action,
        score,
        rulesVersion,
        List.copyOf(reasons));
  }
}
