package io.realtimepipelines.pipelines.fraud.eval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.realtimepipelines.model.EventJson;
import org.joda.time.Instant;

/**
 * The bank learning, after the fact, that a transaction was fraud (a chargeback or a confirmed
 * fraud report). JSON: {@code {"txnId","accountId","merchantId","fraud":true,"timestamp"}}.
 *
 * @param txnId the transaction the feedback is about
 * @param accountId account of that transaction
 * @param merchantId merchant of that transaction
 * @param fraud true: the transaction was fraud (the handbook gives feedback only for frauds)
 * @param timestamp when the bank learns it (event time of the feedback), UTC
 */
@JsonPropertyOrder({"txnId", "accountId", "merchantId", "fraud", "timestamp"})
public record FraudFeedback(
    String txnId, String accountId, String merchantId, boolean fraud, Instant timestamp) {

  /** One line of JSON, timestamps as ISO-8601 UTC like every event of the project. */
  public String toJson() {
    return EventJson.toJson(this, FraudFeedback.class);
  }
}
