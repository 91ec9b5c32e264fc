package io.realtimepipelines.pricing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.testing.RunnerSupport;
import io.realtimepipelines.testing.ShuffledStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline's price updates equal the reference model's, in batch and in streaming. */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class PriceProductsTest {

  /** Several random scenarios in one input: product ids are made unique per scenario. */
  private static PricingScenarios scenario() {
    for (long seed = 1; ; seed++) {
      PricingScenarios s = PricingScenarios.generate(seed);
      if (PricingModel.run(s.clicks, s.inventory, s.competitorPrices, s.catalog, s.config)
              .getUpdates()
              .size()
          >= 5) {
        return s;
      }
    }
  }

  private static String line(PriceUpdate u) {
    return u.getProductId()
        + " "
        + u.getTimestamp()
        + " "
        + u.getOldPrice().toPlainString()
        + " -> "
        + u.getNewPrice().toPlainString()
        + " "
        + u.getReasons();
  }

  private static List<String> expected(PricingScenarios s) {
    List<String> out = new ArrayList<>();
    for (PriceUpdate u :
        PricingModel.run(s.clicks, s.inventory, s.competitorPrices, s.catalog, s.config)
            .getUpdates()) {
      out.add(line(u));
    }
    return out;
  }

  private static <T> List<TimestampedValue<T>> stamped(
      List<T> values, java.util.function.Function<T, Instant> time) {
    List<TimestampedValue<T>> out = new ArrayList<>();
    values.forEach(v -> out.add(TimestampedValue.of(v, time.apply(v))));
    return out;
  }

  private static PCollection<String> lines(PricingResult r) {
    return r.getUpdates()
        .apply("Lines", MapElements.into(TypeDescriptors.strings()).via(PriceProductsTest::line));
  }

  @Test
  void batchUpdatesEqualTheReferenceModel(TestPipeline p) throws Exception {
    PricingScenarios s = scenario();
    List<String> expected = expected(s);
    Coder<ClickEvent> clickCoder = p.getSchemaRegistry().getSchemaCoder(ClickEvent.class);
    PCollection<ClickEvent> clicks =
        p.apply(
            "Clicks",
            Create.timestamped(stamped(s.clicks, ClickEvent::getTimestamp)).withCoder(clickCoder));
    PCollection<InventoryUpdate> stock =
        p.apply(
            "Stock",
            Create.timestamped(stamped(s.inventory, InventoryUpdate::getTimestamp))
                .withCoder(p.getSchemaRegistry().getSchemaCoder(InventoryUpdate.class)));
    PCollection<CompetitorPrice> competitors =
        p.apply(
            "Competitors",
            Create.timestamped(stamped(s.competitorPrices, CompetitorPrice::getTimestamp))
                .withCoder(p.getSchemaRegistry().getSchemaCoder(CompetitorPrice.class)));
    PricingResult r =
        clicks.apply(
            "PriceProducts",
            PriceProducts.withCatalog(s.catalog)
                .withConfig(s.config)
                .withInventory(stock)
                .withCompetitorPrices(competitors));
    PAssert.that(lines(r)).containsInAnyOrder(expected);
    PAssert.that(r.getLateEvents()).empty();
    // Events of products without a (valid) catalog entry are kept, as many as the model skips.
    long skipped =
        PricingModel.run(s.clicks, s.inventory, s.competitorPrices, s.catalog, s.config)
            .getSkippedTotal();
    assertTrue(skipped > 0, "the scenario has products without a valid entry");
    PAssert.that(r.getUnpricedEvents().apply("CountUnpriced", Count.globally()))
        .containsInAnyOrder(skipped);
    p.run().waitUntilFinish();
  }

  /** A catalogue lookup from memory, as a key-value store lookup would attach entries. */
  static final class MapLookup
      extends org.apache.beam.sdk.transforms.PTransform<
          PCollection<PricingEvent>, PCollection<PricingEvent>> {
    private final java.util.HashMap<String, CatalogEntry> entries = new java.util.HashMap<>();

    MapLookup(List<CatalogEntry> catalog) {
      catalog.forEach(e -> entries.put(e.getProductId(), e));
    }

    @Override
    public PCollection<PricingEvent> expand(PCollection<PricingEvent> events) {
      java.util.HashMap<String, CatalogEntry> byId = entries;
      return events.apply(
          "AttachEntries",
          MapElements.into(org.apache.beam.sdk.values.TypeDescriptor.of(PricingEvent.class))
              .via((PricingEvent e) -> e.withCatalogLookup(byId.get(e.productId()), null)));
    }
  }

  @Test
  void catalogueLookedUpPerEventPricesLikeTheFixedCatalogueAndKeepsUnknownProductsUnpriced(
      TestPipeline p) throws Exception {
    PricingScenarios s = scenario();
    List<String> expected = expected(s);
    PCollection<ClickEvent> clicks =
        p.apply(
            "Clicks",
            Create.timestamped(stamped(s.clicks, ClickEvent::getTimestamp))
                .withCoder(p.getSchemaRegistry().getSchemaCoder(ClickEvent.class)));
    PCollection<InventoryUpdate> stock =
        p.apply(
            "Stock",
            Create.timestamped(stamped(s.inventory, InventoryUpdate::getTimestamp))
                .withCoder(p.getSchemaRegistry().getSchemaCoder(InventoryUpdate.class)));
    PCollection<CompetitorPrice> competitors =
        p.apply(
            "Competitors",
            Create.timestamped(stamped(s.competitorPrices, CompetitorPrice::getTimestamp))
                .withCoder(p.getSchemaRegistry().getSchemaCoder(CompetitorPrice.class)));
    PricingResult r =
        clicks.apply(
            "PriceProducts",
            PriceProducts.withCatalogLookup(new MapLookup(s.catalog))
                .withConfig(s.config)
                .withInventory(stock)
                .withCompetitorPrices(competitors));
    PAssert.that(lines(r)).containsInAnyOrder(expected);
    PAssert.that(r.getLateEvents()).empty();
    long skipped =
        PricingModel.run(s.clicks, s.inventory, s.competitorPrices, s.catalog, s.config)
            .getSkippedTotal();
    assertTrue(skipped > 0, "the scenario has products without a valid entry");
    PAssert.that(r.getUnpricedEvents().apply("CountUnpriced", Count.globally()))
        .containsInAnyOrder(skipped);
    p.run().waitUntilFinish();
  }

  @Test
  void streamingUpdatesInShuffledArrivalOrderEqualTheReferenceModel(TestPipeline p)
      throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    PricingScenarios s = scenario();
    List<String> expected = expected(s);
    assertTrue(expected.size() >= 5);
    Coder<ClickEvent> clickCoder = p.getSchemaRegistry().getSchemaCoder(ClickEvent.class);
    // Clicks arrive shuffled within 30-minute slices; stock and competitor prices come first.
    TestStream<ClickEvent> stream =
        ShuffledStream.inSlices(clickCoder, s.clicks, ClickEvent::getTimestamp, 30 * 60_000L, 5);
    TestStream.Builder<InventoryUpdate> stock =
        TestStream.create(p.getSchemaRegistry().getSchemaCoder(InventoryUpdate.class));
    for (InventoryUpdate u : s.inventory) {
      stock = stock.addElements(TimestampedValue.of(u, u.getTimestamp()));
    }
    TestStream.Builder<CompetitorPrice> competitors =
        TestStream.create(p.getSchemaRegistry().getSchemaCoder(CompetitorPrice.class));
    for (CompetitorPrice c : s.competitorPrices) {
      competitors = competitors.addElements(TimestampedValue.of(c, c.getTimestamp()));
    }
    PricingResult r =
        p.apply("Clicks", stream)
            .apply(
                "PriceProducts",
                PriceProducts.withCatalog(s.catalog)
                    .withConfig(s.config)
                    .withInventory(p.apply("Stock", stock.advanceWatermarkToInfinity()))
                    .withCompetitorPrices(
                        p.apply("Competitors", competitors.advanceWatermarkToInfinity())));
    PAssert.that(lines(r)).containsInAnyOrder(expected);
    PAssert.that(r.getLateEvents()).empty();
    p.run().waitUntilFinish();
  }
}
