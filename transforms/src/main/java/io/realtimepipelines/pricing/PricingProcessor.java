package io.realtimepipelines.pricing;

import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.ordering.KeyedProcessor;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Per product: applies each event to the product's signals, then asks the policy for a new price
 * (exactly as {@link PricingModel} does). Only events of products with a valid catalog entry reach
 * it.
 */
final class PricingProcessor implements KeyedProcessor<PricingEvent, ProductState, PriceUpdate> {
  private static final long serialVersionUID = 1L;

  private final Map<String, CatalogEntry> catalog;
  private final Set<String> invalid;
  private final PricingConfig config;
  private final Counter applied = Metrics.counter("rtp", "pricing.events_applied");
  private final Counter updates = Metrics.counter("rtp", "pricing.updates");

  PricingProcessor(Map<String, CatalogEntry> catalog, Set<String> invalid, PricingConfig config) {
    this.catalog = catalog;
    this.invalid = invalid;
    this.config = config;
  }

  @Override
  public String name() {
    return "pricing";
  }

  @Override
  public ProductState newState() {
    return new ProductState();
  }

  @Override
  public Coder<ProductState> stateCoder() {
    return ProductState.coder();
  }

  @Override
  public long timestamp(PricingEvent event) {
    return event.timestamp().getMillis();
  }

  @Override
  public int compare(PricingEvent a, PricingEvent b) {
    return a.compareTo(b);
  }

  @Override
  public void apply(ProductState state, PricingEvent event, Consumer<PriceUpdate> out) {
    // A looked-up entry travels with its event; else the fixed catalogue.
    CatalogEntry entry = event.catalogEntry();
    if (entry == null) {
      entry = invalid.contains(event.productId()) ? null : catalog.get(event.productId());
    }
    if (entry == null) {
      // PriceProducts routes these to the unpriced output before they get here.
      throw new IllegalStateException("no valid catalogue entry for " + event.productId());
    }
    PricingStages.apply(state, event, config);
    applied.inc();
    PricingStages.evaluate(state, entry, config, event.timestamp())
        .ifPresent(
            u -> {
              updates.inc();
              JobMetrics.priceUpdate();
              out.accept(u);
            });
  }

  /** Products are few and long-lived: their state is kept (bounded by the catalog). */
  @Override
  public long lastSeen(ProductState state) {
    return Long.MIN_VALUE;
  }

  @Override
  public long ttlMillis() {
    return 365L * 86_400_000L;
  }
}
