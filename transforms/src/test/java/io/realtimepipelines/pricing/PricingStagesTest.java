package io.realtimepipelines.pricing;

import static io.realtimepipelines.pricing.PricingFixtures.competitor;
import static io.realtimepipelines.pricing.PricingFixtures.config;
import static io.realtimepipelines.pricing.PricingFixtures.entry;
import static io.realtimepipelines.pricing.PricingFixtures.min;
import static io.realtimepipelines.pricing.PricingFixtures.money;
import static io.realtimepipelines.pricing.PricingFixtures.purchase;
import static io.realtimepipelines.pricing.PricingFixtures.stock;
import static io.realtimepipelines.pricing.PricingFixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ClickAction;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signals computed from a product's state, and how evaluation records a change. */
class PricingStagesTest {
  /** A one-hour baseline of four 15-minute windows keeps the arithmetic readable. */
  private static final PricingConfig HOUR =
      config("{\"version\":\"h\",\"baselineWindowMinutes\":60}");

  @Test
  void demandRatioComparesTheShortWindowWithTheSmoothedBaseline() {
    ProductState s = new ProductState();
    PricingStages.onClick(s, purchase("p", 5, min(0)), HOUR);
    PricingStages.onClick(s, purchase("p", 5, min(15)), HOUR);
    PricingStages.onClick(s, purchase("p", 5, min(30)), HOUR);
    PricingStages.onClick(s, purchase("p", 16, min(50)), HOUR);
    Signals sig = PricingStages.signals(s, HOUR, min(59));
    assertEquals(16, sig.unitsSold);
    assertEquals(31 / 4.0, sig.baselineUnitsPerShortWindow, 1e-9);
    assertEquals(17 / 8.75, sig.demandRatio, 1e-9);
  }

  @Test
  void salesOlderThanTheBaselineWindowAreForgotten() {
    ProductState s = new ProductState();
    PricingStages.onClick(s, purchase("p", 40, min(0)), HOUR);
    PricingStages.onClick(s, view("p", min(70)), HOUR);
    Signals sig = PricingStages.signals(s, HOUR, min(70));
    assertEquals(0, sig.unitsSold);
    assertEquals(0.0, sig.baselineUnitsPerShortWindow);
    assertEquals(1.0, sig.demandRatio, "no sales against no sales is usual demand");
  }

  @Test
  void aNewProductIsComparedWithItsOwnShortHistory() {
    ProductState s = new ProductState();
    PricingStages.onClick(s, purchase("p", 3, min(0)), PricingConfig.defaults());
    PricingStages.onClick(s, purchase("p", 3, min(5)), PricingConfig.defaults());
    Signals sig = PricingStages.signals(s, PricingConfig.defaults(), min(10));
    assertEquals(6.0, sig.baselineUnitsPerShortWindow);
    assertEquals(1.0, sig.demandRatio);
  }

  @Test
  void conversionIsPurchasesPerViewInTheShortWindowAndZeroWithoutViews() {
    ProductState s = new ProductState();
    PricingStages.onClick(s, purchase("p", 1, min(0)), HOUR);
    assertEquals(0.0, PricingStages.signals(s, HOUR, min(1)).conversion);
    for (int i = 0; i < 10; i++) {
      PricingStages.onClick(s, view("p", min(20 + i)), HOUR);
    }
    PricingStages.onClick(s, PricingFixtures.click("p", ClickAction.ADD_TO_CART, 1, min(30)), HOUR);
    PricingStages.onClick(s, purchase("p", 2, min(31)), HOUR);
    PricingStages.onClick(s, purchase("p", 1, min(32)), HOUR);
    Signals sig = PricingStages.signals(s, HOUR, min(33));
    assertEquals(10, sig.views);
    assertEquals(2, sig.purchases);
    assertEquals(0.2, sig.conversion);
  }

  @Test
  void sellOutTimeIsTheEstimatedStockOverTheShortWindowRate() {
    ProductState s = new ProductState();
    PricingStages.onClick(s, purchase("p", 3, min(0.5)), HOUR);
    PricingStages.onInventory(s, stock("p", 20, min(1)), HOUR);
    for (int i = 2; i < 10; i++) {
      PricingStages.onClick(s, purchase("p", 1, min(i)), HOUR);
    }
    Signals sig = PricingStages.signals(s, HOUR, min(10));
    assertEquals(
        12L, sig.stock, "20 counted, 8 sold since; the 3 sold before the count do not count");
    assertEquals(12 / (11 / 15.0), sig.sellOutMinutes, 1e-9);
  }

  @Test
  void noSalesMeansNoSellOutAndNoStockMeansZero() {
    ProductState s = new ProductState();
    PricingStages.onInventory(s, stock("p", 20, min(0)), HOUR);
    assertNull(PricingStages.signals(s, HOUR, min(1)).sellOutMinutes);
    PricingStages.onInventory(s, stock("p", 0, min(2)), HOUR);
    assertEquals(0.0, PricingStages.signals(s, HOUR, min(3)).sellOutMinutes);
    PricingStages.onInventory(s, stock("p", 50, min(1)), HOUR);
    assertEquals(0L, PricingStages.signals(s, HOUR, min(3)).stock, "an older count is ignored");
  }

  @Test
  void competitorPricesOlderThanTheMaximumAgeAreIgnored() {
    PricingConfig c = PricingConfig.defaults();
    ProductState s = new ProductState();
    PricingStages.onCompetitorPrice(s, competitor("p", "acme", "18.00", min(0)), c);
    PricingStages.onCompetitorPrice(s, competitor("p", "beta", "20.00", min(100)), c);
    PricingStages.onCompetitorPrice(s, competitor("p", "gamma", "22.00", min(110)), c);
    Signals sig = PricingStages.signals(s, c, min(121));
    assertEquals(2, sig.competitorCount);
    assertEquals(money("20.00"), sig.competitorMin);
    assertEquals(0, money("21").compareTo(sig.competitorMedian));
    PricingStages.onCompetitorPrice(s, competitor("p", "acme", "19.00", min(130)), c);
    PricingStages.onCompetitorPrice(s, competitor("p", "beta", "25.00", min(90)), c);
    sig = PricingStages.signals(s, c, min(130));
    assertEquals(3, sig.competitorCount);
    assertEquals(money("20.00"), sig.competitorMedian, "beta's older observation is ignored");
  }

  @Test
  void stateHoldsAtMostOneBucketPerMinuteOfTheBaselineWindow() {
    ProductState s = new ProductState();
    for (int i = 0; i < 3 * 24 * 60; i++) {
      PricingStages.onClick(s, purchase("p", 1, min(i)), HOUR);
      PricingStages.onClick(s, view("p", min(i + 0.5)), HOUR);
    }
    assertTrue(s.buckets.size() <= 60, "buckets: " + s.buckets.size());
    assertEquals(15, PricingStages.signals(s, HOUR, min(3 * 24 * 60 - 1)).unitsSold);
  }

  @Test
  void evaluationRecordsTheNewPriceAndTheChangeTime() {
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    PricingConfig c = PricingConfig.defaults();
    ProductState s = new ProductState();
    PricingStages.onClick(s, purchase("p", 1, min(0)), c);
    assertEquals(Optional.empty(), PricingStages.evaluate(s, e, c, min(0)));
    PricingStages.onClick(s, purchase("p", 40, min(30)), c);
    PriceUpdate u = PricingStages.evaluate(s, e, c, min(30)).orElseThrow();
    assertEquals(money("21.99"), u.getNewPrice());
    assertEquals(money("21.99"), s.currentPrice(e));
    assertEquals(min(30).getMillis(), s.lastChange);
    PricingStages.onClick(s, purchase("p", 40, min(31)), c);
    assertEquals(Optional.empty(), PricingStages.evaluate(s, e, c, min(31)), "cooldown");
    PriceUpdate next = PricingStages.evaluate(s, e, c, min(35)).orElseThrow();
    assertEquals(money("21.99"), next.getOldPrice());
    assertEquals(money("22.99"), next.getNewPrice());
  }
}
