package io.realtimepipelines.tools.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One parsed row of the UCI Online Retail by-day CSV.
 *
 * @param invoiceNo InvoiceNo as written, e.g. "536365" or "C536379" (a cancellation)
 * @param lineInInvoice 1-based position of this row among all rows of its invoice, in file order
 * @param stockCode StockCode as written (product code, or a non-product code such as POST)
 * @param quantity Quantity in units; negative for cancellations and stock adjustments
 * @param localTime InvoiceDate, local UK time
 * @param time InvoiceDate interpreted in Europe/London, as an instant (UTC)
 * @param unitPrice UnitPrice in GBP, exactly as written
 * @param customerId CustomerID as an integer string ("17850" for "17850.0"), null when empty
 * @param country Country of the customer
 */
public record RetailRow(
    String invoiceNo,
    int lineInInvoice,
    String stockCode,
    long quantity,
    LocalDateTime localTime,
    Instant time,
    BigDecimal unitPrice,
    @Nullable String customerId,
    String country) {

  /** True for a cancellation invoice (prefix C). */
  public boolean cancellation() {
    return invoiceNo.startsWith("C");
  }
}
