package io.realtimepipelines.tools.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seeding rules of the catalogue and the initial inventory, on hand-made purchases. */
class RetailCatalogTest {
  private static final Instant START = Instant.parse("2010-12-01T08:26:00Z");

  private static Instant day(double days) {
    return START.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  private static BigDecimal gbp(String value) {
    return new BigDecimal(value);
  }

  @Test
  void medianOfOddCountIsTheMiddleValue() {
    assertEquals(gbp("2.55"), RetailCatalog.median(List.of(gbp("3.39"), gbp("2.55"), gbp("1.00"))));
  }

  @Test
  void medianOfEvenCountIsTheMeanOfTheMiddleTwoRoundedHalfUp() {
    assertEquals(gbp("2.13"), RetailCatalog.median(List.of(gbp("2.10"), gbp("2.15"))));
    assertEquals(
        gbp("1.50"), RetailCatalog.median(List.of(gbp("1"), gbp("2"), gbp("1"), gbp("9"))));
  }

  @Test
  void costIsSixtyPercentFloorTenPercentAboveCostCeilingOneAndAHalfTimesBase() {
    CatalogEntry e = RetailCatalog.entry("sku-1", gbp("2.55"));
    assertEquals(gbp("2.55"), e.getBasePrice());
    assertEquals(gbp("1.53"), e.getUnitCost());
    assertEquals(gbp("1.68"), e.getFloor()); // 1.683
    assertEquals(gbp("3.83"), e.getCeiling()); // 3.825 HALF_UP
  }

  @Test
  void relationsHoldAfterRoundingForEveryPennyPriceFromTwoPenceToOneHundredPounds() {
    for (int pence = 2; pence <= 10_000; pence++) {
      CatalogEntry e = RetailCatalog.entry("sku", BigDecimal.valueOf(pence, 2));
      assertTrue(e.getFloor().compareTo(e.getUnitCost()) >= 0, e.toString());
      assertTrue(e.getBasePrice().compareTo(e.getFloor()) > 0, e.toString());
      assertTrue(e.getCeiling().compareTo(e.getBasePrice()) >= 0, e.toString());
    }
  }

  @Test
  void basePriceComesFromTheFirstWeekWhenTheProductSoldThen() {
    RetailCatalog catalog = RetailCatalog.withStockDays(7);
    catalog.add("sku-A", day(0), gbp("2.00"), 1);
    catalog.add("sku-A", day(3), gbp("2.20"), 1);
    catalog.add("sku-A", day(6.9), gbp("2.40"), 1);
    catalog.add("sku-A", day(8), gbp("9.00"), 1); // after the first week: ignored for the price
    catalog.add("sku-A", day(9), gbp("9.00"), 1);
    CatalogEntry a = byId(catalog.seed().entries()).get("sku-A");
    assertEquals(gbp("2.20"), a.getBasePrice());
  }

  @Test
  void productOnlySoldAfterTheFirstWeekIsPricedFromAllItsPurchases() {
    RetailCatalog catalog = RetailCatalog.withStockDays(7);
    catalog.add("sku-A", day(0), gbp("1.00"), 1);
    catalog.add("sku-L", day(10), gbp("4.00"), 1);
    catalog.add("sku-L", day(20), gbp("5.00"), 1);
    RetailCatalog.Seed seed = catalog.seed();
    assertEquals(gbp("4.50"), byId(seed.entries()).get("sku-L").getBasePrice());
    assertEquals(1, seed.pricedFromFirstWeek());
    assertEquals(10, stockById(seed).get("sku-L").getStock());
  }

  @Test
  void stockIsFourTimesUnitsSoldInTheStockWindowAtLeastTen() {
    RetailCatalog catalog = RetailCatalog.withStockDays(2);
    catalog.add("sku-A", day(0), gbp("1.00"), 6);
    catalog.add("sku-A", day(1.5), gbp("1.00"), 4);
    catalog.add("sku-A", day(2.5), gbp("1.00"), 100); // outside the 2-day window
    catalog.add("sku-B", day(1), gbp("1.00"), 2); // 8 -> minimum 10
    RetailCatalog.Seed seed = catalog.seed();
    Map<String, InventoryUpdate> stock = stockById(seed);
    assertEquals(40, stock.get("sku-A").getStock());
    assertEquals(10, stock.get("sku-B").getStock());
    assertEquals(1, seed.atMinimumStock());
  }

  @Test
  void inventoryIsStampedOneSecondBeforeTheFirstPurchaseWhateverTheAddingOrder() {
    RetailCatalog catalog = RetailCatalog.withStockDays(7);
    catalog.add("sku-B", day(1), gbp("1.00"), 1);
    catalog.add("sku-A", day(0), gbp("1.00"), 1);
    RetailCatalog.Seed seed = catalog.seed();
    assertEquals(START, seed.start());
    for (InventoryUpdate u : seed.inventory()) {
      assertEquals(START.toEpochMilli() - 1000, u.getTimestamp().getMillis());
    }
    assertEquals(
        List.of("sku-A", "sku-B"),
        seed.entries().stream().map(CatalogEntry::getProductId).collect(Collectors.toList()));
  }

  @Test
  void productPricedBelowTwoPenceIsLeftOutAndCounted() {
    RetailCatalog catalog = RetailCatalog.withStockDays(7);
    catalog.add("sku-A", day(0), gbp("1.00"), 1);
    catalog.add("sku-T", day(0), gbp("0.01"), 1);
    RetailCatalog.Seed seed = catalog.seed();
    assertEquals(1, seed.entries().size());
    assertEquals(1, seed.inventory().size());
    assertEquals(List.of("sku-T (0.01)"), seed.tooCheap());
  }

  @Test
  void stockDaysBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RetailCatalog.withStockDays(0));
  }

  private static Map<String, CatalogEntry> byId(List<CatalogEntry> entries) {
    return entries.stream()
        .collect(Collectors.toMap(CatalogEntry::getProductId, Function.identity()));
  }

  private static Map<String, InventoryUpdate> stockById(RetailCatalog.Seed seed) {
    return seed.inventory().stream()
        .collect(Collectors.toMap(InventoryUpdate::getProductId, Function.identity()));
  }
}
