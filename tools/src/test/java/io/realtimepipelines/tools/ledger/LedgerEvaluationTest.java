package io.realtimepipelines.tools.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions on a generated ledger are scored against its labels, nothing dropped silently. */
class LedgerEvaluationTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int evaluate(String... args) {
    return LedgerEvaluation.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String decision(String txnId, String action) {
    return "{\"txnId\":\"" + txnId + "\",\"action\":\"" + action + "\",\"score\":0}";
  }

  @Test
  void handBuiltDecisionsGiveTheirPrecisionRecallF1AndActionTable() throws IOException {
    Path labels = dir.resolve("labels.csv");
    Files.writeString(
        labels,
        "txnId,isFraud\nf1,1\nf2,1\nf3,1\nf4,1\ng1,0\ng2,0\ng3,0\ng4,0\ng5,0\ng6,0\n",
        StandardCharsets.UTF_8);
    Path decisions = dir.resolve("decisions.jsonl");
    Files.write(
        decisions,
        List.of(
            decision("f1", "BLOCK"),
            decision("f2", "REVIEW"),
            decision("f3", "APPROVE"),
            // f4 has no decision: APPROVE, reported as missing
            decision("g1", "BLOCK"),
            decision("g2", "REVIEW"),
            decision("g3", "REVIEW"),
            decision("g4", "APPROVE"),
            decision("g5", "APPROVE"),
            decision("g6", "APPROVE"),
            decision("g6", "BLOCK"), // a repeat: the first counts
            decision("nobody", "BLOCK"),
            "{not json"),
        StandardCharsets.UTF_8);

    assertEquals(0, evaluate("--decisions=" + decisions, "--labels=" + labels), err.toString());

    String report = out.toString(StandardCharsets.UTF_8);
    // Alerts: fraud f1, f2 of 4; genuine g1, g2, g3. BLOCK: f1 and g1.
    assertTrue(report.contains("| precision | 0.40 (2/5) | 0.50 (1/2) |"), report);
    assertTrue(report.contains("| recall | 0.50 (2/4) | 0.25 (1/4) |"), report);
    assertTrue(report.contains("| F1 | 0.44 (4/9) | 0.33 (2/6) |"), report);
    assertTrue(report.contains("| fraud | 2 | 1 | 1 | 1 |"), report);
    assertTrue(report.contains("| genuine | 3 | 2 | 1 | 0 |"), report);
    assertTrue(report.contains("1 labelled transaction without a decision"), report);
    assertTrue(report.contains("missing decisions (scored as APPROVE): 1 (e.g. f4)"), report);
    assertTrue(report.contains("unknown txnIds (not scored): 1 (e.g. nobody at"), report);
    assertTrue(report.contains("with a different action: 1 (e.g. g6 (APPROVE counted"), report);
    assertTrue(report.contains("1 decision line could not be read."), report);
    assertTrue(report.contains("labels: 10 transactions (fraud 4, genuine 6)"), report);
  }

  @Test
  void theGeneratorsLabelsAreReadAndBlockingExactlyTheFraudScoresOne() throws IOException {
    Path ledger = dir.resolve("ledger.jsonl");
    Path labels = dir.resolve("labels.csv");
    LedgerGenerator.create().withCount(1_000).withSeed(3).write(ledger, labels);
    List<String> decisions = new ArrayList<>();
    for (String row : Files.readAllLines(labels).subList(1, 1_001)) {
      String[] cells = row.split(",");
      decisions.add(decision(cells[0], cells[1].equals("1") ? "BLOCK" : "APPROVE"));
    }
    Path decisionsFile = dir.resolve("decisions.jsonl");
    Files.write(decisionsFile, decisions, StandardCharsets.UTF_8);

    assertEquals(
        0,
        Tools.run(
            new String[] {"evaluate-ledger", "--decisions=" + decisionsFile, "--labels=" + labels},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));

    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("| precision | 1.00 (10/10) | 1.00 (10/10) |"), report);
    assertTrue(report.contains("| genuine | 990 | 0 | 0 | 0 |"), report);
    assertTrue(!report.contains("WARNING"), report);
  }

  @Test
  void aFileThatIsNoLabelsCsvIsAUsageError() throws IOException {
    Path notLabels = dir.resolve("ledger.jsonl");
    Files.writeString(notLabels, decision("t1", "BLOCK") + "\n", StandardCharsets.UTF_8);

    assertEquals(Tools.USAGE, evaluate("--decisions=" + notLabels, "--labels=" + notLabels));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("does not start with the header"),
        err.toString(StandardCharsets.UTF_8));
  }
}
