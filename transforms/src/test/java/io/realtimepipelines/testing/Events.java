package io.realtimepipelines.testing;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Small builders for test events: {@code txn("t1").amount("250").ip("203.0.113.7").at(minute(3))}.
 */
public final class Events {
  /** Event-time origin of test scenarios. */
  public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private Events() {}

  public static Instant minute(double m) {
    return T0.plus(Duration.millis((long) (m * 60_000)));
  }

  public static TxnBuilder txn(String txnId) {
    return new TxnBuilder(txnId);
  }

  public static ClickEvent click(String eventId, String productId, ClickAction action, Instant at) {
    return ClickEvent.builder()
        .setEventId(eventId)
        .setSessionId("s-" + eventId)
        .setProductId(productId)
        .setAction(action)
        .setPrice(new BigDecimal("19.99"))
        .setQuantity(1)
        .setTimestamp(at)
        .build();
  }

  /** Fluent transaction fixture with sensible defaults. */
  public static final class TxnBuilder {
    private final Transaction.Builder b;

    TxnBuilder(String txnId) {
      b =
          Transaction.builder()
              .setTxnId(txnId)
              .setAccountId("acct-1")
              .setCardId("card-1")
              .setAmount(new BigDecimal("25.00"))
              .setMerchantId("m-1")
              .setTimestamp(T0);
    }

    public TxnBuilder account(String accountId) {
      b.setAccountId(accountId);
      return this;
    }

    public TxnBuilder card(String cardId) {
      b.setCardId(cardId);
      return this;
    }

    public TxnBuilder amount(String amount) {
      b.setAmount(new BigDecimal(amount));
      return this;
    }

    public TxnBuilder merchant(String merchantId) {
      b.setMerchantId(merchantId);
      return this;
    }

    public TxnBuilder ip(String ip) {
      b.setIp(ip);
      return this;
    }

    public TxnBuilder country(String country) {
      b.setCountry(country);
      return this;
    }

    public TxnBuilder device(String deviceId) {
      b.setDeviceId(deviceId);
      return this;
    }

    public TxnBuilder at(Instant timestamp) {
      b.setTimestamp(timestamp);
      return this;
    }

    public TxnBuilder location(double lat, double lon) {
      b.setLat(lat).setLon(lon);
      return this;
    }

    public Transaction build() {
      return b.build();
    }

    /** The transaction as a JSON line, the way sources deliver it. */
    public String json() {
      return EventJson.toJson(b.build(), Transaction.class);
    }
  }
}
