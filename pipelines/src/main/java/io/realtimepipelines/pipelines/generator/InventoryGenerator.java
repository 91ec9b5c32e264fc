package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.EpisodeLayout.Episode;
import java.util.SplittableRandom;

/**
 * Warehouse stock reports of Zipf-skewed products (popular products report more often), each within
 * 30% of the product's usual level, so never below 100 units. Anomaly: {@link
 * AnomalyKind#LOW_STOCK}, a product whose stock falls over four reports to 5 or less.
 */
final class InventoryGenerator extends SlottedGenerator {
  private static final long SALT_EVENTS = 0x494e56L;

  /** Ordinary stock reports are never below this. */
  static final long MIN_ORDINARY_STOCK = 100;

  /** Products and their usual stock. */
  private final Catalog catalog;

  /** Skewed choice of the reported product. */
  private final ZipfSampler productRanks;

  InventoryGenerator(GeneratorConfig config) {
    super(EventType.INVENTORY, config, SALT_EVENTS, AnomalyKind.LOW_STOCK);
    this.catalog = new Catalog(config.seed(), config.products());
    this.productRanks = new ZipfSampler(config.products(), 20);
  }

  @Override
  void writeOrdinary(long n, long millis, SplittableRandom rnd, Defect defect, JsonLine out) {
    int product = productRanks.rank(rnd.nextDouble());
    long stock =
        Math.max(
            MIN_ORDINARY_STOCK,
            Math.round(catalog.usualStock(product) * (0.7 + 0.6 * rnd.nextDouble())));
    out.id("productId", "prod-", product);
    checkedDecimal(out, "stock", stock, 0, defect);
    out.timestamp("timestamp", millis);
  }

  @Override
  void writeEpisode(Episode e, long n, long millis, JsonLine out) {
    SplittableRandom shared = episodeRandom(e);
    int product = shared.nextInt(catalog.size);
    long first = 30 + shared.nextInt(31);
    long last = shared.nextInt(6);
    long[] stocks = {first, first / 2, first / 5, last};
    out.id("productId", "prod-", product)
        .number("stock", stocks[e.position])
        .timestamp("timestamp", millis);
  }
}
