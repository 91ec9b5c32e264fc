package io.realtimepipelines.tools.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.pipelines.pricing.CatalogFile;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.validation.RecordDecoder;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UCI Online Retail day files become purchases, a catalogue and stock, nothing lost silently.
 */
class RetailConverterTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  /** Processing time for the validator: just after the data (a day of future skew allowed). */
  private static final org.joda.time.Instant NOW =
      org.joda.time.Instant.parse("2011-03-01T00:00:00Z");

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int convert(String... args) {
    return RetailConverter.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private RetailConverter.Summary convertFirstTwoDays() throws IOException {
    return RetailConverter.create()
        .withLimitFiles(2)
        .convert(
            RetailDataset.byDay(),
            dir.resolve("clicks.jsonl.gz"),
            dir.resolve("inventory.jsonl.gz"),
            dir.resolve("catalog.jsonl"));
  }

  @Test
  void firstTwoDaysAreAccountedRowByRow() throws Exception {
    RetailConverter.Summary s = convertFirstTwoDays();

    assertEquals(2, s.files().size());
    assertEquals("2010-12-01.csv", s.files().get(0).getFileName().toString());
    assertEquals("2010-12-02.csv", s.files().get(1).getFileName().toString());
    long lines = 0;
    long cancellations = 0;
    for (Path file : s.files()) {
      List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
      lines += raw.size() - 1;
      cancellations += raw.stream().skip(1).filter(l -> l.startsWith("C")).count();
    }
    assertEquals(lines, s.dataLines());
    assertEquals(5217, s.dataLines());
    assertEquals(5125, s.purchases());
    assertEquals(cancellations, s.filtered(RetailFilter.CANCELLATION));
    assertEquals(70, s.filtered(RetailFilter.CANCELLATION));
    assertEquals(10, s.filtered(RetailFilter.NON_PRODUCT_CODE));
    assertEquals(
        Map.of("POST", 4L, "DOT", 2L, "C2", 1L, "M", 2L, "BANK CHARGES", 1L), s.nonProductCodes());
    assertEquals(2, s.filtered(RetailFilter.NON_POSITIVE_QUANTITY));
    assertEquals(10, s.filtered(RetailFilter.ZERO_PRICE));
    assertEquals(0, s.rejected().count());
    assertTrue(s.balanced());
    assertEquals(s.dataLines(), s.purchases() + s.filtered() + s.rejected().count());
    assertEquals(
        "rows read 5217 = purchases written 5125 + filtered 92 + rejected 0: ok", s.accounting());
  }

  @Test
  void decemberRowKeepsItsIdsExactPriceAndUtcTime() throws Exception {
    convertFirstTwoDays();
    JsonNode first = JSON.readTree(lines(dir.resolve("clicks.jsonl.gz")).get(0));
    // The file's first row: invoice 536365, line 1 (values checked against the CSV by hand).
    assertEquals("uci-536365-1", first.get("eventId").textValue());
    assertEquals("inv-536365", first.get("sessionId").textValue());
    assertEquals("cust-17850", first.get("userId").textValue());
    assertEquals("sku-85123A", first.get("productId").textValue());
    assertNull(first.get("category"));
    assertEquals("purchase", first.get("action").textValue());
    assertEquals(new BigDecimal("2.55"), first.get("price").decimalValue());
    assertEquals(6, first.get("quantity").intValue());
    // December: Europe/London is GMT, so local 08:26 is 08:26 UTC.
    assertEquals("2010-12-01T08:26:00.000Z", first.get("timestamp").textValue());
  }

  @Test
  void dataSpansNoDaylightSavingChangeSoEveryUkTimeIsUtc() {
    Instant start = RetailCsv.toUtc(LocalDateTime.parse("2010-12-01T00:00:00"));
    Instant end = RetailCsv.toUtc(LocalDateTime.parse("2011-03-01T00:00:00"));
    ZoneOffsetTransition next = RetailCsv.UK.getRules().nextTransition(start);
    assertTrue(next.getInstant().isAfter(end), "first UK clock change after the data: " + next);
    assertEquals(Instant.parse("2011-03-27T01:00:00Z"), next.getInstant());
    // The zone is applied all the same: a summer time would move back one hour.
    assertEquals(
        Instant.parse("2011-07-01T11:00:00Z"),
        RetailCsv.toUtc(LocalDateTime.parse("2011-07-01T12:00:00")));
  }

  @Test
  void everyWrittenLineIsAValidEventAndEventIdsAreUnique() throws Exception {
    RetailConverter.Summary s = convertFirstTwoDays();
    RecordDecoder<ClickEvent> clicks =
        new RecordDecoder<>(EventType.CLICK, 256 * 1024, org.joda.time.Duration.standardDays(1));
    Set<String> ids = new HashSet<>();
    List<String> clickLines = lines(dir.resolve("clicks.jsonl.gz"));
    assertEquals(s.purchases(), clickLines.size());
    Instant previous = Instant.MIN;
    for (String line : clickLines) {
      ClickEvent e = clicks.decode(line.getBytes(StandardCharsets.UTF_8), NOW);
      assertEquals(ClickAction.PURCHASE, e.getAction());
      assertTrue(e.getPrice().signum() > 0 && e.getQuantity() >= 1, line);
      assertTrue(ids.add(e.getEventId()), "repeated eventId " + e.getEventId());
      Instant t = Instant.ofEpochMilli(e.getTimestamp().getMillis());
      assertFalse(t.isBefore(previous), "events out of time order at " + line);
      previous = t;
    }
    RecordDecoder<InventoryUpdate> inventory =
        new RecordDecoder<>(
            EventType.INVENTORY, 256 * 1024, org.joda.time.Duration.standardDays(1));
    List<String> stockLines = lines(dir.resolve("inventory.jsonl.gz"));
    assertEquals(s.seed().entries().size(), stockLines.size());
    for (String line : stockLines) {
      InventoryUpdate u = inventory.decode(line.getBytes(StandardCharsets.UTF_8), NOW);
      assertEquals("2010-12-01T08:25:59.000Z", u.getTimestamp().toString());
    }
  }

  @Test
  void catalogueAndStockFollowTheSeedingRulesForEveryProduct() throws Exception {
    RetailConverter.Summary s = convertFirstTwoDays();
    // Recompute from the written purchases: both days lie in the first week and the stock window.
    Map<String, List<BigDecimal>> prices = new HashMap<>();
    Map<String, Long> units = new HashMap<>();
    for (String line : lines(dir.resolve("clicks.jsonl.gz"))) {
      JsonNode e = JSON.readTree(line);
      String product = e.get("productId").textValue();
      prices.computeIfAbsent(product, p -> new ArrayList<>()).add(e.get("price").decimalValue());
      units.merge(product, e.get("quantity").longValue(), Long::sum);
    }
    List<String> catalogue = lines(dir.resolve("catalog.jsonl"));
    assertEquals(prices.size(), catalogue.size());
    assertEquals(1587, catalogue.size());
    assertEquals(catalogue.size(), s.seed().pricedFromFirstWeek());
    for (String line : catalogue) {
      CatalogEntry e = CatalogFile.fromJson(JSON.readTree(line));
      List<BigDecimal> sorted = new ArrayList<>(prices.get(e.getProductId()));
      sorted.sort(null);
      int n = sorted.size();
      BigDecimal median =
          n % 2 == 1
              ? sorted.get(n / 2)
              : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
      assertEquals(median.setScale(2, RoundingMode.HALF_UP), e.getBasePrice(), line);
      assertEquals(round(e.getBasePrice().multiply(new BigDecimal("0.6"))), e.getUnitCost(), line);
      assertEquals(round(e.getUnitCost().multiply(new BigDecimal("1.1"))), e.getFloor(), line);
      assertEquals(round(e.getBasePrice().multiply(new BigDecimal("1.5"))), e.getCeiling(), line);
      assertTrue(e.getFloor().compareTo(e.getUnitCost()) >= 0, line);
      assertTrue(e.getBasePrice().compareTo(e.getFloor()) > 0, line);
      assertTrue(e.getCeiling().compareTo(e.getBasePrice()) >= 0, line);
    }
    for (String line : lines(dir.resolve("inventory.jsonl.gz"))) {
      JsonNode u = JSON.readTree(line);
      long expected = Math.max(10, 4 * units.get(u.get("productId").textValue()));
      assertEquals(expected, u.get("stock").longValue(), line);
    }
  }

  @Test
  void oneStockDayCountsOnlySalesOfTheFirstTwentyFourHours() throws Exception {
    RetailConverter.create()
        .withLimitFiles(2)
        .withStockDays(1)
        .convert(
            RetailDataset.byDay(),
            dir.resolve("c.jsonl"),
            dir.resolve("i.jsonl"),
            dir.resolve("k.jsonl"));
    Map<String, Long> firstDay = new HashMap<>();
    Instant end = Instant.parse("2010-12-02T08:26:00Z");
    for (String line : lines(dir.resolve("c.jsonl"))) {
      JsonNode e = JSON.readTree(line);
      if (Instant.parse(e.get("timestamp").textValue()).isBefore(end)) {
        firstDay.merge(e.get("productId").textValue(), e.get("quantity").longValue(), Long::sum);
      }
    }
    for (String line : lines(dir.resolve("i.jsonl"))) {
      JsonNode u = JSON.readTree(line);
      long sold = firstDay.getOrDefault(u.get("productId").textValue(), 0L);
      assertEquals(Math.max(10, 4 * sold), u.get("stock").longValue(), line);
    }
  }

  @Test
  void commandLinePrintsTheAccountingLine() throws Exception {
    int code =
        convert(
            "--dir=" + RetailDataset.byDay(),
            "--clicks=" + dir.resolve("c.jsonl.gz"),
            "--inventory=" + dir.resolve("i.jsonl.gz"),
            "--catalog=" + dir.resolve("k.jsonl"),
            "--limitFiles=2");
    assertEquals(0, code, stderr());
    assertTrue(
        stdout().contains("rows read 5217 = purchases written 5125 + filtered 92 + rejected 0: ok"),
        stdout());
    assertTrue(stdout().contains("BANK CHARGES 1"), stdout());
  }

  @Test
  void filterKnowsProductsFromChargesAndVouchers() {
    assertTrue(RetailFilter.nonProduct("POST"));
    assertTrue(RetailFilter.nonProduct("m"));
    assertTrue(RetailFilter.nonProduct("BANK CHARGES"));
    assertTrue(RetailFilter.nonProduct("gift_0001_20"));
    assertTrue(RetailFilter.nonProduct("CRUK"));
    assertFalse(RetailFilter.nonProduct("85123A"));
    assertFalse(RetailFilter.nonProduct("DCGS0070"));
    assertFalse(RetailFilter.nonProduct("46000M"));
  }

  @Test
  void quotedDescriptionsWithCommasAndDoubledQuotesAreOneField() throws Exception {
    List<String> fields = new ArrayList<>();
    RetailCsv.split("1,2,\"FRAME 7\"\" WIDE, OAK \",48,x", fields);
    assertEquals(List.of("1", "2", "FRAME 7\" WIDE, OAK ", "48", "x"), fields);
  }

  @Test
  void malformedRowsAreRejectedWithReasonsAndStillAccounted() throws Exception {
    Path days = Files.createDirectories(dir.resolve("by-day"));
    Files.writeString(
        days.resolve("2011-01-04.csv"),
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + "540001,22111,THING,2,2011-01-04 10:00:00,1.25,,United Kingdom\n"
            + "540001,22112,THING,two,2011-01-04 10:00:00,1.25,,United Kingdom\n"
            + "540002,22113,\"UNTERMINATED,1,2011-01-04 10:01:00,1.25,,United Kingdom\n"
            + "540003,22114,THING,1,2011-01-04 25:01:00,1.25,,United Kingdom\n"
            + "540003,22115,THING,1,2011-01-04 10:02:00,1.25,12.5,United Kingdom\n"
            + "\n"
            + "C540004,22111,THING,-1,2011-01-04 10:03:00,1.25,12346.0,United Kingdom\n",
        StandardCharsets.UTF_8);
    RetailConverter.Summary s =
        RetailConverter.create()
            .convert(days, dir.resolve("c.jsonl"), dir.resolve("i.jsonl"), dir.resolve("k.jsonl"));
    assertEquals(7, s.dataLines());
    assertEquals(1, s.purchases());
    assertEquals(1, s.filtered(RetailFilter.CANCELLATION));
    assertEquals(5, s.rejected().count());
    assertEquals(1, s.rejected().count("Quantity is not an integer"));
    assertEquals(1, s.rejected().count("unterminated quoted field"));
    assertEquals(1, s.rejected().count("InvoiceDate is not a valid date and time"));
    assertEquals(1, s.rejected().count("CustomerID is not a whole number"));
    assertEquals(1, s.rejected().count("empty line"));
    assertTrue(s.balanced());
    JsonNode only = JSON.readTree(lines(dir.resolve("c.jsonl")).get(0));
    assertNull(only.get("userId"));
    assertEquals("uci-540001-1", only.get("eventId").textValue());
  }

  @Test
  void helpAndBadCommandLines() throws Exception {
    assertEquals(0, convert("--help"));
    assertTrue(stdout().contains("--stockDays"));
    assertEquals(2, convert("--clicks=a", "--inventory=b", "--catalog=c"));
    assertTrue(stderr().contains("Missing required option: '--dir="), stderr());
    assertEquals(
        2, convert("--dir=" + dir, "--clicks=a", "--inventory=b", "--catalog=c", "--colour=blue"));
    assertTrue(stderr().contains("Unknown option: '--colour"), stderr());
    assertEquals(
        2, convert("--dir=" + dir, "--clicks=a", "--inventory=b", "--catalog=c", "--stockDays=0"));
    assertEquals(
        2,
        convert(
            "--dir=" + dir,
            "--clicks=" + dir.resolve("a"),
            "--inventory=" + dir.resolve("b"),
            "--catalog=" + dir.resolve("c")));
    assertTrue(stderr().contains("no by-day files"), stderr());
    assertEquals(
        2,
        convert(
            "--dir=" + dir,
            "--clicks=" + dir.resolve("a"),
            "--inventory=" + dir.resolve("a"),
            "--catalog=" + dir.resolve("c")));
  }

  private static BigDecimal round(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static List<String> lines(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }
}
