package io.realtimepipelines.pipelines.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.pipelines.TestData;
import io.realtimepipelines.pricing.PriceUpdate;
import io.realtimepipelines.pricing.PricingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class PricingJobTest {

  @Test
  void testdataIsPricedWithinEveryGuardrailAndNothingIsLost(TestPipeline p, @TempDir Path out) {
    PricingJob.Options o = p.getOptions().as(PricingJob.Options.class);
    o.setInput(TestData.path("clicks.jsonl").toString());
    o.setInventoryInput(TestData.path("inventory.jsonl").toString());
    o.setCompetitorInput(TestData.path("competitor_prices.jsonl").toString());
    o.setCatalog(TestData.path("catalog.jsonl").toString());
    o.setOutputDir(out.toString());
    PricingJob.buildPipeline(p, o, PricingJob.config(o), PricingJob.catalog(o));
    p.run().waitUntilFinish();

    List<String> updates = TestData.outputLines(out.resolve("pricing/price-updates"));
    assertTrue(
        updates.size() >= 2, "testdata has a competitor undercut and a sell-out: " + updates);
    assertTrue(String.join("\n", updates).contains("flash-sale"), String.join("\n", updates));
    long dead = TestData.outputLines(out.resolve("pricing/dead-letters")).size();
    long dups = TestData.outputLines(out.resolve("pricing/duplicates")).size();
    long late = TestData.outputLines(out.resolve("pricing/late")).size();
    long unpriced = TestData.outputLines(out.resolve("pricing/unpriced")).size();
    assertEquals(0, late, "a batch replay has no late data");

    // Nothing is lost: every input line is a valid event (priced by the model's rules, or unpriced
    // for want of a valid catalogue entry), a dead letter or a duplicate; and the updates are the
    // reference model's, field for field.
    List<ClickEvent> clicks = TestData.validEvents(EventType.CLICK, "clicks.jsonl");
    List<InventoryUpdate> inventory = TestData.validEvents(EventType.INVENTORY, "inventory.jsonl");
    List<CompetitorPrice> competitor =
        TestData.validEvents(EventType.COMPETITOR_PRICE, "competitor_prices.jsonl");
    long lines =
        TestData.lineCount("clicks.jsonl")
            + TestData.lineCount("inventory.jsonl")
            + TestData.lineCount("competitor_prices.jsonl");
    long valid = clicks.size() + inventory.size() + competitor.size();
    assertEquals(lines, valid + dead + dups, "every line: valid, dead letter or duplicate");
    PricingModel.Result model =
        PricingModel.run(
            clicks, inventory, competitor, PricingJob.catalog(o), PricingJob.config(o));
    assertEquals(valid, model.getEventsApplied() + model.getSkippedTotal());
    assertEquals(
        model.getSkippedTotal(),
        unpriced,
        "every event without a valid catalogue entry is in unpriced/");
    List<String> expected = new ArrayList<>();
    model.getUpdates().forEach(u -> expected.add(EventJson.toJson(u, PriceUpdate.class)));
    assertEquals(new TreeSet<>(expected), new TreeSet<>(updates));
    assertEquals(expected.size(), updates.size());
  }
}
