package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.EpisodeLayout.Episode;
import java.util.SplittableRandom;

/**
 * Competitor prices seen for Zipf-skewed products, within 10% of our catalogue price. Anomaly:
 * {@link AnomalyKind#PRICE_UNDERCUT}, four competitors listing one product at 40% to 65% of it.
 */
final class CompetitorPriceGenerator extends SlottedGenerator {
  private static final long SALT_EVENTS = 0x434f4d50L;

  static final String[] COMPETITORS = {
    "shopmart", "megastore", "valuehub", "cartly", "bargainbay", "primeoutlet"
  };

  /** Products and our prices. */
  private final Catalog catalog;

  /** Skewed choice of the observed product. */
  private final ZipfSampler productRanks;

  CompetitorPriceGenerator(GeneratorConfig config) {
    super(EventType.COMPETITOR_PRICE, config, SALT_EVENTS, AnomalyKind.PRICE_UNDERCUT);
    this.catalog = new Catalog(config.seed(), config.products());
    this.productRanks = new ZipfSampler(config.products(), 20);
  }

  private static void write(
      JsonLine out, int product, String competitor, long cents, long millis, Defect defect) {
    out.id("productId", "prod-", product).string("competitor", competitor);
    checkedDecimal(out, "price", cents, 2, defect);
    out.timestamp("timestamp", millis);
  }

  @Override
  void writeOrdinary(long n, long millis, SplittableRandom rnd, Defect defect, JsonLine out) {
    int product = productRanks.rank(rnd.nextDouble());
    long cents =
        Math.max(1, Math.round(catalog.priceCents(product) * (0.9 + 0.2 * rnd.nextDouble())));
    write(out, product, COMPETITORS[rnd.nextInt(COMPETITORS.length)], cents, millis, defect);
  }

  @Override
  void writeEpisode(Episode e, long n, long millis, JsonLine out) {
    SplittableRandom shared = episodeRandom(e);
    int product = productRanks.rank(shared.nextDouble());
    int firstCompetitor = shared.nextInt(COMPETITORS.length);
    long cents =
        Math.max(
            1,
            Math.round(
                catalog.priceCents(product) * (0.40 + 0.25 * positionRandom(e).nextDouble())));
    write(
        out,
        product,
        COMPETITORS[(firstCompetitor + e.position) % COMPETITORS.length],
        cents,
        millis,
        null);
  }
}
