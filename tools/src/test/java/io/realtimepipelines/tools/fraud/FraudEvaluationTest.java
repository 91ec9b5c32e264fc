package io.realtimepipelines.tools.fraud;

import static io.realtimepipelines.fraud.Action.APPROVE;
import static io.realtimepipelines.fraud.Action.BLOCK;
import static io.realtimepipelines.fraud.Action.REVIEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import io.realtimepipelines.tools.fraud.FraudEvaluation.Report;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions scored against labels: known small cases by hand, and a baseline on the real data. */
class FraudEvaluationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int evaluate(String... args) {
    return FraudEvaluation.run(
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

  /** Ten genuine, two of scenario 1, four of scenario 2, two of scenario 3. */
  private static HandbookLabels smallLabels() {
    Map<String, Integer> labels = new LinkedHashMap<>();
    for (int i = 1; i <= 10; i++) {
      labels.put("g" + i, 0);
    }
    labels.put("a1", 1);
    labels.put("a2", 1);
    labels.put("b1", 2);
    labels.put("b2", 2);
    labels.put("b3", 2);
    labels.put("b4", 2);
    labels.put("c1", 3);
    labels.put("c2", 3);
    return HandbookLabels.of(labels);
  }

  /** Decision lines, built one by one. */
  private static final class Decisions {
    private final List<String> lines = new ArrayList<>();

    Decisions add(String txnId, Action action) {
      ObjectNode node = JSON.createObjectNode();
      node.put("txnId", txnId);
      node.put("action", action.name());
      node.put("score", action == BLOCK ? 95 : action == REVIEW ? 60 : 5);
      node.put("reason", "test");
      lines.add(node.toString());
      return this;
    }

    Decisions raw(String line) {
      lines.add(line);
      return this;
    }

    Path writeTo(Path file) throws IOException {
      Files.createDirectories(file.getParent());
      OutputStream stream = Files.newOutputStream(file);
      if (file.getFileName().toString().endsWith(".gz")) {
        stream = new GZIPOutputStream(stream);
      }
      try (Writer writer = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
        for (String line : lines) {
          writer.write(line);
          writer.write('\n');
        }
      }
      return file;
    }
  }

  /** Every kind of outcome once: alerts right and wrong, a missing one, an unknown, duplicates. */
  private static Decisions mixedDecisions() {
    Decisions d =
        new Decisions()
            .add("a1", BLOCK)
            .add("a2", REVIEW)
            .add("b1", BLOCK)
            .add("b2", APPROVE)
            .add("b3", REVIEW)
            // b4 has no decision
            .add("c1", BLOCK)
            .add("c2", APPROVE)
            .add("g1", REVIEW)
            .add("g2", BLOCK);
    for (int i = 3; i <= 10; i++) {
      d.add("g" + i, APPROVE);
    }
    return d.add("not-a-label", BLOCK).add("g3", APPROVE).add("a2", BLOCK);
  }

  @Test
  void handBuiltDecisionsGiveTheExpectedPrecisionAndRecall() throws Exception {
    Path file = mixedDecisions().writeTo(dir.resolve("decisions.jsonl"));

    Report report = FraudEvaluation.evaluate(List.of(ToolInput.file(file)), smallLabels());

    // Alerts: a1 a2 b1 b3 c1 are fraud, g1 g2 genuine. BLOCK: a1 b1 c1 fraud, g2 genuine.
    assertEquals(new Ratio(5, 7), report.alertPrecision());
    assertEquals(new Ratio(3, 4), report.blockPrecision());
    assertEquals(new Ratio(5, 8), report.alertRecall());
    assertEquals(new Ratio(3, 8), report.blockRecall());
    assertEquals(new Ratio(2, 2), report.alertRecall(1));
    assertEquals(new Ratio(1, 2), report.blockRecall(1));
    assertEquals(new Ratio(2, 4), report.alertRecall(2), "the missing b4 counts as not alerted");
    assertEquals(new Ratio(1, 4), report.blockRecall(2));
    assertEquals(new Ratio(1, 2), report.alertRecall(3));
    assertEquals(new Ratio(1, 2), report.blockRecall(3));
    assertEquals(new Ratio(1, 10), report.genuineReview());
    assertEquals(new Ratio(1, 10), report.genuineBlock());
    assertEquals(1, report.missing());
    assertEquals(1, report.missing(2));
    assertEquals(1, report.unknown());
    assertEquals(2, report.duplicates());
    assertEquals(1, report.conflictingDuplicates());
    assertEquals(0, report.rejected().count());
    assertEquals(20, report.lines());

    String table = report.toMarkdown();
    assertTrue(table.contains("| | alerts (REVIEW+BLOCK) | BLOCK | target |"), table);
    assertTrue(
        table.contains("| precision | 0.71 (5/7) | 0.75 (3/4) | BLOCK ≥ 0.80: FAIL |"), table);
    assertTrue(table.contains("| recall, all fraud | 0.62 (5/8) | 0.37 (3/8) |  |"), table);
    assertTrue(
        table.contains(
            "| recall, scenario 1 (amount > 220) | 1.00 (2/2) | 0.50 (1/2) | alerts ≥ 0.95: PASS |"),
        table);
    assertTrue(
        table.contains(
            "| recall, scenario 2 (compromised terminal) | 0.50 (2/4) | 0.25 (1/4) |"
                + " alerts ≥ 0.35: PASS |"),
        table);
    assertTrue(
        table.contains(
            "| recall, scenario 3 (leaked credentials) | 0.50 (1/2) | 0.50 (1/2) |"
                + " alerts ≥ 0.60: FAIL |"),
        table);
    assertTrue(
        table.contains(
            "| genuine sent to REVIEW / BLOCK | 10.00% (1/10) | 10.00% (1/10) | REVIEW < 2%: FAIL |"),
        table);
    assertTrue(table.contains("Targets met: 2 of 5."), table);
    assertTrue(table.contains("**WARNING:** 1 labelled transaction without a decision"), table);
    assertTrue(
        table.contains(
            "missing decisions (scored as APPROVE): 1 (genuine 0, scenario 1 0,"
                + " scenario 2 1, scenario 3 0; e.g. b4 (scenario 2))"),
        table);
    assertTrue(
        table.contains(
            "unknown txnIds (not scored): 1 (e.g. not-a-label at" + " decisions.jsonl:18)"),
        table);
    assertTrue(table.contains("a2 (REVIEW counted, then BLOCK)"), table);
  }

  @Test
  void aFolderAGlobAndGzipFilesGiveTheSameResultAsOneFile() throws Exception {
    Decisions first = new Decisions().add("a1", BLOCK).add("a2", REVIEW).add("b1", BLOCK);
    Decisions second = new Decisions().add("c1", BLOCK).add("g1", REVIEW).add("g2", APPROVE);
    Path folder = dir.resolve("decisions");
    first.writeTo(folder.resolve("part-00000-of-00002.jsonl"));
    second.writeTo(folder.resolve("part-00001-of-00002.jsonl.gz"));
    new Decisions().add("g3", BLOCK).writeTo(folder.resolve("notes.txt"));
    new Decisions().add("g4", BLOCK).writeTo(folder.resolve(".temp-part.jsonl"));

    List<InputFile> fromFolder = ToolInput.match("decisions", folder.toString());
    List<InputFile> fromGlob = ToolInput.match("decisions", folder + "/part-*");

    assertEquals(2, fromFolder.size(), fromFolder.toString());
    assertEquals(fromFolder, fromGlob);
    Report report = FraudEvaluation.evaluate(fromFolder, smallLabels());
    assertEquals(new Ratio(4, 5), report.alertPrecision());
    assertEquals(new Ratio(3, 3), report.blockPrecision());
    assertEquals(6, report.lines());
    assertEquals(smallLabels().size() - 6, report.missing());
  }

  @Test
  void unreadableDecisionLinesAreCountedAndNotScored() throws Exception {
    Path file =
        new Decisions()
            .add("a1", BLOCK)
            .raw("{\"txnId\":\"a2\",\"action\":\"BLOCK\"")
            .raw("[\"a2\",\"BLOCK\"]")
            .raw("{\"action\":\"BLOCK\"}")
            .raw("{\"txnId\":\"a2\",\"action\":\"block\"}")
            .raw("")
            .writeTo(dir.resolve("d.jsonl"));

    Report report = FraudEvaluation.evaluate(List.of(ToolInput.file(file)), smallLabels());

    assertEquals(5, report.rejected().count());
    assertEquals(
        Map.of(
            "not JSON", 1L,
            "not a JSON object", 1L,
            "txnId missing or not a string", 1L,
            "action missing or not APPROVE, REVIEW or BLOCK", 1L,
            "empty line", 1L),
        report.rejected().byReason());
    assertEquals(new Ratio(1, 2), report.alertRecall(1), "a2 has no readable decision");
    assertTrue(report.toMarkdown().contains("**WARNING:** 5 decision lines could not be read."));
  }

  @Test
  void shownRatiosAreTruncatedSoTheyAgreeWithTheVerdict() {
    Ratio justBelow = new Ratio(9499, 10000);
    assertEquals("0.94 (9499/10000)", justBelow.format());
    assertFalse(justBelow.atLeast(new BigDecimal("0.95")));
    assertTrue(new Ratio(95, 100).atLeast(new BigDecimal("0.95")));
    assertEquals("1.99% (1999/100000)", new Ratio(1999, 100000).formatPercent());
    assertTrue(new Ratio(1999, 100000).below(new BigDecimal("0.02")));
    assertFalse(new Ratio(2, 100).below(new BigDecimal("0.02")));
    assertEquals("n/a (0/0)", new Ratio(0, 0).format());
    assertFalse(new Ratio(0, 0).atLeast(BigDecimal.ZERO));
  }

  @Test
  void helpDocumentsEveryArgumentAndTheDecisionFormat() {
    assertEquals(0, evaluate("--help"));
    assertTrue(stdout().contains("--decisions="), stdout());
    assertTrue(stdout().contains("--csv="), stdout());
    assertTrue(stdout().contains("--limit="), stdout());
    assertTrue(stdout().contains("\"action\":\"APPROVE\"|\"REVIEW\"|\"BLOCK\""), stdout());
  }

  @Test
  void badArgumentsSayWhatIsWrongAndReturnTwo() throws Exception {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "TRANSACTION_ID\n");
    Path decisions = new Decisions().add("a1", BLOCK).writeTo(dir.resolve("d.jsonl"));

    assertEquals(2, evaluate("--decisions=" + decisions));
    assertTrue(stderr().contains("Missing required option: '--csv="), stderr());
    assertEquals(2, evaluate("--csv=" + csv));
    assertTrue(stderr().contains("Missing required option: '--decisions="), stderr());
    assertEquals(2, evaluate("--csv=" + csv, "--decisions=" + dir.resolve("missing")));
    assertTrue(stderr().contains("is no file or folder"), stderr());
    assertEquals(2, evaluate("--csv=" + csv, "--decisions=" + dir.resolve("none-*.jsonl")));
    assertTrue(stderr().contains("matches no file"), stderr());
    assertEquals(2, evaluate("--csv=" + csv, "--decisions=" + dir, "--decisons=x"));
    assertTrue(stderr().contains("Unknown option: '--decisons"), stderr());
    assertEquals(2, evaluate("--csv=" + csv, "--decisions=" + decisions));
    assertTrue(stderr().contains("no column TX_DATETIME"), stderr());
  }

  /**
   * "Alert iff amount > 220" over the real file: by SOURCE.md's definition of scenario 1 it catches
   * all of scenario 1 and nothing genuine, which checks the join on txnId and the scenario buckets
   * on real data. Prints the baseline table.
   */
  @Test
  void amountAbove220BaselineCatchesAllOfScenario1OnTheRealData() throws Exception {
    Path csv = HandbookDataset.csv();
    Path decisions = dir.resolve("baseline/decisions.jsonl");
    Files.createDirectories(decisions.getParent());
    BigDecimal threshold = new BigDecimal("220");
    try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        Writer writer = Files.newBufferedWriter(decisions, StandardCharsets.UTF_8)) {
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        String[] row = line.split(",");
        boolean alert = new BigDecimal(row[HandbookDataset.AMOUNT]).compareTo(threshold) > 0;
        ObjectNode node = JSON.createObjectNode();
        node.put("txnId", "hb-" + row[HandbookDataset.ID]);
        node.put("action", alert ? "BLOCK" : "APPROVE");
        node.put("score", alert ? 100 : 0);
        writer.write(node.toString());
        writer.write('\n');
      }
    }

    assertEquals(0, evaluate("--decisions=" + decisions, "--csv=" + csv), stderr());
    Report report =
        FraudEvaluation.evaluate(List.of(ToolInput.file(decisions)), HandbookLabels.read(csv, 0));

    System.out.println(stdout());
    assertEquals(new Ratio(113, 113), report.alertRecall(1));
    assertEquals(new Ratio(113, 113), report.blockRecall(1));
    assertEquals(0, report.alertRecall(2).numerator(), "no compromised-terminal fraud above 220");
    assertEquals(1.0, report.blockPrecision().value(), "every amount above 220 is fraud");
    assertEquals(new Ratio(0, HandbookDataset.ROWS - 934), report.genuineBlock());
    assertEquals(0, report.missing());
    assertEquals(0, report.unknown());
    assertEquals(0, report.duplicates());
    assertEquals(0, report.rejected().count());
    assertEquals(HandbookDataset.ROWS, report.lines());
    assertTrue(
        stdout()
            .contains(
                "| recall, scenario 1 (amount > 220) | 1.00 (113/113) | 1.00 (113/113) |"
                    + " alerts ≥ 0.95: PASS |"),
        stdout());
  }
}
