package io.realtimepipelines.pipelines.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.pipelines.Launcher;
import io.realtimepipelines.pipelines.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rtp vitals} as a user runs it: help, mistakes, and the summary of a local run. */
class VitalsCommandLineTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

  private int run(String... args) {
    return Launcher.run(args, out, out);
  }

  private String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpDocumentsTheOptions() {
    assertEquals(0, run("vitals", "--help"));
    for (String option :
        new String[] {
          "--vitalsConfig",
          "--pseudonymKeyEnv",
          "--pseudonymKeyFile",
          "--allowedLatenessSeconds",
          "--topAlerts",
          "--input",
          "--sink"
        }) {
      assertTrue(log().contains(option), option + " in\n" + log());
    }
  }

  @Test
  void aBadRulesFileStopsTheJobWithEveryProblem(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, "{\"jump\":{\"minReadings\":0},\"news2\":{\"maxAgeMinutes\":-1}}");
    assertEquals(
        Launcher.USAGE,
        run("vitals", "--input=" + TestData.path("vitals.jsonl"), "--vitalsConfig=" + rules));
    assertTrue(log().contains("jump.minReadings") && log().contains("news2.maxAgeMinutes"), log());
  }

  @Test
  void aMissingKeyIsNamedNeverShown() {
    assertEquals(
        Launcher.USAGE,
        run(
            "vitals",
            "--input=" + TestData.path("vitals.jsonl"),
            "--pseudonymKeyEnv=RTP_TEST_KEY_THAT_IS_NOT_SET"));
    assertTrue(
        log().contains("environment variable RTP_TEST_KEY_THAT_IS_NOT_SET is not set"), log());
  }

  @Test
  void aLocalRunPrintsAccountingQualityReviewReasonsAndAlertsWithoutPatientIds(@TempDir Path dir) {
    int code =
        run(
            "vitals",
            "--input=" + TestData.path("vitals.jsonl").getParent().resolve("vitals*.jsonl"),
            "--outputDir=" + dir,
            "--keyShards=4");
    String summary = log();
    assertEquals(0, code, summary);
    assertTrue(summary.contains("read = valid + dead letters + duplicates: ok"), summary);
    assertTrue(summary.contains("valid = accepted + review + late: ok"), summary);
    assertTrue(summary.contains("quality per patient"), summary);
    assertTrue(summary.contains("FLAT_LINE 3"), summary);
    assertTrue(summary.contains("alerts; first"), summary);
    assertFalse(summary.contains("patient-0"), "patient ids never in the log:\n" + summary);
  }
}
