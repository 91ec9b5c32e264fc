package io.realtimepipelines.tools.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud job over the 201,256 labelled transactions of the Fraud Detection Handbook, with the
 * frauds fed back 7 days late, exactly as the README's quality command runs it (default rules,
 * Flink runner): every target of the fraud issue must hold.
 */
class FraudQualityIT {

  private static int launch(PrintStream out, String... args) {
    return Tools.run(args, out, out);
  }

  @Test
  void defaultRulesMeetTheQualityTargetsOnTheHandbookData(@TempDir Path dir) throws Exception {
    Path csv = HandbookDataset.csv();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    assertEquals(
        0,
        launch(
            out,
            "convert-handbook",
            "--csv=" + csv,
            "--transactions=" + dir.resolve("transactions.jsonl.gz"),
            "--feedback=" + dir.resolve("feedback.jsonl.gz")),
        log.toString(StandardCharsets.UTF_8));
    assertEquals(
        0,
        launch(
            out,
            "fraud",
            "--runner=FlinkRunner",
            "--parallelism=2",
            "--input=" + dir.resolve("transactions.jsonl.gz"),
            "--feedbackInput=" + dir.resolve("feedback.jsonl.gz"),
            "--outputDir=" + dir.resolve("out"),
            "--numShards=0",
            "--topAlerts=0"),
        log.toString(StandardCharsets.UTF_8));

    List<ToolInput.InputFile> decisions =
        ToolInput.match("decisions", dir.resolve("out/fraud/decisions").toString());
    FraudEvaluation.Report report =
        FraudEvaluation.evaluate(decisions, HandbookLabels.read(csv, Long.MAX_VALUE));
    // The two zero-amount rows break the transaction contract: dead letters, not decisions.
    assertEquals(2, report.missing(), "missing decisions");
    assertEquals(0, report.unknown());
    assertEquals(0, report.duplicates());
    for (FraudEvaluation.Target t : report.targets()) {
      assertTrue(t.passed(), t.verdict() + "\n" + log.toString(StandardCharsets.UTF_8));
    }
  }
}
