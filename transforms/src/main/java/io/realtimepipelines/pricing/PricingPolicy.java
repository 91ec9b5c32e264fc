package io.realtimepipelines.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The pricing decision for one product at one instant: a target from demand, competitor positioning
 * and the flash-sale rule, then the guardrails, then rounding. Pure and deterministic: the same
 * arguments always give the same answer.
 *
 * <p>Target, in this order:
 *
 * <ol>
 *   <li>demand: {@code basePrice * clamp(1 + weight * (demandRatio - 1), minMultiplier,
 *       maxMultiplier)};
 *   <li>competitors (with at least {@code minCompetitors} fresh prices): at most {@code median * (1
 *       + maxAboveMedianPct)}; when {@code demandRatio < lowDemandRatio}, at most {@code min * (1 -
 *       undercutPct)};
 *   <li>flash sale: when the stock sells out within {@code sellOutWithinMinutes} at the current
 *       rate, at least the ceiling (or {@code basePrice * (1 + maxFlashPct)} without one); it wins
 *       over competitor positioning, scarce stock need not follow the market down.
 * </ol>
 *
 * <p>Guardrails, which every emitted price satisfies: {@code >= unitCost * (1 + minMarginPct)},
 * {@code >= floor}, {@code <= ceiling}, {@code |new / old - 1| <= maxStepPct}, no change within
 * {@code cooldownMinutes} of the previous one, no change under {@code minChangePct}, and {@code new
 * != old}. Rounding happens last and only inside the interval the guardrails allow: the nearest
 * price point (ties go down), else the one on the other side of the target, else, when the interval
 * holds no price point at all (tiny prices, small steps), the nearest cent; when it holds no cent
 * either, there is no update.
 *
 * <p>Conflicts: a catalog entry whose guardrails cannot all hold (floor above ceiling, ceiling
 * below the margin price, base price outside the band) fails {@link
 * CatalogEntry#check(PricingConfig)} and gets no update here; callers count such products. When the
 * current price is outside the band (the catalog or the configuration changed after it was set),
 * the price moves to the nearest edge of the band in one change, the step cap is waived and the
 * reason says so: margin, floor and ceiling win over the step.
 */
public final class PricingPolicy {
  private PricingPolicy() {}

  /**
   * The new price for {@code entry}, or empty for no change.
   *
   * @param currentPrice the price now charged, 2 decimals (the base price before any change)
   * @param lastChange event time of the product's last change, or null when it never changed
   * @param now event time of the event being evaluated
   */
  public static Optional<PriceUpdate> decide(
      PricingConfig config,
      CatalogEntry entry,
      BigDecimal currentPrice,
      @Nullable Instant lastChange,
      Signals signals,
      Instant now) {
    if (!entry.check(config).isEmpty()) {
      return Optional.empty();
    }
    if (lastChange != null && now.getMillis() - lastChange.getMillis() < config.cooldownMillis()) {
      return Optional.empty();
    }
    BigDecimal old = currentPrice;
    BigDecimal lowest = Guardrails.lowest(entry, config);
    BigDecimal highest = Guardrails.highest(entry);
    List<String> reasons = new ArrayList<>();

    if (old.compareTo(lowest) < 0 || (highest != null && old.compareTo(highest) > 0)) {
      BigDecimal moved =
          old.compareTo(lowest) < 0
              ? lowest.setScale(2, RoundingMode.CEILING)
              : highest.setScale(2, RoundingMode.FLOOR);
      reasons.add(
          "old price "
              + Money.text(old)
              + " is outside the allowed band "
              + Money.text(lowest)
              + " to "
              + (highest == null ? "unlimited" : Money.text(highest))
              + " (catalog or config changed): moved to "
              + Money.text(moved)
              + " in one change, step cap waived");
      return Optional.of(update(config, entry, old, moved, signals, now, reasons));
    }

    BigDecimal target = demandTarget(config, entry, signals, reasons);
    target = competitorTarget(config, signals, target, reasons);
    target = flashTarget(config, entry, signals, target, reasons);

    if (target.compareTo(lowest) < 0) {
      target = lowest;
      boolean floorRules = entry.getFloor() != null && entry.getFloor().compareTo(lowest) == 0;
      reasons.add(
          "raised to the lowest allowed price "
              + Money.text(lowest)
              + (floorRules
                  ? " (floor)"
                  : " (unit cost "
                      + Money.text(entry.getUnitCost())
                      + " + "
                      + Money.pct(config.minMarginPct)
                      + " margin)"));
    }
    if (highest != null && target.compareTo(highest) > 0) {
      target = highest;
      reasons.add("lowered to the ceiling " + Money.text(highest));
    }
    if (target.compareTo(old) == 0 || Guardrails.belowMinChange(old, target, config)) {
      return Optional.empty();
    }

    BigDecimal up = Guardrails.stepUp(old, config);
    BigDecimal down = Guardrails.stepDown(old, config);
    if (target.compareTo(up) > 0) {
      target = up;
      reasons.add("capped at +" + Money.pct(config.maxStepPct) + " per change");
    } else if (target.compareTo(down) < 0) {
      target = down;
      reasons.add("capped at -" + Money.pct(config.maxStepPct) + " per change");
    }
    BigDecimal lo = down.max(lowest);
    BigDecimal hi = highest == null ? up : up.min(highest);
    BigDecimal rounded = round(target, lo, hi, config.pricePoint, reasons);
    if (rounded == null
        || rounded.compareTo(old) == 0
        || Guardrails.belowMinChange(old, rounded, config)) {
      return Optional.empty();
    }
    return Optional.of(update(config, entry, old, rounded, signals, now, reasons));
  }

  /**
   * {@code target} rounded to a price point inside [lo, hi], preferring the nearest; to the cent
   * when [lo, hi] holds no price point; null when it holds no cent. {@code target} is in [lo, hi].
   */
  static @Nullable BigDecimal round(
      BigDecimal target,
      BigDecimal lo,
      BigDecimal hi,
      PricingConfig.PricePoint point,
      List<String> reasons) {
    BigDecimal loCent = lo.setScale(2, RoundingMode.CEILING);
    BigDecimal hiCent = hi.setScale(2, RoundingMode.FLOOR);
    if (loCent.compareTo(hiCent) > 0) {
      return null;
    }
    if (point.fraction() != null) {
      BigDecimal f = point.fraction();
      BigDecimal below = target.subtract(f).setScale(0, RoundingMode.FLOOR).add(f).setScale(2);
      BigDecimal above = below.add(BigDecimal.ONE);
      boolean belowNearer = target.subtract(below).compareTo(above.subtract(target)) <= 0;
      BigDecimal first = belowNearer ? below : above;
      BigDecimal second = belowNearer ? above : below;
      if (inside(first, lo, hi)) {
        reasons.add("rounded to price point " + point.wireName());
        return first;
      }
      if (inside(second, lo, hi)) {
        reasons.add(
            "rounded "
                + (belowNearer ? "up" : "down")
                + " to price point "
                + point.wireName()
                + " to stay within the guardrails");
        return second;
      }
      reasons.add(
          "no "
              + point.wireName()
              + " price point between "
              + Money.text(lo)
              + " and "
              + Money.text(hi)
              + "; rounded to the cent");
    }
    BigDecimal cent = target.setScale(2, RoundingMode.HALF_UP);
    if (cent.compareTo(loCent) < 0) {
      return loCent;
    }
    return cent.compareTo(hiCent) > 0 ? hiCent : cent;
  }

  private static boolean inside(BigDecimal p, BigDecimal lo, BigDecimal hi) {
    return p.signum() > 0 && p.compareTo(lo) >= 0 && p.compareTo(hi) <= 0;
  }

  private static BigDecimal demandTarget(
      PricingConfig c, CatalogEntry e, Signals s, List<String> reasons) {
    double m = 1 + c.demandWeight * (s.demandRatio - 1);
    m = Math.max(c.minDemandMultiplier, Math.min(c.maxDemandMultiplier, m));
    BigDecimal target = e.getBasePrice().multiply(BigDecimal.valueOf(m));
    reasons.add(
        "demand "
            + Money.one(s.demandRatio)
            + "x baseline: "
            + s.unitsSold
            + " units in "
            + c.shortWindowMinutes
            + " min vs "
            + Money.one(s.baselineUnitsPerShortWindow)
            + " usual; multiplier "
            + Money.two(m)
            + " on base "
            + Money.text(e.getBasePrice())
            + " gives "
            + Money.text(target));
    return target;
  }

  private static BigDecimal competitorTarget(
      PricingConfig c, Signals s, BigDecimal target, List<String> reasons) {
    if (!c.competitorEnabled
        || s.competitorCount < c.minCompetitors
        || s.competitorMedian == null
        || s.competitorMin == null) {
      return target;
    }
    BigDecimal cap =
        s.competitorMedian.multiply(BigDecimal.ONE.add(Guardrails.pct(c.maxAboveMedianPct)));
    if (target.compareTo(cap) > 0) {
      target = cap;
      reasons.add(
          "competitor median "
              + Money.text(s.competitorMedian)
              + " ("
              + s.competitorCount
              + " fresh): at most +"
              + Money.pct(c.maxAboveMedianPct)
              + " above it, "
              + Money.text(cap));
    }
    if (s.demandRatio < c.lowDemandRatio) {
      BigDecimal under =
          s.competitorMin.multiply(BigDecimal.ONE.subtract(Guardrails.pct(c.undercutPct)));
      if (target.compareTo(under) > 0) {
        target = under;
        reasons.add(
            "demand "
                + Money.one(s.demandRatio)
                + "x is below "
                + Money.one(c.lowDemandRatio)
                + "x: undercut the lowest competitor "
                + Money.text(s.competitorMin)
                + " by "
                + Money.pct(c.undercutPct)
                + ", "
                + Money.text(under));
      }
    }
    return target;
  }

  private static BigDecimal flashTarget(
      PricingConfig c, CatalogEntry e, Signals s, BigDecimal target, List<String> reasons) {
    if (!c.flashSaleEnabled
        || s.sellOutMinutes == null
        || s.sellOutMinutes > c.flashSellOutWithinMinutes) {
      return target;
    }
    BigDecimal flash;
    String toward;
    if (e.getCeiling() != null) {
      flash = e.getCeiling();
      toward = "the ceiling " + Money.text(flash);
    } else {
      flash = e.getBasePrice().multiply(BigDecimal.ONE.add(Guardrails.pct(c.maxFlashPct)));
      toward = Money.text(flash) + " (base + " + Money.pct(c.maxFlashPct) + ", no ceiling)";
    }
    if (flash.compareTo(target) <= 0) {
      return target;
    }
    String stock =
        s.stock != null && s.stock == 0
            ? "stock 0: sold out"
            : "stock "
                + s.stock
                + " sells out in "
                + Math.round(Math.ceil(s.sellOutMinutes))
                + " min at the current rate";
    reasons.add(stock + "; flash-sale rule raises toward " + toward);
    return flash;
  }

  private static PriceUpdate update(
      PricingConfig c,
      CatalogEntry e,
      BigDecimal oldPrice,
      BigDecimal newPrice,
      Signals s,
      Instant now,
      List<String> reasons) {
    return PriceUpdate.builder()
        .setProductId(e.getProductId())
        .setOldPrice(oldPrice.setScale(2, RoundingMode.HALF_UP))
        .setNewPrice(newPrice.setScale(2, RoundingMode.HALF_UP))
        .setTimestamp(now)
        .setPolicyVersion(c.version)
        .setDemandRatio(s.demandRatio)
        .setUnitsSold(s.unitsSold)
        .setBaselineUnitsPerShortWindow(s.baselineUnitsPerShortWindow)
        .setConversion(s.conversion)
        .setStock(s.stock)
        .setSellOutMinutes(s.sellOutMinutes)
        .setCompetitorMin(s.competitorMin)
        .setCompetitorMedian(s.competitorMedian)
        .setCompetitorCount(s.competitorCount)
        .setReasons(reasons)
        .build();
  }
}
