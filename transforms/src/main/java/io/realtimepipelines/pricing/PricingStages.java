package io.realtimepipelines.pricing;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.InventoryUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.joda.time.Instant;

/**
 * Per-product pricing as pure functions over {@link ProductState}: {@code on…} methods add an event
 * to the state, {@link #evaluate} computes the signals at an instant, asks {@link PricingPolicy}
 * and records an emitted change in the state.
 *
 * <p>When evaluation happens: after every event of the product, at that event's time, with the
 * product's events applied in {@link PricingEvent} order (event time; at equal times inventory,
 * then competitor prices, then clicks). The reference model and the pipeline both do exactly this,
 * so a given input has one output whatever the runner or arrival order.
 *
 * <p>Windows are aligned to event-time minutes: at {@code now} the short window holds the minute of
 * {@code now} and the {@code shortWindowMinutes - 1} minutes before it, the baseline window
 * likewise with {@code baselineWindowMinutes}. Views count one per event, purchases count one event
 * and {@code quantity} units, add-to-cart events only mark the product as seen.
 */
public final class PricingStages {
  private static final long MINUTE_MS = 60_000L;

  private PricingStages() {}

  /** Adds a click. Clicks of a product must come in event-time order. */
  public static void onClick(ProductState s, ClickEvent c, PricingConfig config) {
    long t = c.getTimestamp().getMillis();
    seen(s, t);
    long minute = Math.floorDiv(t, MINUTE_MS);
    if (c.getAction() == ClickAction.VIEW) {
      s.buckets.add(minute, 1, 0, 0);
    } else if (c.getAction() == ClickAction.PURCHASE) {
      long units = Math.max(1, c.getQuantity());
      s.buckets.add(minute, 0, 1, units);
      if (s.stockTime != Long.MIN_VALUE && t >= s.stockTime) {
        s.unitsSinceStock += units;
      }
    }
    s.buckets.pruneBefore(minute - config.baselineWindowMinutes + 1);
  }

  /** Records a stock count; an older count than the one held is ignored. */
  public static void onInventory(ProductState s, InventoryUpdate u, PricingConfig config) {
    long t = u.getTimestamp().getMillis();
    seen(s, t);
    if (t >= s.stockTime) {
      s.stock = Math.max(0, u.getStock());
      s.stockTime = t;
      s.unitsSinceStock = 0;
    }
  }

  /** Records a competitor's price; an older observation than the one held is ignored. */
  public static void onCompetitorPrice(ProductState s, CompetitorPrice p, PricingConfig config) {
    long t = p.getTimestamp().getMillis();
    seen(s, t);
    ProductState.Quote held = s.competitors.get(p.getCompetitor());
    if (held == null || t >= held.time) {
      s.competitors.put(p.getCompetitor(), new ProductState.Quote(p.getPrice(), t));
    }
    s.pruneCompetitors(t - config.competitorMaxAgeMillis());
  }

  /** Adds any pricing event to the state. */
  public static void apply(ProductState s, PricingEvent e, PricingConfig config) {
    if (e.inventory() != null) {
      onInventory(s, e.inventory(), config);
    } else if (e.competitorPrice() != null) {
      onCompetitorPrice(s, e.competitorPrice(), config);
    } else {
      onClick(s, e.click(), config);
    }
  }

  /**
   * The price change at {@code now}, if the policy makes one; an emitted change becomes the state's
   * current price and last change time. {@code entry} must be the product's and should pass {@link
   * CatalogEntry#check(PricingConfig)} (an invalid one never gets an update).
   */
  public static Optional<PriceUpdate> evaluate(
      ProductState s, CatalogEntry entry, PricingConfig config, Instant now) {
    Signals signals = signals(s, config, now);
    Optional<PriceUpdate> update =
        PricingPolicy.decide(
            config,
            entry,
            s.currentPrice(entry),
            s.lastChange == Long.MIN_VALUE ? null : new Instant(s.lastChange),
            signals,
            now);
    update.ifPresent(
        u -> {
          s.currentPrice = u.getNewPrice();
          s.lastChange = now.getMillis();
        });
    return update;
  }

  /** The product's signals at {@code now}; forgets data older than the windows. */
  public static Signals signals(ProductState s, PricingConfig config, Instant now) {
    long t = now.getMillis();
    long minute = Math.floorDiv(t, MINUTE_MS);
    s.buckets.pruneBefore(minute - config.baselineWindowMinutes + 1);
    s.pruneCompetitors(t - config.competitorMaxAgeMillis());

    long[] shortSums = s.buckets.sum(minute - config.shortWindowMinutes + 1, minute);
    long[] baseSums = s.buckets.sum(minute - config.baselineWindowMinutes + 1, minute);
    long views = shortSums[0];
    long purchases = shortSums[1];
    long units = shortSums[2];

    // A product seen for less than the baseline window is averaged over its own history, so a
    // new product's first hour is not compared with 23 empty hours.
    long span =
        s.firstSeen == Long.MIN_VALUE ? 1 : minute - Math.floorDiv(s.firstSeen, MINUTE_MS) + 1;
    long covered = Math.max(1, Math.min(span, config.baselineWindowMinutes));
    double windows = Math.max(1.0, (double) covered / config.shortWindowMinutes);
    double baseline = baseSums[2] / windows;
    double k = config.demandSmoothingUnits;
    double ratio = (units + k) / (baseline + k);

    Signals.Builder b = Signals.builder().demand(units, baseline, ratio).traffic(views, purchases);

    if (s.stockTime != Long.MIN_VALUE) {
      long stock = Math.max(0, s.stock - s.unitsSinceStock);
      double perMinute = (double) units / config.shortWindowMinutes;
      Double sellOut = stock == 0 ? Double.valueOf(0.0) : perMinute > 0 ? stock / perMinute : null;
      b.stock(stock, sellOut);
    }

    List<BigDecimal> prices = new ArrayList<>();
    for (ProductState.Quote q : s.competitors.values()) {
      if (q.time <= t) {
        prices.add(q.price);
      }
    }
    if (!prices.isEmpty()) {
      prices.sort(null);
      int n = prices.size();
      BigDecimal median =
          n % 2 == 1
              ? prices.get(n / 2)
              : prices.get(n / 2 - 1).add(prices.get(n / 2)).divide(BigDecimal.valueOf(2));
      b.competitors(prices.get(0), median, n);
    }
    return b.build();
  }

  private static void seen(ProductState s, long t) {
    if (s.firstSeen == Long.MIN_VALUE || t < s.firstSeen) {
      s.firstSeen = t;
    }
  }
}
