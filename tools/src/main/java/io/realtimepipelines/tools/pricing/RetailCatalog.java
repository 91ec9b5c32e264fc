package io.realtimepipelines.tools.pricing;

import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seeds a product catalogue and an initial stock level from the purchases themselves, because the
 * Online Retail data has neither a cost column nor stock levels. Reproducible: the result depends
 * only on the purchases, not on the order they are added in.
 *
 * <ul>
 *   <li>The data starts at the earliest purchase. {@code basePrice} is the median UnitPrice over
 *       the product's purchase lines (unweighted by quantity; the mean of the two middle values for
 *       an even count) in the first {@link #PRICE_WINDOW} from the start, or over all its purchases
 *       when it has none then. Rounded to 2 decimals HALF_UP, like every other price.
 *   <li>{@code unitCost = basePrice × 0.6}: the data has no cost column, so a 40% gross margin is
 *       assumed for every product.
 *   <li>{@code floor = unitCost × 1.1} (computed from the rounded cost, so floor ≥ unitCost holds
 *       after rounding), {@code ceiling = basePrice × 1.5}.
 *   <li>One {@link InventoryUpdate} per product, 1 s before the first purchase: units sold of the
 *       product in the first {@code stockDays} days × 4 ("about four weeks of cover at the early
 *       rate"), at least 10. A product first sold later starts with 10. No restocks are generated:
 *       a product may sell more than its stock, which is a pricing signal.
 *   <li>A product whose basePrice is below 0.02 cannot satisfy basePrice &gt; floor after rounding
 *       to pennies; it is left out of the catalogue and the inventory and counted (there are none
 *       in December 2010 – February 2011).
 * </ul>
 */
public final class RetailCatalog {
  /** Purchases in this span from the start set the base price. */
  public static final Duration PRICE_WINDOW = Duration.ofDays(7);

  /** Default span from the start whose sales set the initial stock. */
  public static final int DEFAULT_STOCK_DAYS = 7;

  /** unitCost = basePrice × this (a 40% gross margin). */
  public static final BigDecimal COST_SHARE = new BigDecimal("0.6");

  /** floor = unitCost × this. */
  public static final BigDecimal FLOOR_MARKUP = new BigDecimal("1.1");

  /** ceiling = basePrice × this. */
  public static final BigDecimal CEILING_MARKUP = new BigDecimal("1.5");

  /** Initial stock = units sold in the first stockDays × this. */
  public static final long COVER_MULTIPLIER = 4;

  /** The smallest initial stock. */
  public static final long MIN_STOCK = 10;

  /** The smallest base price that leaves a floor below it after rounding. */
  public static final BigDecimal MIN_BASE_PRICE = new BigDecimal("0.02");

  private final Duration stockWindow;
  private final Map<String, List<Sale>> sales = new TreeMap<>();

  private record Sale(Instant time, BigDecimal price, long quantity) {}

  private RetailCatalog(Duration stockWindow) {
    this.stockWindow = stockWindow;
  }

  /** A seeder whose initial stock covers the sales of the first {@code stockDays} (1 or more). */
  public static RetailCatalog withStockDays(int stockDays) {
    if (stockDays < 1) {
      throw new IllegalArgumentException("stockDays must be 1 or more, got " + stockDays);
    }
    return new RetailCatalog(Duration.ofDays(stockDays));
  }

  /** Adds one purchase line. */
  public void add(String productId, Instant time, BigDecimal unitPrice, long quantity) {
    sales
        .computeIfAbsent(productId, p -> new ArrayList<>())
        .add(new Sale(time, unitPrice, quantity));
  }

  /** The catalogue and initial stock of every product added so far. */
  public Seed seed() {
    Instant start = null;
    for (List<Sale> list : sales.values()) {
      for (Sale sale : list) {
        if (start == null || sale.time().isBefore(start)) {
          start = sale.time();
        }
      }
    }
    Seed seed = new Seed(start);
    if (start == null) {
      return seed;
    }
    Instant priceEnd = start.plus(PRICE_WINDOW);
    Instant stockEnd = start.plus(stockWindow);
    org.joda.time.Instant stockTime = new org.joda.time.Instant(start.toEpochMilli() - 1000);
    for (Map.Entry<String, List<Sale>> e : sales.entrySet()) {
      List<BigDecimal> early = new ArrayList<>();
      List<BigDecimal> all = new ArrayList<>();
      long earlyUnits = 0;
      for (Sale sale : e.getValue()) {
        all.add(sale.price());
        if (sale.time().isBefore(priceEnd)) {
          early.add(sale.price());
        }
        if (sale.time().isBefore(stockEnd)) {
          earlyUnits += sale.quantity();
        }
      }
      boolean fromFirstWeek = !early.isEmpty();
      BigDecimal basePrice = median(fromFirstWeek ? early : all);
      if (basePrice.compareTo(MIN_BASE_PRICE) < 0) {
        seed.tooCheap.add(e.getKey() + " (" + basePrice.toPlainString() + ")");
        continue;
      }
      seed.entries.add(entry(e.getKey(), basePrice));
      if (fromFirstWeek) {
        seed.pricedFromFirstWeek++;
      }
      long stock = Math.max(MIN_STOCK, earlyUnits * COVER_MULTIPLIER);
      if (stock == MIN_STOCK) {
        seed.atMinimumStock++;
      }
      seed.inventory.add(InventoryUpdate.of(e.getKey(), stock, stockTime));
    }
    return seed;
  }

  /** The catalogue entry for a base price already rounded to pennies. */
  public static CatalogEntry entry(String productId, BigDecimal basePrice) {
    BigDecimal base = pennies(basePrice);
    BigDecimal cost = pennies(base.multiply(COST_SHARE));
    return CatalogEntry.of(
        productId,
        base,
        cost,
        pennies(cost.multiply(FLOOR_MARKUP)),
        pennies(base.multiply(CEILING_MARKUP)));
  }

  /** The median of {@code values} (mean of the middle two for an even count), in pennies. */
  public static BigDecimal median(List<BigDecimal> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of no values");
    }
    List<BigDecimal> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    BigDecimal middle =
        n % 2 == 1
            ? sorted.get(n / 2)
            : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
    return pennies(middle);
  }

  static BigDecimal pennies(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  /** What {@link #seed()} produced. */
  public static final class Seed {
    private final Instant start;
    private final List<CatalogEntry> entries = new ArrayList<>();
    private final List<InventoryUpdate> inventory = new ArrayList<>();
    private final List<String> tooCheap = new ArrayList<>();
    private long pricedFromFirstWeek;
    private long atMinimumStock;

    private Seed(Instant start) {
      this.start = start;
    }

    /** The earliest purchase, or null when there were none. */
    public Instant start() {
      return start;
    }

    /** Catalogue entries, sorted by productId. */
    public List<CatalogEntry> entries() {
      return Collections.unmodifiableList(entries);
    }

    /** One initial stock level per catalogue entry, in the same order. */
    public List<InventoryUpdate> inventory() {
      return Collections.unmodifiableList(inventory);
    }

    /** Products left out because their base price is below {@link #MIN_BASE_PRICE}. */
    public List<String> tooCheap() {
      return Collections.unmodifiableList(tooCheap);
    }

    /** Entries whose base price comes from the first week (the others from all purchases). */
    public long pricedFromFirstWeek() {
      return pricedFromFirstWeek;
    }

    /** Inventory updates at {@link #MIN_STOCK}. */
    public long atMinimumStock() {
      return atMinimumStock;
    }
  }
}
