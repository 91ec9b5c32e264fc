/**
 * Dataset tools for the pricing job, plain Java (no Beam): {@link
 * io.realtimepipelines.tools.pricing.RetailConverter} ({@code convert-retail}) turns the UCI Online
 * Retail invoices into purchase click events and seeds a catalogue and initial stock from them;
 * {@link io.realtimepipelines.tools.pricing.PriceAudit} ({@code audit-prices}) checks a run's price
 * updates against that catalogue's guardrails.
 *
 * <p>On the 68 day files of December 2010 – February 2011 the converter reads 105,335 rows and
 * writes 102,427 purchases; it filters 1,904 cancellations, 465 non-product lines, 214 rows with
 * Quantity 0 or less and 325 with UnitPrice 0; no row is rejected. The catalogue has 3,073 products
 * (2,298 priced from the first week, 775 from all their purchases).
 */
package io.realtimepipelines.tools.pricing;
