package io.realtimepipelines.pricing;

import static io.realtimepipelines.pricing.PricingFixtures.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalog entries whose guardrails cannot all hold are reported, with every problem. */
class CatalogEntryTest {
  private static final PricingConfig DEFAULTS = PricingConfig.defaults();

  @Test
  void ordinaryEntryHasNoProblems() {
    assertEquals(
        List.of(),
        entry("p").base("19.99").cost("10").floor("12").ceiling("29.99").build().check(DEFAULTS));
  }

  @Test
  void floorAboveCeilingIsReported() {
    List<String> p = entry("p").floor("30").ceiling("25").base("27").build().check();
    assertEquals(List.of("floor 30 is above ceiling 25"), p);
  }

  @Test
  void ceilingBelowTheMarginPriceIsReported() {
    List<String> p = entry("p").cost("10").base("10.50").ceiling("10.80").build().check(DEFAULTS);
    assertEquals(
        List.of("ceiling 10.80 is below the minimum-margin price 11.00 (unitCost 10 + 10%)"), p);
  }

  @Test
  void basePriceOutsideTheBandIsReported() {
    assertEquals(
        List.of(
            "basePrice 10.50 is below the lowest allowed price 11.00 (floor or unitCost + 10%)"),
        entry("p").cost("10").base("10.50").build().check(DEFAULTS));
    assertEquals(
        List.of(
            "basePrice 15.00 is below the lowest allowed price 16.00 (floor or unitCost + 10%)"),
        entry("p").cost("10").floor("16.00").base("15.00").build().check(DEFAULTS));
    assertEquals(
        List.of("basePrice 31 is above ceiling 30"),
        entry("p").base("31").ceiling("30").build().check(DEFAULTS));
  }

  @Test
  void nonPositiveAndOverPreciseAmountsAreAllReported() {
    List<String> p =
        CatalogEntry.of(
                " ",
                PricingFixtures.money("0"),
                PricingFixtures.money("-1"),
                PricingFixtures.money("1.001"),
                PricingFixtures.money("-2"))
            .check();
    String all = String.join("\n", p);
    assertTrue(all.contains("productId must not be blank"), all);
    assertTrue(all.contains("basePrice 0 must be greater than 0"), all);
    assertTrue(all.contains("unitCost -1 must be at least 0"), all);
    assertTrue(all.contains("floor 1.001 must have at most 2 decimals"), all);
    assertTrue(all.contains("ceiling -2 must be greater than 0"), all);
  }
}
