package io.realtimepipelines.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a user meets it: help, mistakes on the command line, and a real local run. */
class LauncherTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Launcher.run(
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
  void theSummaryListsTheRawCountersOnlyWithVerbose(@TempDir Path dir) {
    String input = TestData.path("transactions.jsonl").toString();
    assertEquals(0, run("fraud", "--input=" + input, "--outputDir=" + dir, "--topAlerts=0"));
    assertTrue(stdout().contains("decisions      APPROVE"), stdout());
    assertFalse(stdout().contains("fraud.decisions.APPROVE"), "no raw counters: " + stdout());
    out.reset();
    assertEquals(
        0, run("fraud", "--input=" + input, "--outputDir=" + dir, "--topAlerts=0", "--verbose"));
    assertTrue(stdout().contains("fraud.decisions.APPROVE"), stdout());
  }

  @Test
  void aCheckpointOfAnOlderBuildGetsTheOptionThatRestoresItInTheHint() {
    // Flink 1.19's message when an old checkpoint has state of a step this build no longer has.
    String flink =
        "IllegalStateException: Failed to rollback to checkpoint/savepoint file:/s/chk-3. Cannot"
            + " map checkpoint/savepoint state for operator c7675dd9541eaa7ea79fa1ac233af252 to"
            + " the new program, because the operator is not available in the new program.";
    assertTrue(Launcher.restoreHint(flink).contains("--allowNonRestoredState=true"));
    assertEquals(null, Launcher.restoreHint("IllegalStateException: broker unreachable"));
  }

  @Test
  void decidingOnArrivalIsRefusedForFilesWithTheReason() {
    String input = TestData.path("transactions.jsonl").toString();
    assertEquals(Launcher.USAGE, run("fraud", "--input=" + input, "--decideOnArrival=true"));
    assertTrue(
        stderr().contains("--decideOnArrival=true decides transactions in the order"), stderr());
    assertTrue(stderr().contains("--source=KAFKA or GENERATOR"), stderr());
  }

  @Test
  void helpListsTheJobsButNoOfflineTool() {
    assertEquals(0, run("--help"));
    assertTrue(stdout().contains("validate"), stdout());
    assertTrue(
        !stdout().contains("convert-") && !stdout().contains("audit-prices"),
        "the tools live in the tools module, not the job jar: " + stdout());
  }

  @Test
  void jobHelpListsItsOptionsWithDefaults() {
    assertEquals(0, run("validate", "--help"));
    assertTrue(stdout().contains("--dedupHorizonSeconds"), stdout());
    assertTrue(stdout().contains("Default: 600"), stdout());
    assertTrue(stdout().contains("--input"), stdout());
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertEquals(Launcher.USAGE, run());
    assertTrue(stderr().contains("usage:"), stderr());
  }

  @Test
  void unknownJobSaysWhichJobsExist() {
    assertEquals(Launcher.USAGE, run("frod"));
    assertTrue(stderr().contains("unknown job 'frod'") && stderr().contains("validate"), stderr());
  }

  @Test
  void misspelledOptionSuggestsTheRightOneWithoutAStackTrace() {
    assertEquals(Launcher.USAGE, run("validate", "--inptu=x.jsonl"));
    assertTrue(stderr().contains("Did you mean 'input'?"), stderr());
    assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
  }

  @Test
  void badEnumValueNamesTheOptionAndListsTheAllowedValues() {
    assertEquals(Launcher.USAGE, run("validate", "--source=PUBSUB"));
    assertTrue(
        stderr()
            .contains(
                "error: --source=PUBSUB: 'PUBSUB' is not an allowed value;"
                    + " allowed: GENERATOR, FILE, KAFKA"),
        stderr());
    assertTrue(stderr().contains("add --verbose"), stderr());
    assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
  }

  @Test
  void verboseAddsTheStackTrace() {
    assertEquals(Launcher.USAGE, run("validate", "--source=PUBSUB", "--verbose"));
    assertTrue(
        stderr().contains("\tat org.apache.beam.sdk.options.PipelineOptionsFactory"), stderr());
  }

  @Test
  void fileSourceWithoutInputSaysHowToFixIt() {
    assertEquals(Launcher.USAGE, run("validate"));
    assertTrue(stderr().contains("--input="), stderr());
  }

  @Test
  void inputMatchingNoFileFailsBeforeTheJobStarts(@TempDir Path dir) {
    assertEquals(Launcher.USAGE, run("validate", "--input=" + dir.resolve("nothing-*.jsonl")));
    assertTrue(stderr().contains("matches no file"), stderr());
  }

  @Test
  void sparkStreamingWithDedupIsRefusedUpFrontWithTheFix() {
    assertEquals(
        Launcher.USAGE,
        run(
            "validate",
            "--runner=SparkRunner",
            "--streaming=true",
            "--input=" + TestData.path("transactions.jsonl")));
    assertTrue(stderr().contains("--dedupHorizonSeconds=0"), stderr());
    assertTrue(stderr().contains("FlinkRunner"), stderr());
  }

  @Test
  void localRunPrintsABalancedSummary(@TempDir Path dir) {
    int code =
        run("validate", "--input=" + TestData.path("transactions*.jsonl"), "--outputDir=" + dir);
    assertEquals(0, code, stderr());
    String s = stdout();
    assertTrue(s.contains("validate DONE"), s);
    assertTrue(s.contains("read = valid + dead letters + duplicates: ok"), s);
    assertTrue(s.contains("MALFORMED_JSON 2"), s);
    long lines =
        TestData.lineCount("transactions.jsonl") + TestData.lineCount("transactions-bad.jsonl");
    assertTrue(s.contains(String.format("%,12d records", lines)), s);
  }
}
