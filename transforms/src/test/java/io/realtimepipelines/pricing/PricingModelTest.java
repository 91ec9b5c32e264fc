package io.realtimepipelines.pricing;

import static io.realtimepipelines.pricing.PricingFixtures.competitor;
import static io.realtimepipelines.pricing.PricingFixtures.entry;
import static io.realtimepipelines.pricing.PricingFixtures.min;
import static io.realtimepipelines.pricing.PricingFixtures.money;
import static io.realtimepipelines.pricing.PricingFixtures.purchase;
import static io.realtimepipelines.pricing.PricingFixtures.stock;
import static io.realtimepipelines.pricing.PricingFixtures.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.InventoryUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reference model: order, skipped products, and a flash sale end to end. */
class PricingModelTest {
  private static final PricingConfig DEFAULTS = PricingConfig.defaults();

  @Test
  void eventsAtTheSameInstantAreOrderedInventoryCompetitorClickThenById() {
    List<PricingEvent> events =
        new ArrayList<>(
            List.of(
                PricingEvent.of(PricingFixtures.clickWithId("b", "p", ClickAction.VIEW, 1, min(1))),
                PricingEvent.of(PricingFixtures.clickWithId("a", "p", ClickAction.VIEW, 1, min(1))),
                PricingEvent.of(competitor("p", "zeta", "9.00", min(1))),
                PricingEvent.of(competitor("p", "acme", "9.50", min(1))),
                PricingEvent.of(stock("p", 3, min(1))),
                PricingEvent.of(
                    PricingFixtures.clickWithId("z", "p", ClickAction.VIEW, 1, min(0)))));
    Collections.shuffle(events, new Random(7));
    Collections.sort(events);
    List<String> order = new ArrayList<>();
    for (PricingEvent e : events) {
      order.add(
          e.inventory() != null
              ? "stock"
              : e.competitorPrice() != null
                  ? e.competitorPrice().getCompetitor()
                  : e.click().getEventId());
    }
    assertEquals(List.of("z", "stock", "acme", "zeta", "a", "b"), order);
  }

  @Test
  void productsWithoutAValidCatalogEntryAreCountedNotPriced() {
    CatalogEntry ok = entry("ok").build();
    CatalogEntry bad = entry("bad").floor("30").ceiling("25").base("27").build();
    PricingModel.Result r =
        PricingModel.run(
            List.of(
                purchase("ok", 1, min(0)),
                purchase("ghost", 1, min(1)),
                purchase("ghost", 2, min(2)),
                purchase("bad", 50, min(3))),
            List.of(stock("ghost", 4, min(0))),
            List.of(competitor("bad", "acme", "1.00", min(0))),
            List.of(ok, bad),
            DEFAULTS);
    assertEquals(1, r.getEventsApplied());
    assertEquals(Map.of("ghost", 3L), r.getSkippedWithoutCatalog());
    assertEquals(Map.of("bad", 2L), r.getSkippedInvalidCatalog());
    assertEquals(List.of("floor 30 is above ceiling 25"), r.getCatalogProblems().get("bad"));
    assertEquals(5, r.getSkippedTotal());
    assertEquals(List.of(), r.getUpdates());
  }

  @Test
  void duplicateCatalogEntriesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new PricingModel(List.of(entry("p").build(), entry("p").build()), DEFAULTS));
  }

  @Test
  void scarceStockWalksThePriceUpOneStepPerCooldownUntilTheCeiling() {
    CatalogEntry e = entry("p").base("19.99").cost("10").ceiling("25.99").build();
    List<ClickEvent> clicks = new ArrayList<>();
    for (int m = 0; m < 40; m++) {
      clicks.add(view("p", min(m)));
      clicks.add(purchase("p", 1, min(m + 0.5)));
    }
    PricingModel.Result r =
        PricingModel.run(clicks, List.of(stock("p", 60, min(0))), List.of(), List.of(e), DEFAULTS);
    List<String> prices = new ArrayList<>();
    for (PriceUpdate u : r.getUpdates()) {
      prices.add(u.getNewPrice().toPlainString());
    }
    assertEquals(List.of("20.99", "22.99", "24.99", "25.99"), prices);
    PriceUpdate first = r.getUpdates().get(0);
    assertTrue(
        first.getReasons().stream()
            .anyMatch(s -> s.contains("flash-sale rule raises toward the ceiling 25.99")),
        first.getReasons().toString());
    for (int i = 1; i < r.getUpdates().size(); i++) {
      long gap =
          r.getUpdates().get(i).getTimestamp().getMillis()
              - r.getUpdates().get(i - 1).getTimestamp().getMillis();
      assertTrue(gap >= 5 * 60_000L, "gap " + gap);
    }
  }

  @Test
  void inputOrderDoesNotMatter() {
    CatalogEntry e = entry("p").base("20.00").cost("10").ceiling("30").build();
    List<ClickEvent> clicks = new ArrayList<>();
    for (int m = 0; m < 90; m++) {
      clicks.add(purchase("p", 1 + (m % 7 == 0 ? 9 : 0), min(m)));
      clicks.add(view("p", min(m)));
    }
    List<InventoryUpdate> inv = List.of(stock("p", 500, min(0)), stock("p", 20, min(45)));
    List<CompetitorPrice> comp =
        List.of(
            competitor("p", "acme", "19.00", min(10)), competitor("p", "beta", "23.00", min(10)));
    PricingModel.Result a = PricingModel.run(clicks, inv, comp, List.of(e), DEFAULTS);
    List<ClickEvent> shuffled = new ArrayList<>(clicks);
    Collections.shuffle(shuffled, new Random(3));
    List<InventoryUpdate> invR = new ArrayList<>(inv);
    Collections.reverse(invR);
    PricingModel.Result b = PricingModel.run(shuffled, invR, comp, List.of(e), DEFAULTS);
    assertTrue(a.getUpdates().size() > 1, a.getUpdates().toString());
    assertEquals(a.getUpdates(), b.getUpdates());
    assertEquals(money("20.00"), a.getUpdates().get(0).getOldPrice());
  }
}
