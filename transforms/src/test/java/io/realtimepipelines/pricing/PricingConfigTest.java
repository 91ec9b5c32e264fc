package io.realtimepipelines.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Parsing and validation of the pricing configuration. */
class PricingConfigTest {

  @Test
  void defaultsHaveTheDocumentedValues() {
    PricingConfig c = PricingConfig.defaults();
    assertEquals(PricingConfig.defaultsJson(), readShipped(), "the jar holds rules/pricing.json");
    assertTrue(c.version.matches("\\d{4}-\\d{2}-\\d{2}\\.\\d+"), c.version);
    assertEquals(15, c.shortWindowMinutes);
    assertEquals(24 * 60, c.baselineWindowMinutes);
    assertEquals(0.1, c.demandWeight);
    assertEquals(0.85, c.minDemandMultiplier);
    assertEquals(1.3, c.maxDemandMultiplier);
    assertEquals(1.0, c.demandSmoothingUnits);
    assertEquals(0, c.minMarginPct.compareTo(BigDecimal.TEN));
    assertEquals(0, c.maxStepPct.compareTo(BigDecimal.TEN));
    assertEquals(5, c.cooldownMinutes);
    assertEquals(0, c.minChangePct.compareTo(BigDecimal.ONE));
    assertEquals(PricingConfig.PricePoint.P99, c.pricePoint);
    assertTrue(c.flashSaleEnabled);
    assertEquals(60, c.flashSellOutWithinMinutes);
    assertEquals(0, c.maxFlashPct.compareTo(BigDecimal.valueOf(20)));
    assertTrue(c.competitorEnabled);
    assertEquals(120, c.competitorMaxAgeMinutes);
    assertEquals(1, c.minCompetitors);
    assertEquals(0, c.maxAboveMedianPct.compareTo(BigDecimal.valueOf(5)));
    assertEquals(0.8, c.lowDemandRatio);
    assertEquals(0, c.undercutPct.compareTo(BigDecimal.ONE));
  }

  @Test
  void everyKeyCanBeSet() throws Exception {
    PricingConfig c =
        PricingConfig.parse(
            "{\"version\":\"v7\",\"description\":\"x\",\"shortWindowMinutes\":10,"
                + "\"baselineWindowMinutes\":600,\"demand\":{\"weight\":0.2,\"minMultiplier\":0.9,"
                + "\"maxMultiplier\":1.5,\"smoothingUnits\":2},\"minMarginPct\":12.5,"
                + "\"maxStepPct\":5,\"cooldownMinutes\":0,\"minChangePct\":0.5,\"pricePoint\":\".95\","
                + "\"flashSale\":{\"enabled\":false,\"sellOutWithinMinutes\":30,\"maxFlashPct\":15},"
                + "\"competitor\":{\"enabled\":false,\"maxAgeMinutes\":60,\"minCompetitors\":2,"
                + "\"maxAboveMedianPct\":3,\"lowDemandRatio\":0.5,\"undercutPct\":2}}");
    assertEquals("v7", c.version);
    assertEquals(10, c.shortWindowMinutes);
    assertEquals(600, c.baselineWindowMinutes);
    assertEquals(1.5, c.maxDemandMultiplier);
    assertEquals(new BigDecimal("12.5"), c.minMarginPct);
    assertEquals(PricingConfig.PricePoint.P95, c.pricePoint);
    assertFalse(c.flashSaleEnabled);
    assertEquals(2, c.minCompetitors);
    assertEquals(0.5, c.lowDemandRatio);
  }

  @Test
  void badConfigIsRejectedWithEveryProblemNamed() {
    PricingConfig.InvalidPricingConfigException e =
        assertThrows(
            PricingConfig.InvalidPricingConfigException.class,
            () ->
                PricingConfig.parse(
                    "{\"version\":\"x\",\"shortWindow\":15,\"maxStepPct\":70,"
                        + "\"pricePoint\":\".98\",\"demand\":{\"wieght\":1},"
                        + "\"flashSale\":{\"enabled\":\"yes\"},\"competitor\":[]}"));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("unknown key 'shortWindow'"), all);
    assertTrue(all.contains("unknown key 'demand.wieght'"), all);
    assertTrue(all.contains("'maxStepPct' must be a percentage from 0.1 to 50, got 70"), all);
    assertTrue(
        all.contains("'pricePoint' must be one of \"none\", \".99\", \".95\", \".00\""), all);
    assertTrue(all.contains("'flashSale.enabled' must be true or false"), all);
    assertTrue(all.contains("'competitor' must be an object"), all);
    assertEquals(6, e.problems().size(), all);
  }

  @Test
  void combinationsThatCannotWorkAreRejected() {
    PricingConfig.InvalidPricingConfigException e =
        assertThrows(
            PricingConfig.InvalidPricingConfigException.class,
            () ->
                PricingConfig.parse(
                    "{\"version\":\"x\",\"shortWindowMinutes\":60,\"baselineWindowMinutes\":60,"
                        + "\"maxStepPct\":2,\"minChangePct\":3}"));
    String all = String.join("\n", e.problems());
    assertTrue(
        all.contains("'baselineWindowMinutes' (60) must be greater than 'shortWindowMinutes' (60)"),
        all);
    assertTrue(all.contains("'minChangePct' (3) must not exceed 'maxStepPct' (2)"), all);
  }

  @Test
  void versionIsRequiredAndInputMustBeAJsonObject() {
    PricingConfig.InvalidPricingConfigException e =
        assertThrows(
            PricingConfig.InvalidPricingConfigException.class, () -> PricingConfig.parse("{}"));
    assertTrue(e.problems().get(0).startsWith("'version' is required"), e.problems().toString());
    assertThrows(
        PricingConfig.InvalidPricingConfigException.class, () -> PricingConfig.parse("[1]"));
    assertThrows(
        PricingConfig.InvalidPricingConfigException.class, () -> PricingConfig.parse("{oops"));
    assertThrows(
        PricingConfig.InvalidPricingConfigException.class,
        () -> PricingConfig.parse("{\"version\":\"a\",\"version\":\"b\"}"));
  }

  @Test
  void cooldownAndPercentagesOutOfRangeAreRejected() {
    PricingConfig.InvalidPricingConfigException e =
        assertThrows(
            PricingConfig.InvalidPricingConfigException.class,
            () ->
                PricingConfig.parse(
                    "{\"version\":\"x\",\"cooldownMinutes\":-1,\"minMarginPct\":-5,"
                        + "\"demand\":{\"minMultiplier\":1.2,\"maxMultiplier\":0.9},"
                        + "\"shortWindowMinutes\":2.5}"));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("'cooldownMinutes' must be a whole number from 0"), all);
    assertTrue(all.contains("'minMarginPct' must be a percentage from 0 to 1000, got -5"), all);
    assertTrue(
        all.contains("'demand.minMultiplier' must be a number from 0.1 to 1.0, got 1.2"), all);
    assertTrue(
        all.contains("'demand.maxMultiplier' must be a number from 1.0 to 10.0, got 0.9"), all);
    assertTrue(
        all.contains("'shortWindowMinutes' must be a whole number from 1 to 1440, got 2.5"), all);
  }

  private static String readShipped() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("..", "rules", "pricing.json"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
