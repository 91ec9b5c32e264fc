package io.realtimepipelines.tools.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.Tools;
import io.realtimepipelines.tools.pricing.PriceAuditReport.Bucket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every guardrail of the price audit, on hand-built update files. */
class PriceAuditTest {
  private static final Instant T0 = Instant.parse("2010-12-01T09:00:00Z");

  @TempDir Path dir;

  private Path catalog;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** A price-update line under construction. */
  private static final class Update {
    private final String productId;
    private String oldPrice = "10.00";
    private String newPrice = "10.50";
    private Instant at = T0;
    private String reasons = "";

    private Update(String productId) {
      this.productId = productId;
    }

    Update from(String price) {
      oldPrice = price;
      return this;
    }

    Update to(String price) {
      newPrice = price;
      return this;
    }

    Update at(Instant time) {
      at = time;
      return this;
    }

    Update because(String reason) {
      reasons = ",\"reasons\":[\"" + reason + "\"]";
      return this;
    }

    String json() {
      return "{\"productId\":\""
          + productId
          + "\",\"oldPrice\":"
          + oldPrice
          + ",\"newPrice\":"
          + newPrice
          + ",\"timestamp\":\""
          + at
          + "\""
          + reasons
          + "}";
    }
  }

  private static Update update(String productId) {
    return new Update(productId);
  }

  private static Instant minute(long m) {
    return T0.plusSeconds(60 * m);
  }

  @BeforeEach
  void writeCatalog() throws IOException {
    List<String> lines = new ArrayList<>();
    // base 10.00, cost 6.00, floor 6.60, ceiling 15.00: the seeding rules.
    for (String id : List.of("sku-A", "sku-B", "sku-C", "sku-D", "sku-E", "sku-F", "sku-G")) {
      lines.add(
          EventJson.toJson(RetailCatalog.entry(id, new BigDecimal("10.00")), CatalogEntry.class));
    }
    // Hand-set guardrails: a high floor, a low ceiling, a price in pence.
    lines.add(entry("sku-HIGHFLOOR", "10.00", "5.00", "9.50", "15.00"));
    lines.add(entry("sku-LOWCEIL", "10.00", "6.00", "6.60", "10.50"));
    lines.add(
        EventJson.toJson(
            RetailCatalog.entry("sku-PENNY", new BigDecimal("0.15")), CatalogEntry.class));
    catalog = dir.resolve("catalog.jsonl");
    Files.write(catalog, lines, StandardCharsets.UTF_8);
  }

  private static String entry(String id, String base, String cost, String floor, String ceiling) {
    return EventJson.toJson(
        CatalogEntry.of(
            id,
            new BigDecimal(base),
            new BigDecimal(cost),
            new BigDecimal(floor),
            new BigDecimal(ceiling)),
        CatalogEntry.class);
  }

  private Path updates(String name, Update... updates) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Update u : updates) {
      lines.add(u.json());
    }
    Path file = dir.resolve(name);
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private PriceAuditReport audit(PriceAudit audit, Path file) throws IOException {
    return audit.audit(List.of(ToolInput.file(file)), PriceUpdates.readCatalog(catalog));
  }

  private int run(String... args) {
    return PriceAuditCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Map<Check, Long> counts(PriceAuditReport report) {
    Map<Check, Long> counts = new EnumMap<>(Check.class);
    for (Check c : Check.values()) {
      if (report.violations(c) > 0) {
        counts.put(c, report.violations(c));
      }
    }
    return counts;
  }

  private String cleanFileLines() throws IOException {
    return Files.readString(cleanFile());
  }

  private Path cleanFile() throws IOException {
    return updates(
        "clean.jsonl",
        update("sku-A").from("10.00").to("10.50").at(minute(0)).because("low stock"),
        update("sku-A").from("10.50").to("11.00").at(minute(5)).because("low stock"),
        update("sku-A").from("11.00").to("10.40").at(minute(30)).because("slow sales"),
        update("sku-B").from("10.00").to("9.00").at(minute(1)),
        update("sku-C").from("10.00").to("10.20").at(minute(2)),
        update("sku-PENNY").from("0.15").to("0.17").at(minute(3)));
  }

  @Test
  void cleanFileHasNoViolationsAndExitsZero() throws Exception {
    int code = run("--updates=" + cleanFile(), "--catalog=" + catalog);
    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, report + err.toString(StandardCharsets.UTF_8));
    assertTrue(report.contains("**PASS**: no violations over 6 updates."), report);
    assertTrue(report.contains("| products changed | 4 of 10 in the catalogue |"), report);
    assertTrue(report.contains("| updates per product | min 1, median 1, p90 3, max 3 |"), report);
    assertTrue(
        report.contains("| most changed | sku-A 3, sku-B 1, sku-C 1, sku-PENNY 1 |"), report);
    assertTrue(report.contains("| top reasons | low stock 2, slow sales 1 |"), report);
  }

  @Test
  void histogramSortsChangesIntoBuckets() throws Exception {
    PriceAuditReport r = audit(PriceAudit.create(), cleanFile());
    assertEquals(0, r.inBucket(Bucket.BELOW_MINUS_10));
    assertEquals(2, r.inBucket(Bucket.MINUS_10_TO_5)); // -5.45%, -10%
    assertEquals(0, r.inBucket(Bucket.MINUS_5_TO_1));
    assertEquals(0, r.inBucket(Bucket.UNDER_1));
    assertEquals(3, r.inBucket(Bucket.PLUS_1_TO_5)); // +5%, +4.76%, +2%
    assertEquals(0, r.inBucket(Bucket.PLUS_5_TO_10));
    assertEquals(1, r.inBucket(Bucket.ABOVE_PLUS_10)); // 0.15 -> 0.17, +13.33%
    assertEquals(Bucket.MINUS_10_TO_5, Bucket.of(new BigDecimal("-10")));
    assertEquals(Bucket.UNDER_1, Bucket.of(new BigDecimal("0.99")));
    assertEquals(Bucket.PLUS_1_TO_5, Bucket.of(BigDecimal.ONE));
    assertEquals(Bucket.ABOVE_PLUS_10, Bucket.of(new BigDecimal("10.01")));
  }

  @Test
  void updatesAreCheckedInEventTimeOrderNotFileOrder() throws Exception {
    Path file =
        updates(
            "shuffled.jsonl",
            update("sku-A").from("10.50").to("11.00").at(minute(10)),
            update("sku-A").from("10.00").to("10.50").at(minute(0)));
    assertTrue(audit(PriceAudit.create(), file).clean());
  }

  @Test
  void priceUnderTheMinimumMarginIsAViolation() throws Exception {
    Path file =
        updates(
            "margin.jsonl",
            update("sku-A").from("10.00").to("9.20").at(minute(0)),
            update("sku-A").from("9.20").to("8.40").at(minute(10)),
            update("sku-A").from("8.40").to("7.60").at(minute(20)),
            update("sku-A").from("7.60").to("7.00").at(minute(30)));
    // unitCost 6.00 x 1.20 = 7.20 > 7.00; floor 6.60 is not crossed.
    PriceAuditReport r = audit(PriceAudit.create().withMinMarginPct(new BigDecimal("20")), file);
    assertEquals(Map.of(Check.BELOW_MIN_MARGIN, 1L), counts(r));
    Violation v = r.violations().get(0);
    assertEquals("sku-A", v.productId());
    assertEquals(minute(30), v.timestamp());
    assertEquals("newPrice 7.00 < unitCost 6.00 × 1.2 = 7.20", v.numbers());
  }

  @Test
  void priceBelowTheFloorIsAViolation() throws Exception {
    Path file = updates("floor.jsonl", update("sku-HIGHFLOOR").from("10.00").to("9.40"));
    PriceAuditReport r = audit(PriceAudit.create(), file);
    assertEquals(Map.of(Check.BELOW_FLOOR, 1L), counts(r));
    assertEquals("newPrice 9.40 < floor 9.50", r.violations().get(0).numbers());
  }

  @Test
  void priceAboveTheCeilingIsAViolation() throws Exception {
    Path file = updates("ceiling.jsonl", update("sku-LOWCEIL").from("10.00").to("10.80"));
    PriceAuditReport r = audit(PriceAudit.create(), file);
    assertEquals(Map.of(Check.ABOVE_CEILING, 1L), counts(r));
    assertEquals("newPrice 10.80 > ceiling 10.50", r.violations().get(0).numbers());
  }

  @Test
  void stepLargerThanTheMaximumIsAViolation() throws Exception {
    Path file =
        updates(
            "step.jsonl",
            update("sku-A").from("10.00").to("11.20"),
            update("sku-B").from("10.00").to("8.90"),
            update("sku-PENNY").from("0.15").to("0.18"));
    PriceAuditReport r = audit(PriceAudit.create(), file);
    assertEquals(Map.of(Check.STEP_TOO_LARGE, 3L), counts(r));
    assertEquals("10.00 → 11.20 is +12.00%, more than 10%", r.violations().get(0).numbers());
  }

  @Test
  void stepOvershootOfHalfAPennyFromRoundingIsAllowed() throws Exception {
    // 0.15 + 10% = 0.165, rounded HALF_UP to 0.17.
    Path file = updates("penny.jsonl", update("sku-PENNY").from("0.15").to("0.17"));
    assertTrue(audit(PriceAudit.create(), file).clean());
  }

  @Test
  void twoChangesWithinTheCooldownAreAViolation() throws Exception {
    Path file =
        updates(
            "cooldown.jsonl",
            update("sku-A").from("10.00").to("10.50").at(minute(0)),
            update("sku-A").from("10.50").to("11.00").at(minute(4)),
            update("sku-B").from("10.00").to("10.50").at(minute(4)));
    PriceAuditReport r = audit(PriceAudit.create(), file);
    assertEquals(Map.of(Check.WITHIN_COOLDOWN, 1L), counts(r));
    assertTrue(r.violations().get(0).numbers().startsWith("240 s after the change at "));
    assertTrue(
        audit(PriceAudit.create().withCooldown(java.time.Duration.ofMinutes(3)), file).clean());
  }

  @Test
  void oldPriceThatIsNotThePreviousNewPriceOrTheBasePriceIsAViolation() throws Exception {
    Path file =
        updates(
            "continuity.jsonl",
            update("sku-A").from("10.00").to("10.50").at(minute(0)),
            update("sku-A").from("10.40").to("11.00").at(minute(10)),
            update("sku-B").from("9.90").to("10.40").at(minute(0)));
    PriceAuditReport r = audit(PriceAudit.create(), file);
    assertEquals(Map.of(Check.NOT_CONTINUOUS, 2L), counts(r));
    assertEquals("oldPrice 10.40 ≠ previous newPrice 10.50", r.violations().get(0).numbers());
    assertEquals("oldPrice 9.90 ≠ basePrice 10.00", r.violations().get(1).numbers());
  }

  @Test
  void changeUnderOnePercentIsAViolation() throws Exception {
    Path file = updates("tiny.jsonl", update("sku-A").from("10.00").to("10.05"));
    PriceAuditReport r = audit(PriceAudit.create(), file);
    assertEquals(Map.of(Check.CHANGE_UNDER_1_PCT, 1L), counts(r));
    assertEquals(1, r.inBucket(Bucket.UNDER_1));
  }

  @Test
  void unknownProductsAndUnreadableLinesAreViolations() throws Exception {
    Path file = dir.resolve("mixed.jsonl");
    Files.write(
        file,
        List.of(
            update("sku-Z").from("10.00").to("10.50").json(),
            "not json",
            "{\"productId\":\"sku-A\",\"oldPrice\":10.00,\"timestamp\":\"2010-12-01T09:00:00Z\"}",
            "{\"productId\":\"sku-A\",\"oldPrice\":10.00,\"newPrice\":10.5,\"timestamp\":\"yesterday\"}",
            "",
            update("sku-A").from("10.00").to("10.50").json()),
        StandardCharsets.UTF_8);
    PriceAuditReport r = audit(PriceAudit.create(), file);
    assertEquals(Map.of(Check.UNKNOWN_PRODUCT, 1L, Check.UNREADABLE, 3L), counts(r));
    assertEquals(2, r.updates());
    assertEquals(1, r.unreadable().count("not JSON"));
    assertEquals(1, r.unreadable().count("newPrice missing or not a number"));
    assertEquals(1, r.unreadable().count("timestamp is not ISO-8601 with an offset"));
  }

  @Test
  void everyKindOfViolationIsListedWithProductAndNumbersAndExitsOne() throws Exception {
    Path file =
        updates(
            "all.jsonl",
            update("sku-A").from("10.00").to("7.00").at(minute(0)), // step, and cooldown next
            update("sku-A").from("7.00").to("6.50").at(minute(1)), // margin, floor, cooldown
            update("sku-LOWCEIL").from("10.00").to("10.80"),
            update("sku-B").from("9.00").to("9.50"), // continuity
            update("sku-C").from("10.00").to("10.01"), // under 1%
            update("sku-Z"));
    Files.writeString(file, "garbage\n", java.nio.file.StandardOpenOption.APPEND);
    int code = run("--updates=" + file, "--catalog=" + catalog, "--cooldownMinutes=5");
    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, report);
    for (Check c : Check.values()) {
      assertTrue(report.contains("| " + c.name() + " | "), c + " missing in\n" + report);
    }
    assertTrue(
        report.contains(
            "| BELOW_FLOOR | sku-A | 2010-12-01T09:01:00Z | newPrice 6.50 < floor"
                + " 6.60 | all.jsonl:2 |"),
        report);
    assertTrue(
        report.contains("**FAIL**: 9 violations over 6 updates and 1 unreadable lines."), report);
  }

  @Test
  void thePricingJobsRunOnTheTestdataPassesTheAudit() throws Exception {
    Path testdata =
        Files.isDirectory(Path.of("testdata")) ? Path.of("testdata") : Path.of("..", "testdata");
    PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(
        0,
        Tools.run(
            new String[] {
              "pricing",
              "--input=" + testdata.resolve("clicks.jsonl"),
              "--inventoryInput=" + testdata.resolve("inventory.jsonl"),
              "--competitorInput=" + testdata.resolve("competitor_prices.jsonl"),
              "--catalog=" + testdata.resolve("catalog.jsonl"),
              "--outputDir=" + dir.resolve("out")
            },
            log,
            log),
        err.toString(StandardCharsets.UTF_8));
    int code =
        run(
            "--updates=" + dir.resolve("out/pricing/price-updates"),
            "--catalog=" + testdata.resolve("catalog.jsonl"));
    String report = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, report + err.toString(StandardCharsets.UTF_8));
    assertTrue(report.contains("**PASS**: no violations over "), report);
  }

  @Test
  void folderAndGlobReadEveryUpdateFile() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("updates"));
    Files.write(
        folder.resolve("part-0.jsonl"),
        List.of(update("sku-A").from("10.00").to("10.50").at(minute(0)).json()));
    Files.write(
        folder.resolve("part-1.jsonl"),
        List.of(update("sku-A").from("10.50").to("11.00").at(minute(6)).json()));
    assertEquals(0, run("--updates=" + folder, "--catalog=" + catalog));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("| price updates | 2 (2 files) |"));
    out.reset();
    assertEquals(0, run("--updates=" + folder + "/part-*.jsonl", "--catalog=" + catalog));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("| price updates | 2 (2 files) |"));
  }

  @Test
  void anUnreadableUpdatesFileExitsOneAsEveryToolsFailure() throws Exception {
    // a gzip file cut short: its header promises more than the file holds
    Path broken = dir.resolve("updates.jsonl.gz");
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
      gz.write(cleanFileLines().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = zipped.toByteArray();
    Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertEquals(1, run("--updates=" + broken, "--catalog=" + catalog));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("audit-prices failed"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpAndBadCommandLinesExitTwo() throws Exception {
    assertEquals(0, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--cooldownMinutes"));
    assertEquals(2, run("--updates=" + cleanFile()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("Missing required option: '--catalog="));
    assertEquals(2, run("--updates=" + cleanFile(), "--catalog=" + catalog, "--maxStepPct=ten"));
    assertEquals(2, run("--updates=" + dir.resolve("none.jsonl"), "--catalog=" + catalog));
    Path bad = dir.resolve("bad-catalog.jsonl");
    Files.writeString(bad, "{\"productId\":\"sku-A\",\"basePrice\":10}\n");
    assertEquals(2, run("--updates=" + cleanFile(), "--catalog=" + bad));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unitCost missing"));
  }
}
