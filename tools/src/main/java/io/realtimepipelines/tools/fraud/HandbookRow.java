package io.realtimepipelines.tools.fraud;

import java.math.BigDecimal;

/**
 * One parsed row of the Fraud Detection Handbook's simulated transactions, with the mapping of its
 * integer ids to this project's string ids in one place (the converter writes them, the evaluator
 * joins on them).
 *
 * @param transactionId TRANSACTION_ID, the dataset's running id
 * @param epochSecond TX_DATETIME read as UTC, in seconds since 1970-01-01T00:00:00Z
 * @param customerId CUSTOMER_ID, one card per customer
 * @param terminalId TERMINAL_ID, the merchant terminal
 * @param rawAmount TX_AMOUNT exactly as written in the file (e.g. 85.64999999999999)
 * @param amount TX_AMOUNT rounded to 2 decimals, HALF_UP, in USD
 * @param scenario TX_FRAUD_SCENARIO: 0 genuine, 1 amount above 220, 2 compromised terminal, 3
 *     leaked credentials; never contradicts TX_FRAUD
 */
public record HandbookRow(
    long transactionId,
    long epochSecond,
    long customerId,
    long terminalId,
    BigDecimal rawAmount,
    BigDecimal amount,
    int scenario) {

  /** Prefix of {@link #txnId()}. */
  public static final String TXN_PREFIX = "hb-";

  /** True when the row is labelled fraud (TX_FRAUD = 1). */
  public boolean fraud() {
    return scenario != 0;
  }

  /** "hb-" + TRANSACTION_ID. */
  public String txnId() {
    return txnId(transactionId);
  }

  /** The txnId of a TRANSACTION_ID. */
  public static String txnId(long transactionId) {
    return TXN_PREFIX + transactionId;
  }

  /** "cust-" + CUSTOMER_ID. */
  public String accountId() {
    return "cust-" + customerId;
  }

  /** "card-" + CUSTOMER_ID: the handbook has one card per customer. */
  public String cardId() {
    return "card-" + customerId;
  }

  /** "term-" + TERMINAL_ID. */
  public String merchantId() {
    return "term-" + terminalId;
  }
}
