package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.EpisodeLayout.Episode;
import java.util.SplittableRandom;

/**
 * Store clicks: Zipf-skewed users (one per account) and products; 85% views, 10% add-to-cart, 5%
 * purchases at the catalogue price; a session is a user's clicks in one half hour; seven users in
 * ten are logged in. Anomaly: {@link AnomalyKind#DEMAND_SPIKE} on a product from the quiet 90% of
 * the catalogue.
 */
final class ClickGenerator extends SlottedGenerator {
  private static final long SALT_EVENTS = 0x434c4bL;
  private static final long SALT_USER = 0x55534552L;
  private static final long SESSION_MILLIS = 30 * 60_000L;

  /** Products, categories and prices. */
  private final Catalog catalog;

  /** Skewed choice of the clicking user. */
  private final ZipfSampler userRanks;

  /** Skewed choice of the clicked product. */
  private final ZipfSampler productRanks;

  ClickGenerator(GeneratorConfig config) {
    super(EventType.CLICK, config, SALT_EVENTS, AnomalyKind.DEMAND_SPIKE);
    this.catalog = new Catalog(config.seed(), config.products());
    this.userRanks = new ZipfSampler(config.accounts(), 100);
    this.productRanks = new ZipfSampler(config.products(), 20);
  }

  private void write(
      JsonLine out,
      long n,
      long millis,
      int user,
      int product,
      ClickAction action,
      int quantity,
      boolean withCategory,
      Defect defect) {
    out.id("eventId", "clk-", config.seed(), n)
        .id("sessionId", "sess-", user, millis / SESSION_MILLIS);
    if (Mix.below(Mix.hash(config.seed(), SALT_USER, user), 10) < 7) {
      out.id("userId", "user-", user);
    }
    out.id("productId", "prod-", product);
    if (withCategory) {
      out.string("category", catalog.category(product));
    }
    out.string("action", action.wireName());
    checkedDecimal(out, "price", catalog.priceCents(product), 2, defect);
    out.number("quantity", quantity).timestamp("timestamp", millis);
  }

  @Override
  void writeOrdinary(long n, long millis, SplittableRandom rnd, Defect defect, JsonLine out) {
    int user = userRanks.rank(rnd.nextDouble());
    int product = productRanks.rank(rnd.nextDouble());
    int roll = rnd.nextInt(100);
    ClickAction action =
        roll < 85 ? ClickAction.VIEW : roll < 95 ? ClickAction.ADD_TO_CART : ClickAction.PURCHASE;
    int quantity = action == ClickAction.VIEW || rnd.nextInt(5) != 0 ? 1 : 2 + rnd.nextInt(3);
    write(out, n, millis, user, product, action, quantity, rnd.nextInt(20) != 0, defect);
  }

  @Override
  void writeEpisode(Episode e, long n, long millis, JsonLine out) {
    int quiet = catalog.size / 10;
    int product = quiet + episodeRandom(e).nextInt(catalog.size - quiet);
    SplittableRandom own = positionRandom(e);
    write(
        out,
        n,
        millis,
        own.nextInt(config.accounts()),
        product,
        ClickAction.PURCHASE,
        1 + own.nextInt(2),
        true,
        null);
  }
}
