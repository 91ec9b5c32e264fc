package io.realtimepipelines.pipelines.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.pipelines.TestData;
import io.realtimepipelines.pipelines.pricing.eval.PriceAudit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
    assertTrue(updates.size() >= 2, "testdata has a competitor undercut and a sell-out: " + updates);
    assertTrue(String.join("\n", updates).contains("flash-sale"), String.join("\n", updates));
    assertEquals(0, TestData.outputLines(out.resolve("pricing/dead-letters")).size());
    assertEquals(0, TestData.outputLines(out.resolve("pricing/late")).size());

    ByteArrayOutputStream report = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(report, true, StandardCharsets.UTF_8);
    int audit = PriceAudit.run(new String[] {
        "--updates=" + out.resolve("pricing/price-updates"),
        "--catalog=" + TestData.path("catalog.jsonl")}, ps, ps);
    assertEquals(0, audit, report.toString(StandardCharsets.UTF_8));
  }
}
