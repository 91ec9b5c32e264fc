package io.realtimepipelines.tools.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pricing job over three months of real UCI Online Retail invoices (README's real-data audit):
 * converted, priced with the default policy on Flink, and every update audited against the
 * guardrails — zero violations.
 */
class PricingQualityIT {

  @Test
  void everyPriceUpdateOnTheRetailDataRespectsEveryGuardrail(@TempDir Path dir) {
    Path byDay = RetailDataset.byDay();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    assertEquals(
        0,
        Tools.run(
            new String[] {
              "convert-retail",
              "--dir=" + byDay,
              "--clicks=" + dir.resolve("clicks.jsonl.gz"),
              "--inventory=" + dir.resolve("inventory.jsonl.gz"),
              "--catalog=" + dir.resolve("catalog.jsonl")
            },
            out,
            out),
        log.toString(StandardCharsets.UTF_8));
    assertEquals(
        0,
        Tools.run(
            new String[] {
              "pricing",
              "--runner=FlinkRunner",
              "--parallelism=2",
              "--input=" + dir.resolve("clicks.jsonl.gz"),
              "--inventoryInput=" + dir.resolve("inventory.jsonl.gz"),
              "--catalog=" + dir.resolve("catalog.jsonl"),
              "--outputDir=" + dir.resolve("out"),
              "--numShards=0",
              "--topUpdates=0"
            },
            out,
            out),
        log.toString(StandardCharsets.UTF_8));
    String runLog = log.toString(StandardCharsets.UTF_8);
    assertTrue(runLog.contains("valid events = applied + skipped + late: ok"), runLog);
    log.reset();
    int audit =
        Tools.run(
            new String[] {
              "audit-prices",
              "--updates=" + dir.resolve("out/pricing/price-updates"),
              "--catalog=" + dir.resolve("catalog.jsonl"),
              "--maxListed=20"
            },
            out,
            out);
    String report = log.toString(StandardCharsets.UTF_8);
    assertEquals(0, audit, report);
    assertTrue(report.contains("**PASS**"), report);
  }
}
