package io.realtimepipelines.pricing;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import io.realtimepipelines.ordering.OrderedResult;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Prices products in event time from demand (purchases and views), inventory and competitor prices,
 * within guardrails (margin, floor, ceiling, step, cooldown, price points): emits a {@link
 * PriceUpdate} with signals and reasons only when a price changes. Per product, events are applied
 * in event-time order, so the updates equal those of {@link PricingModel} whatever the runner or
 * arrival order.
 *
 * <pre>{@code
 * PricingResult prices = clicks.apply("PriceProducts",
 *     PriceProducts.withCatalog(catalog).withConfig(PricingConfig.defaults())
 *         .withInventory(stock).withCompetitorPrices(competitors));
 * }</pre>
 *
 * <p>Needs event-time timers: on the Spark runner (Beam 2.70) it runs in batch only.
 */
@AutoValue
public abstract class PriceProducts extends PTransform<PCollection<ClickEvent>, PricingResult> {

  /** Runner keys the per-product stage spreads products over by default. */
  public static final int DEFAULT_KEY_SHARDS = 128;

  /** Fixed catalogue by product id; empty when entries are looked up per event. */
  abstract Map<String, CatalogEntry> getCatalog();

  abstract PricingConfig getConfig();

  abstract @Nullable PCollection<InventoryUpdate> getInventory();

  abstract @Nullable PCollection<CompetitorPrice> getCompetitors();

  abstract Duration getAllowedLateness();

  abstract @Nullable PTransform<PCollection<PricingEvent>, PCollection<PricingEvent>> getLookup();

  abstract int getKeyShards();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setCatalog(Map<String, CatalogEntry> catalog);

    abstract Builder setConfig(PricingConfig config);

    abstract Builder setInventory(@Nullable PCollection<InventoryUpdate> inventory);

    abstract Builder setCompetitors(@Nullable PCollection<CompetitorPrice> competitors);

    abstract Builder setAllowedLateness(Duration lateness);

    abstract Builder setLookup(
        @Nullable PTransform<PCollection<PricingEvent>, PCollection<PricingEvent>> lookup);

    abstract Builder setKeyShards(int shards);

    abstract PriceProducts build();
  }

  /** Defaults shared by both factories: default config, no side inputs, no lateness. */
  private static Builder builder() {
    return new AutoValue_PriceProducts.Builder()
        .setConfig(PricingConfig.defaults())
        .setAllowedLateness(Duration.ZERO)
        .setKeyShards(DEFAULT_KEY_SHARDS);
  }

  /** Prices the products of {@code catalog} with the default config. */
  public static PriceProducts withCatalog(Collection<CatalogEntry> catalog) {
    if (catalog == null) {
      throw new IllegalArgumentException("catalog must not be null");
    }
    Map<String, CatalogEntry> byId = new HashMap<>();
    for (CatalogEntry e : catalog) {
      if (byId.put(e.getProductId(), e) != null) {
        throw new IllegalArgumentException("catalog has product " + e.getProductId() + " twice");
      }
    }
    return builder().setCatalog(byId).build();
  }

  /**
   * Prices with catalogue entries looked up per event by {@code lookup} (e.g. from a key-value
   * store; the lookup is the caller's I/O): it must attach to every event what it found with {@link
   * PricingEvent#withCatalogLookup}. Events without an entry, or with an unreadable or invalid one,
   * go to the unpriced output, counted as for a fixed catalogue.
   */
  public static PriceProducts withCatalogLookup(
      PTransform<PCollection<PricingEvent>, PCollection<PricingEvent>> lookup) {
    if (lookup == null) {
      throw new IllegalArgumentException("catalog lookup must not be null");
    }
    return builder().setCatalog(Map.of()).setLookup(lookup).build();
  }

  public PriceProducts withConfig(PricingConfig pricingConfig) {
    if (pricingConfig == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return toBuilder().setConfig(pricingConfig).build();
  }

  /** Stock levels reported by the warehouse. */
  public PriceProducts withInventory(PCollection<InventoryUpdate> updates) {
    return toBuilder().setInventory(updates).build();
  }

  /** Prices seen at competitors. */
  public PriceProducts withCompetitorPrices(PCollection<CompetitorPrice> prices) {
    return toBuilder().setCompetitors(prices).build();
  }

  /**
   * How many runner keys the per-product stage spreads products over (1 to 65,536; default 128; 0:
   * one runner key per product). Updates do not depend on it. Use a few times the job's
   * parallelism; on the Direct runner a handful is fastest. See {@link
   * ApplyInEventTimeOrder#withShards(int)}.
   */
  public PriceProducts withKeyShards(int shards) {
    if (shards < 0 || shards > ApplyInEventTimeOrder.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "keyShards must be between 0 and "
              + ApplyInEventTimeOrder.MAX_SHARDS
              + ", got "
              + shards);
    }
    return toBuilder().setKeyShards(shards).build();
  }

  /** How long after the watermark an event waits for older ones (0 to 1 hour). */
  public PriceProducts withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return toBuilder().setAllowedLateness(lateness).build();
  }

  @Override
  public PricingResult expand(PCollection<ClickEvent> clicks) {
    Map<String, CatalogEntry> catalog = getCatalog();
    PricingConfig config = getConfig();
    @Nullable PCollection<InventoryUpdate> inventory = getInventory();
    @Nullable PCollection<CompetitorPrice> competitors = getCompetitors();
    @Nullable PTransform<PCollection<PricingEvent>, PCollection<PricingEvent>> lookup = getLookup();
    Set<String> invalid = new HashSet<>();
    for (CatalogEntry e : catalog.values()) {
      if (!e.check(config).isEmpty()) {
        invalid.add(e.getProductId());
      }
    }
    Coder<PriceUpdate> updateCoder;
    try {
      updateCoder = clicks.getPipeline().getSchemaRegistry().getSchemaCoder(PriceUpdate.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException(e);
    }
    TypeDescriptor<PricingEvent> eventType = TypeDescriptor.of(PricingEvent.class);
    PCollectionList<PricingEvent> events =
        PCollectionList.of(
            clicks
                .apply("ClickEvents", MapElements.into(eventType).via(PricingEvent::of))
                .setCoder(PricingEvent.PricingEventCoder.of()));
    if (inventory != null) {
      events =
          events.and(
              inventory
                  .apply("InventoryEvents", MapElements.into(eventType).via(PricingEvent::of))
                  .setCoder(PricingEvent.PricingEventCoder.of()));
    }
    if (competitors != null) {
      events =
          events.and(
              competitors
                  .apply("CompetitorEvents", MapElements.into(eventType).via(PricingEvent::of))
                  .setCoder(PricingEvent.PricingEventCoder.of()));
    }
    TupleTag<PricingEvent> priceable = new TupleTag<>("priceable");
    TupleTag<PricingEvent> unpriced = new TupleTag<>("unpriced");
    PCollection<PricingEvent> all = events.apply("AllEvents", Flatten.pCollections());
    if (lookup != null) {
      all = all.apply("LookupCatalog", lookup).setCoder(PricingEvent.PricingEventCoder.of());
    }
    PCollectionTuple split =
        all.apply(
            "CheckCatalog",
            ParDo.of(
                    new CheckCatalogFn(catalog.keySet(), invalid, lookup != null, config, unpriced))
                .withOutputTags(priceable, TupleTagList.of(unpriced)));
    OrderedResult<PricingEvent, PriceUpdate> priced =
        split
            .get(priceable)
            .setCoder(PricingEvent.PricingEventCoder.of())
            .apply(
                "KeyByProduct",
                MapElements.into(new TypeDescriptor<KV<String, PricingEvent>>() {})
                    .via((PricingEvent e) -> KV.of(e.productId(), e)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), PricingEvent.PricingEventCoder.of()))
            .apply(
                "PriceInOrder",
                ApplyInEventTimeOrder.of(
                        new PricingProcessor(catalog, invalid, config), updateCoder)
                    .withAllowedLateness(getAllowedLateness())
                    .withShards(getKeyShards()));
    return new PricingResult(
        clicks.getPipeline(),
        priced.getOutput(),
        priced.getLate(),
        split.get(unpriced).setCoder(PricingEvent.PricingEventCoder.of()));
  }

  /** Sends events of products without a valid catalog entry to the unpriced output, counted. */
  static final class CheckCatalogFn extends DoFn<PricingEvent, PricingEvent> {
    private final Set<String> products;
    private final Set<String> invalid;
    private final boolean lookedUp;
    private final PricingConfig config;
    private final TupleTag<PricingEvent> unpriced;
    private final Counter noCatalog = Metrics.counter("rtp", "pricing.skipped_no_catalog");
    private final Counter invalidCatalog =
        Metrics.counter("rtp", "pricing.skipped_invalid_catalog");

    CheckCatalogFn(
        Set<String> products,
        Set<String> invalid,
        boolean lookedUp,
        PricingConfig config,
        TupleTag<PricingEvent> unpriced) {
      this.products = new HashSet<>(products);
      this.invalid = invalid;
      this.lookedUp = lookedUp;
      this.config = config;
      this.unpriced = unpriced;
    }

    @ProcessElement
    public void process(@Element PricingEvent e, MultiOutputReceiver out) {
      if (lookedUp) {
        if (e.catalogProblem() != null
            || (e.catalogEntry() != null && !e.catalogEntry().check(config).isEmpty())) {
          invalidCatalog.inc();
          out.get(unpriced).output(e);
        } else if (e.catalogEntry() == null) {
          noCatalog.inc();
          out.get(unpriced).output(e);
        } else {
          out.get(new TupleTag<PricingEvent>("priceable")).output(e);
        }
      } else if (!products.contains(e.productId())) {
        noCatalog.inc();
        out.get(unpriced).output(e);
      } else if (invalid.contains(e.productId())) {
        invalidCatalog.inc();
        out.get(unpriced).output(e);
      } else {
        out.get(new TupleTag<PricingEvent>("priceable")).output(e);
      }
    }
  }
}
