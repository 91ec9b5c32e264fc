package io.realtimepipelines.tools.fraud;

import static io.realtimepipelines.tools.fraud.HandbookDataset.AMOUNT;
import static io.realtimepipelines.tools.fraud.HandbookDataset.CUSTOMER;
import static io.realtimepipelines.tools.fraud.HandbookDataset.DATETIME;
import static io.realtimepipelines.tools.fraud.HandbookDataset.FRAUD;
import static io.realtimepipelines.tools.fraud.HandbookDataset.ID;
import static io.realtimepipelines.tools.fraud.HandbookDataset.TERMINAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.validation.RecordDecoder;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handbook CSV becomes transactions and delayed fraud feedback, with nothing lost silently. */
class HandbookConverterTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int convert(String... args) {
    return HandbookConverter.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void firstRowsKeepTheirIdsCentsAndUtcTimes() throws Exception {
    Path csv = HandbookDataset.csv();
    Path transactions = dir.resolve("tx.jsonl");
    Path feedback = dir.resolve("fb.jsonl");

    HandbookConverter.Summary summary =
        HandbookConverter.create().withLimit(300).convert(csv, transactions, feedback);

    List<String[]> rows = HandbookDataset.firstRows(300);
    List<String> lines = readLines(transactions);
    assertEquals(300, summary.dataLines());
    assertEquals(300, summary.transactions());
    assertEquals(0, summary.rejected().count());
    assertEquals(300, lines.size());
    RecordDecoder<Transaction> contract =
        new RecordDecoder<>(EventType.TRANSACTION, 1 << 16, org.joda.time.Duration.ZERO);
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      JsonNode txn = JSON.readTree(lines.get(i));
      List<String> fields = new ArrayList<>();
      txn.fieldNames().forEachRemaining(fields::add);
      assertEquals(
          List.of("txnId", "accountId", "cardId", "amount", "currency", "merchantId", "timestamp"),
          fields);
      assertEquals("hb-" + row[ID], txn.get("txnId").textValue());
      assertEquals("cust-" + row[CUSTOMER], txn.get("accountId").textValue());
      assertEquals("card-" + row[CUSTOMER], txn.get("cardId").textValue());
      assertEquals("term-" + row[TERMINAL], txn.get("merchantId").textValue());
      assertEquals("USD", txn.get("currency").textValue());
      BigDecimal amount = txn.get("amount").decimalValue();
      assertEquals(2, amount.scale(), lines.get(i));
      assertTrue(
          amount.subtract(new BigDecimal(row[AMOUNT])).abs().compareTo(new BigDecimal("0.005"))
              <= 0,
          lines.get(i));
      Instant expected =
          LocalDateTime.parse(row[DATETIME].replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      String timestamp = txn.get("timestamp").textValue();
      assertTrue(timestamp.endsWith("Z"), timestamp);
      assertEquals(expected, Instant.parse(timestamp));
      // The project's own transaction contract accepts every line as written.
      Transaction parsed =
          contract.decode(
              lines.get(i).getBytes(StandardCharsets.UTF_8), org.joda.time.Instant.now());
      assertEquals("hb-" + row[ID], parsed.getTxnId());
      assertEquals("0", row[FRAUD], "the first 300 rows hold no fraud");
    }
    assertEquals("hb-0", JSON.readTree(lines.get(0)).get("txnId").textValue());
    assertEquals(0, summary.feedback());
    assertEquals(List.of(), readLines(feedback), "no fraud, no feedback");
  }

  @Test
  void feedbackComesOnlyForFraudsExactlySevenDaysLater() throws Exception {
    Path csv = HandbookDataset.csv();
    Path transactions = dir.resolve("tx.jsonl.gz");
    Path feedback = dir.resolve("fb.jsonl.gz");
    int limit = 15_000;

    HandbookConverter.Summary summary =
        HandbookConverter.create().withLimit(limit).convert(csv, transactions, feedback);

    Set<String> frauds = new TreeSet<>();
    for (String[] row : HandbookDataset.firstRows(limit)) {
      if (row[FRAUD].equals("1")) {
        frauds.add("hb-" + row[ID]);
      }
    }
    assertTrue(frauds.size() >= 10, "the first rows must hold some fraud, got " + frauds);
    Map<String, JsonNode> txnById = new HashMap<>();
    for (String line : readLines(transactions)) {
      JsonNode txn = JSON.readTree(line);
      txnById.put(txn.get("txnId").textValue(), txn);
    }
    assertEquals(limit, txnById.size());
    List<String> feedbackLines = readLines(feedback);
    assertEquals(frauds.size(), feedbackLines.size());
    assertEquals(frauds.size(), summary.feedback());
    Set<String> fedBack = new TreeSet<>();
    for (String line : feedbackLines) {
      JsonNode fb = JSON.readTree(line);
      List<String> fields = new ArrayList<>();
      fb.fieldNames().forEachRemaining(fields::add);
      assertEquals(List.of("txnId", "accountId", "merchantId", "fraud", "timestamp"), fields);
      String txnId = fb.get("txnId").textValue();
      fedBack.add(txnId);
      JsonNode txn = txnById.get(txnId);
      assertEquals(txn.get("accountId"), fb.get("accountId"));
      assertEquals(txn.get("merchantId"), fb.get("merchantId"));
      assertTrue(fb.get("fraud").booleanValue());
      assertEquals(
          Duration.ofDays(7),
          Duration.between(
              Instant.parse(txn.get("timestamp").textValue()),
              Instant.parse(fb.get("timestamp").textValue())),
          line);
    }
    assertEquals(frauds, fedBack);
    // TX_AMOUNT 85.64999999999999 in the file: cents of the exact decimal, HALF_UP.
    assertEquals(new BigDecimal("85.65"), txnById.get("hb-11919").get("amount").decimalValue());
  }

  @Test
  void feedbackDelayIsConfigurableOnTheCommandLine() throws Exception {
    Path csv = HandbookDataset.csv();
    Path transactions = dir.resolve("tx.jsonl");
    Path feedback = dir.resolve("fb.jsonl");

    int code =
        convert(
            "--csv=" + csv,
            "--transactions=" + transactions,
            "--feedback=" + feedback,
            "--feedbackDelayDays=1",
            "--limit=4000");

    assertEquals(0, code, stderr());
    assertTrue(stdout().contains("transactions written  4000"), stdout());
    JsonNode fb = JSON.readTree(readLines(feedback).get(0));
    assertEquals("hb-3527", fb.get("txnId").textValue());
    assertEquals("2018-04-02T10:17:43.000Z", fb.get("timestamp").textValue());
  }

  @Test
  void amountsRoundHalfUpOnTheExactDecimalNotTheDouble() {
    assertEquals(new BigDecimal("1.01"), HandbookCsv.roundAmount(new BigDecimal("1.005")));
    assertEquals(new BigDecimal("2.68"), HandbookCsv.roundAmount(new BigDecimal("2.675")));
    assertEquals(
        new BigDecimal("85.65"), HandbookCsv.roundAmount(new BigDecimal("85.64999999999999")));
    assertEquals(
        new BigDecimal("1039.30"), HandbookCsv.roundAmount(new BigDecimal("1039.3000000000002")));
    assertEquals(new BigDecimal("146.00"), HandbookCsv.roundAmount(new BigDecimal("146.0")));
    assertEquals(new BigDecimal("0.00"), HandbookCsv.roundAmount(new BigDecimal("0.0")));
  }

  @Test
  void malformedRowsAreCountedWithTheirLineAndNotWritten() throws Exception {
    Path csv = dir.resolve("small.csv");
    Files.write(
        csv,
        List.of(
            "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,"
                + "TX_TIME_DAYS,TX_FRAUD,TX_FRAUD_SCENARIO",
            "10,2020-02-29 23:59:59,7,8,12.345,0,0,0,0",
            "11,2020-03-01 00:00:00,7,9,250.5,1,0,1,1",
            "12,2020-03-01 00:00:00,7,9",
            "13,2020-13-01 00:00:00,7,9,1.0,1,0,0,0",
            "14,2020-03-01 00:00:00,7,9,abc,1,0,0,0",
            "15,2020-03-01 00:00:00,7,9,1.0,1,0,0,2",
            "10,2020-03-01 00:00:00,7,9,1.0,1,0,0,0",
            "",
            "16,2020-03-01T01:00:00,7,9,3,1,0,0,0"),
        StandardCharsets.UTF_8);

    HandbookConverter.Summary summary =
        HandbookConverter.create().convert(csv, dir.resolve("tx.jsonl"), dir.resolve("fb.jsonl"));

    assertEquals(9, summary.dataLines());
    assertEquals(3, summary.transactions());
    assertEquals(6, summary.rejected().count());
    assertEquals(
        Map.of(
            "expected 9 fields, got 4", 1L,
            "TX_DATETIME is not a valid date and time", 1L,
            "TX_AMOUNT is not a number", 1L,
            "TX_FRAUD_SCENARIO contradicts TX_FRAUD", 1L,
            "repeated TRANSACTION_ID 10", 1L,
            "empty line", 1L),
        summary.rejected().byReason());
    assertTrue(
        summary.rejected().examples().get(0).startsWith("small.csv:4: expected 9 fields"),
        summary.rejected().examples().toString());
    assertTrue(summary.describe().contains("data lines = transactions + rejected: ok"));
    List<String> lines = readLines(dir.resolve("tx.jsonl"));
    assertEquals(3, lines.size());
    assertEquals("12.35", JSON.readTree(lines.get(0)).get("amount").decimalValue().toPlainString());
    assertEquals(
        "2020-02-29T23:59:59.000Z", JSON.readTree(lines.get(0)).get("timestamp").textValue());
    assertEquals(1, readLines(dir.resolve("fb.jsonl")).size());
    assertEquals(
        "2020-03-08T00:00:00.000Z",
        JSON.readTree(readLines(dir.resolve("fb.jsonl")).get(0)).get("timestamp").textValue());
  }

  @Test
  void aFileThatIsNotTheHandbookCsvIsAUsageErrorAndLeavesNoOutput() throws Exception {
    Path csv = dir.resolve("other.csv");
    Files.writeString(csv, "id,amount\n1,2.0\n");
    Path transactions = dir.resolve("out/tx.jsonl");

    int code =
        convert(
            "--csv=" + csv,
            "--transactions=" + transactions,
            "--feedback=" + dir.resolve("out/fb.jsonl"));

    assertEquals(2, code);
    assertTrue(stderr().contains("no column TRANSACTION_ID"), stderr());
    assertFalse(Files.exists(transactions));
  }

  @Test
  void helpDocumentsEveryArgument() {
    assertEquals(0, convert("--help"));
    for (String option :
        List.of("--csv=", "--transactions=", "--feedback=", "--feedbackDelayDays=", "--limit=")) {
      assertTrue(stdout().contains(option), option + " in " + stdout());
    }
    assertTrue(stdout().contains("default 7"), stdout());
  }

  @Test
  void badArgumentsSayWhatIsWrongAndReturnTwo() throws Exception {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "TRANSACTION_ID\n");
    String tx = "--transactions=" + dir.resolve("tx.jsonl");
    String fb = "--feedback=" + dir.resolve("fb.jsonl");

    assertEquals(2, convert(tx, fb));
    assertTrue(stderr().contains("Missing required option: '--csv="), stderr());
    assertEquals(2, convert("--csv=" + dir.resolve("nope.csv"), tx, fb));
    assertTrue(stderr().contains("is not a readable file"), stderr());
    assertEquals(2, convert("--csv=" + csv, tx));
    assertTrue(stderr().contains("Missing required option: '--feedback="), stderr());
    assertEquals(2, convert("--csv=" + csv, tx, fb, "--feedbackDelayDays=seven"));
    assertTrue(stderr().contains("Invalid value for option '--feedbackDelayDays'"), stderr());
    assertEquals(2, convert("--csv=" + csv, tx, fb, "--feedbackDelayDays=-1"));
    assertEquals(2, convert("--csv=" + csv, tx, fb, "--limt=5"));
    assertTrue(stderr().contains("Unknown option: '--limt"), stderr());
    assertEquals(2, convert("--csv=" + csv, tx, "--feedback=" + dir.resolve("tx.jsonl")));
    assertTrue(stderr().contains("three different files"), stderr());
  }

  /** Converts the whole file once and prints how long it took (no timing assertion). */
  @Test
  void wholeFileConvertsCompletelyAndReportsItsTime() throws Exception {
    Path csv = HandbookDataset.csv();

    HandbookConverter.Summary summary =
        HandbookConverter.create()
            .convert(csv, dir.resolve("tx.jsonl.gz"), dir.resolve("fb.jsonl.gz"));

    System.out.println(summary.describe());
    System.out.println("full-file conversion took " + summary.elapsed().toMillis() + " ms");
    assertEquals(HandbookDataset.ROWS, summary.dataLines());
    assertEquals(HandbookDataset.ROWS, summary.transactions());
    assertEquals(0, summary.rejected().count());
    assertEquals(934, summary.feedback());
    assertEquals(113, summary.transactionsInScenario(1));
    assertEquals(462, summary.transactionsInScenario(2));
    assertEquals(359, summary.transactionsInScenario(3));
    assertTrue(
        summary.feedbackAfterLastTransaction() > 0, "frauds of the last week still get feedback");
    assertEquals(2, summary.outsideContract(), summary.outsideContractExamples().toString());
    assertEquals(HandbookDataset.ROWS, readLines(dir.resolve("tx.jsonl.gz")).size());
  }

  private static List<String> readLines(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (Iterator<String> it = reader.lines().iterator(); it.hasNext(); ) {
        lines.add(it.next());
      }
      return lines;
    }
  }
}
