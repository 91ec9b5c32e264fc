package io.realtimepipelines.pricing;

import static io.realtimepipelines.pricing.PricingFixtures.config;
import static io.realtimepipelines.pricing.PricingFixtures.entry;
import static io.realtimepipelines.pricing.PricingFixtures.min;
import static io.realtimepipelines.pricing.PricingFixtures.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** Each part of the policy and each guardrail, on hand-made signals. */
class PricingPolicyTest {
  private static final PricingConfig DEFAULTS = PricingConfig.defaults();
  private static final PricingConfig CENTS = config("{\"version\":\"c\",\"pricePoint\":\"none\"}");
  private static final Instant NOW = min(60);

  private static Signals demand(double ratio) {
    return Signals.builder().demand(0, 0, ratio).build();
  }

  private static Optional<PriceUpdate> decide(
      PricingConfig c, CatalogEntry e, String current, Signals s) {
    return PricingPolicy.decide(c, e, money(current), null, s, NOW);
  }

  private static PriceUpdate changed(PricingConfig c, CatalogEntry e, String current, Signals s) {
    Optional<PriceUpdate> u = decide(c, e, current, s);
    assertTrue(u.isPresent(), "expected a change");
    return u.get();
  }

  private static void hasReason(PriceUpdate u, String start) {
    assertTrue(
        u.getReasons().stream().anyMatch(r -> r.startsWith(start)),
        "no reason starting '" + start + "' in " + u.getReasons());
  }

  @Test
  void demandSpikeRaisesThePriceAtMostOneStepAndExplainsWhy() {
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    PriceUpdate u = changed(DEFAULTS, e, "20.00", Signals.builder().demand(16, 5.0, 3.2).build());
    assertEquals(money("21.99"), u.getNewPrice());
    assertEquals(money("20.00"), u.getOldPrice());
    assertEquals(
        List.of(
            "demand 3.2x baseline: 16 units in 15 min vs 5.0 usual; multiplier 1.22 on base 20.00"
                + " gives 24.40",
            "capped at +10% per change",
            "rounded to price point .99"),
        u.getReasons());
    assertEquals(PricingConfig.defaults().version, u.getPolicyVersion());
    assertEquals(NOW, u.getTimestamp());
    assertEquals(16, u.getUnitsSold());
  }

  @Test
  void demandMultiplierIsClampedToItsRange() {
    CatalogEntry e = entry("p").base("100.00").cost("10").build();
    PricingConfig wide =
        config(
            "{\"version\":\"w\",\"pricePoint\":\"none\",\"maxStepPct\":50,"
                + "\"demand\":{\"weight\":0.5}}");
    assertEquals(money("130.00"), changed(wide, e, "100.00", demand(100)).getNewPrice());
    assertEquals(money("85.00"), changed(wide, e, "100.00", demand(0)).getNewPrice());
  }

  @Test
  void lowDemandNeverGoesBelowTheMinimumMargin() {
    CatalogEntry e = entry("p").base("20.99").cost("18.00").build();
    PriceUpdate u = changed(DEFAULTS, e, "20.99", demand(0));
    assertEquals(money("19.99"), u.getNewPrice());
    hasReason(u, "raised to the lowest allowed price 19.80 (unit cost 18.00 + 10% margin)");
  }

  @Test
  void lowDemandNeverGoesBelowTheFloor() {
    CatalogEntry e = entry("p").base("20.00").cost("5").floor("19.00").build();
    PriceUpdate u = changed(CENTS, e, "20.00", demand(0));
    assertEquals(money("19.00"), u.getNewPrice());
    hasReason(u, "raised to the lowest allowed price 19.00 (floor)");
  }

  @Test
  void roundingGoesUpWhenTheNearestPricePointIsBelowTheMargin() {
    PricingConfig noMargin = config("{\"version\":\"m\",\"minMarginPct\":0}");
    CatalogEntry e = entry("p").base("21.99").cost("20.20").build();
    PriceUpdate u = changed(noMargin, e, "21.99", demand(0));
    assertEquals(money("20.99"), u.getNewPrice(), "19.99 is nearer to 20.20 but under the margin");
    hasReason(u, "rounded up to price point .99 to stay within the guardrails");
  }

  @Test
  void roundingGoesDownWhenTheNearestPricePointIsAboveTheCeiling() {
    CatalogEntry e = entry("p").base("23.99").cost("10").ceiling("25.60").build();
    Signals s = Signals.builder().demand(8, 1, 4.5).stock(5L, 9.4).build();
    PriceUpdate u = changed(DEFAULTS, e, "23.99", s);
    assertEquals(money("24.99"), u.getNewPrice());
    hasReason(u, "rounded down to price point .99 to stay within the guardrails");
  }

  @Test
  void roundingGoesDownWhenTheNearestPricePointBreaksTheStep() {
    CatalogEntry e = entry("p").base("10.50").cost("5").build();
    PriceUpdate u = changed(DEFAULTS, e, "10.50", demand(5));
    assertEquals(money("10.99"), u.getNewPrice(), "11.99 is nearer to 11.55 but +14%");
    hasReason(u, "capped at +10% per change");
    hasReason(u, "rounded down to price point .99 to stay within the guardrails");
  }

  @Test
  void tinyPricesWithoutAPricePointInReachAreRoundedToTheCent() {
    CatalogEntry e = entry("p").base("0.50").cost("0.10").build();
    PriceUpdate u = changed(DEFAULTS, e, "0.50", demand(5));
    assertEquals(money("0.55"), u.getNewPrice());
    hasReason(u, "no .99 price point between 0.45 and 0.55; rounded to the cent");
  }

  @Test
  void noUpdateWhenNoCentFitsTheStep() {
    CatalogEntry e = entry("p").base("0.05").cost("0.01").build();
    assertFalse(decide(DEFAULTS, e, "0.05", demand(5)).isPresent());
  }

  @Test
  void otherPricePointsAndNone() {
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    assertEquals(
        money("21.95"),
        changed(config("{\"version\":\"a\",\"pricePoint\":\".95\"}"), e, "20.00", demand(3))
            .getNewPrice());
    assertEquals(
        money("22.00"),
        changed(config("{\"version\":\"a\",\"pricePoint\":\".00\"}"), e, "20.00", demand(3))
            .getNewPrice());
    assertEquals(money("22.00"), changed(CENTS, e, "20.00", demand(3)).getNewPrice());
  }

  @Test
  void changesUnderTheMinimumAreNotEmitted() {
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    assertFalse(decide(CENTS, e, "20.00", demand(1.05)).isPresent(), "+0.5%");
    assertEquals(money("20.40"), changed(CENTS, e, "20.00", demand(1.2)).getNewPrice());
  }

  @Test
  void roundingBackToTheOldPriceIsNoUpdate() {
    CatalogEntry e = entry("p").base("10.99").cost("5").build();
    assertFalse(decide(DEFAULTS, e, "10.99", demand(1.3)).isPresent(), "11.32 rounds to 10.99");
  }

  @Test
  void noSecondChangeWithinTheCooldown() {
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    Signals s = demand(3);
    assertFalse(
        PricingPolicy.decide(DEFAULTS, e, money("20.00"), NOW.minus(299_999), s, NOW).isPresent());
    assertTrue(
        PricingPolicy.decide(DEFAULTS, e, money("20.00"), NOW.minus(300_000), s, NOW).isPresent());
  }

  @Test
  void stockThatSellsOutSoonRaisesTowardTheCeiling() {
    CatalogEntry e = entry("p").base("19.99").cost("10").ceiling("29.99").build();
    Signals s = Signals.builder().demand(16, 16, 1.0).stock(12L, 11.25).build();
    PriceUpdate u = changed(DEFAULTS, e, "19.99", s);
    assertEquals(money("20.99"), u.getNewPrice());
    hasReason(
        u,
        "stock 12 sells out in 12 min at the current rate; flash-sale rule raises toward"
            + " the ceiling 29.99");
    assertEquals(12L, u.getStock());
    assertEquals(11.25, u.getSellOutMinutes());
  }

  @Test
  void flashSaleWithoutCeilingAimsAtTheConfiguredMaximum() {
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    PricingConfig c = config("{\"version\":\"f\",\"pricePoint\":\"none\",\"maxStepPct\":50}");
    PriceUpdate u = changed(c, e, "20.00", Signals.builder().stock(0L, 0.0).build());
    assertEquals(money("24.00"), u.getNewPrice());
    hasReason(u, "stock 0: sold out; flash-sale rule raises toward 24.00 (base + 20%, no ceiling)");
  }

  @Test
  void stockLastingLongerThanTheWindowIsNoFlashSale() {
    CatalogEntry e = entry("p").base("20.00").cost("10").ceiling("30").build();
    assertFalse(
        decide(DEFAULTS, e, "20.00", Signals.builder().stock(500L, 61.0).build()).isPresent());
  }

  @Test
  void priceStaysWithinTheConfiguredDistanceAboveTheCompetitorMedian() {
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    Signals s = Signals.builder().competitors(money("17.00"), money("18.00"), 3).build();
    PriceUpdate u = changed(DEFAULTS, e, "20.00", s);
    assertEquals(money("18.99"), u.getNewPrice());
    hasReason(u, "competitor median 18.00 (3 fresh): at most +5% above it, 18.90");
    assertEquals(3, u.getCompetitorCount());
  }

  @Test
  void lowDemandUndercutsTheCheapestCompetitor() {
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    Signals s =
        Signals.builder().demand(0, 4, 0.5).competitors(money("18.00"), money("19.50"), 2).build();
    PriceUpdate u = changed(CENTS, e, "20.00", s);
    assertEquals(money("18.00"), u.getNewPrice(), "17.82 is more than one step down");
    hasReason(u, "demand 0.5x is below 0.8x: undercut the lowest competitor 18.00 by 1%, 17.82");
  }

  @Test
  void competitorsFarBelowCostNeverPullThePriceUnderTheMargin() {
    CatalogEntry e = entry("p").base("17.00").cost("15").build();
    Signals s =
        Signals.builder().demand(0, 4, 0.2).competitors(money("5.00"), money("6.00"), 4).build();
    PriceUpdate u = changed(CENTS, e, "17.00", s);
    assertEquals(money("16.50"), u.getNewPrice());
    hasReason(u, "raised to the lowest allowed price 16.50");
  }

  @Test
  void tooFewCompetitorsMeanNoPositioning() {
    PricingConfig c = config("{\"version\":\"k\",\"competitor\":{\"minCompetitors\":2}}");
    CatalogEntry e = entry("p").base("20.00").cost("10").build();
    Signals s = Signals.builder().competitors(money("10.00"), money("10.00"), 1).build();
    assertFalse(decide(c, e, "20.00", s).isPresent());
  }

  @Test
  void invalidCatalogEntryGetsNoUpdate() {
    CatalogEntry e = entry("p").base("20.00").cost("10").floor("25").ceiling("22").build();
    assertFalse(decide(DEFAULTS, e, "20.00", demand(5)).isPresent());
  }

  @Test
  void priceOutsideTheBandAfterACatalogChangeMovesInsideAtOnce() {
    CatalogEntry e = entry("p").base("30.00").cost("25").build();
    PriceUpdate u = changed(DEFAULTS, e, "20.00", demand(1));
    assertEquals(money("27.50"), u.getNewPrice());
    hasReason(u, "old price 20.00 is outside the allowed band 27.50 to unlimited");
  }

  @Test
  void sameInputsGiveTheSameUpdate() {
    CatalogEntry e = entry("p").base("20.00").cost("10").ceiling("29.99").build();
    Signals s =
        Signals.builder()
            .demand(9, 3, 2.5)
            .traffic(40, 9)
            .stock(30L, 50.0)
            .competitors(money("21.00"), money("22.00"), 3)
            .build();
    assertEquals(decide(DEFAULTS, e, "20.00", s), decide(DEFAULTS, e, "20.00", s));
    assertTrue(decide(DEFAULTS, e, "20.00", s).get().getNewPrice().scale() == 2);
    assertEquals(new BigDecimal("0.225"), BigDecimal.valueOf(s.conversion));
  }
}
