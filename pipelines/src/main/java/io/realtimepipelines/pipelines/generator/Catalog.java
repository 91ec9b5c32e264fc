package io.realtimepipelines.pipelines.generator;

import java.util.SplittableRandom;

/**
 * The product catalogue shared by clicks, inventory and competitor prices: each product's category,
 * our price and its usual stock level, all derived from (seed, product).
 */
final class Catalog {
  static final String[] CATEGORIES = {
    "electronics.smartphone",
    "electronics.audio",
    "electronics.laptop",
    "home.kitchen",
    "home.furniture",
    "fashion.shoes",
    "fashion.apparel",
    "books",
    "toys",
    "sports.outdoor",
    "beauty",
    "grocery",
    "garden",
    "automotive"
  };

  private static final long SALT_PRODUCT = 0x50524f44L;
  private static final double LOG_MEDIAN_CENTS = Math.log(2500);

  /** Seed the products are derived from. */
  private final long seed;

  /** Number of products. */
  final int size;

  Catalog(long seed, int size) {
    this.seed = seed;
    this.size = size;
  }

  private long bits(int product) {
    return Mix.hash(seed, SALT_PRODUCT, product);
  }

  String category(int product) {
    return CATEGORIES[Mix.below(bits(product), CATEGORIES.length)];
  }

  /** Our unit price in cents: log-normal around 25.00, from 0.99 to 5,000.00. */
  long priceCents(int product) {
    double g = new SplittableRandom(bits(product)).nextGaussian();
    long cents = Math.round(Math.exp(LOG_MEDIAN_CENTS + g));
    return Math.max(99, Math.min(500_000, cents));
  }

  /** Usual units on hand, 150 to 4,999. */
  long usualStock(int product) {
    return 150 + Mix.below(Mix.mix64(bits(product)), 4850);
  }

  /**
   * The catalogue a pricing job needs for generated products ({@code prod-<n>}): base price = our
   * price, unit cost 60% of it, floor = cost + 10%, ceiling = base + 50%.
   */
  static java.util.List<io.realtimepipelines.pricing.CatalogEntry> entries(GeneratorConfig config) {
    Catalog c = new Catalog(config.seed(), config.products());
    java.util.List<io.realtimepipelines.pricing.CatalogEntry> out =
        new java.util.ArrayList<>(c.size);
    for (int p = 0; p < c.size; p++) {
      java.math.BigDecimal base = java.math.BigDecimal.valueOf(c.priceCents(p), 2);
      java.math.BigDecimal cost =
          base.multiply(new java.math.BigDecimal("0.6"))
              .setScale(2, java.math.RoundingMode.HALF_UP);
      out.add(
          io.realtimepipelines.pricing.CatalogEntry.of(
              "prod-" + p,
              base,
              cost,
              cost.multiply(new java.math.BigDecimal("1.1"))
                  .setScale(2, java.math.RoundingMode.HALF_UP),
              base.multiply(new java.math.BigDecimal("1.5"))
                  .setScale(2, java.math.RoundingMode.HALF_UP)));
    }
    return out;
  }
}
