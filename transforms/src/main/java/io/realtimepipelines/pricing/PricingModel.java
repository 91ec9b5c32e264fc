package io.realtimepipelines.pricing;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.InventoryUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference model of dynamic pricing: one thread, one pass over all events in {@link
 * PricingEvent} order, a plain map of {@link ProductState}, evaluation after every event of a
 * product with a valid catalog entry. The pipeline's price updates must equal this model's.
 *
 * <p>Events of products without a catalog entry, or with one that fails {@link
 * CatalogEntry#check(PricingConfig)}, are counted per product and skipped, never silently dropped.
 */
public final class PricingModel {
  private final PricingConfig config;
  private final Map<String, CatalogEntry> catalog = new HashMap<>();
  private final Map<String, List<String>> invalid = new TreeMap<>();
  private final Map<String, ProductState> states = new HashMap<>();
  private final List<PriceUpdate> updates = new ArrayList<>();
  private final Map<String, Long> withoutCatalog = new TreeMap<>();
  private final Map<String, Long> invalidCatalog = new TreeMap<>();
  private long applied;

  /**
   * @throws IllegalArgumentException when two entries share a product id
   */
  public PricingModel(Collection<CatalogEntry> entries, PricingConfig config) {
    this.config = config;
    for (CatalogEntry e : entries) {
      if (catalog.put(e.getProductId(), e) != null) {
        throw new IllegalArgumentException("two catalog entries for product " + e.getProductId());
      }
      List<String> problems = e.check(config);
      if (!problems.isEmpty()) {
        invalid.put(e.getProductId(), problems);
      }
    }
  }

  /** Sorts every event into {@link PricingEvent} order and prices them in one pass. */
  public static Result run(
      List<ClickEvent> clicks,
      List<InventoryUpdate> inventory,
      List<CompetitorPrice> competitorPrices,
      Collection<CatalogEntry> catalog,
      PricingConfig config) {
    List<PricingEvent> events =
        new ArrayList<>(clicks.size() + inventory.size() + competitorPrices.size());
    inventory.forEach(u -> events.add(PricingEvent.of(u)));
    competitorPrices.forEach(p -> events.add(PricingEvent.of(p)));
    clicks.forEach(c -> events.add(PricingEvent.of(c)));
    events.sort(null);
    PricingModel model = new PricingModel(catalog, config);
    for (PricingEvent e : events) {
      model.on(e);
    }
    return model.result();
  }

  /**
   * Applies one event and evaluates its product. Events must come in {@link PricingEvent} order.
   */
  public Optional<PriceUpdate> on(PricingEvent e) {
    String product = e.productId();
    CatalogEntry entry = catalog.get(product);
    if (entry == null) {
      withoutCatalog.merge(product, 1L, Long::sum);
      return Optional.empty();
    }
    if (invalid.containsKey(product)) {
      invalidCatalog.merge(product, 1L, Long::sum);
      return Optional.empty();
    }
    ProductState s = states.computeIfAbsent(product, k -> new ProductState());
    PricingStages.apply(s, e, config);
    applied++;
    Optional<PriceUpdate> u = PricingStages.evaluate(s, entry, config, e.timestamp());
    u.ifPresent(updates::add);
    return u;
  }

  public Result result() {
    return new Result(updates, applied, withoutCatalog, invalidCatalog, invalid);
  }

  /** What a run produced, and what it could not price. */
  public static final class Result {
    private final List<PriceUpdate> updates;
    private final long eventsApplied;
    private final Map<String, Long> skippedWithoutCatalog;
    private final Map<String, Long> skippedInvalidCatalog;
    private final Map<String, List<String>> catalogProblems;

    Result(
        List<PriceUpdate> updates,
        long eventsApplied,
        Map<String, Long> skippedWithoutCatalog,
        Map<String, Long> skippedInvalidCatalog,
        Map<String, List<String>> catalogProblems) {
      this.updates = List.copyOf(updates);
      this.eventsApplied = eventsApplied;
      this.skippedWithoutCatalog =
          Collections.unmodifiableMap(new TreeMap<>(skippedWithoutCatalog));
      this.skippedInvalidCatalog =
          Collections.unmodifiableMap(new TreeMap<>(skippedInvalidCatalog));
      this.catalogProblems = Collections.unmodifiableMap(new TreeMap<>(catalogProblems));
    }

    /** Every price change, in the order the events were applied. */
    public List<PriceUpdate> getUpdates() {
      return updates;
    }

    /** Events of products with a valid catalog entry. */
    public long getEventsApplied() {
      return eventsApplied;
    }

    /** Per product id: events skipped because the product has no catalog entry. */
    public Map<String, Long> getSkippedWithoutCatalog() {
      return skippedWithoutCatalog;
    }

    /** Per product id: events skipped because its catalog entry fails its check. */
    public Map<String, Long> getSkippedInvalidCatalog() {
      return skippedInvalidCatalog;
    }

    /** Per product id: the problems of every invalid catalog entry. */
    public Map<String, List<String>> getCatalogProblems() {
      return catalogProblems;
    }

    /** All skipped events. */
    public long getSkippedTotal() {
      long n = 0;
      for (long v : skippedWithoutCatalog.values()) {
        n += v;
      }
      for (long v : skippedInvalidCatalog.values()) {
        n += v;
      }
      return n;
    }
  }
}
