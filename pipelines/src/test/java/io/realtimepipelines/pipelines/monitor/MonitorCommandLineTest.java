package io.realtimepipelines.pipelines.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** {@code rtp monitor} as a user runs it: help and mistakes, stopped before anything runs. */
class MonitorCommandLineTest {
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
    assertEquals(0, run("monitor", "--help"));
    for (String option :
        new String[] {
          "--monitorConfig",
          "--allowedLatenessSeconds",
          "--topAlerts",
          "--redisServing",
          "--input",
          "--sink"
        }) {
      assertTrue(log().contains(option), option + " in\n" + log());
    }
  }

  @Test
  void aBadRulesFileStopsTheJobWithEveryProblem(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("monitor.json");
    Files.writeString(rules, "{\"window\":{\"minutes\":0},\"alerts\":{\"resolveWindows\":-1}}");
    assertEquals(
        Launcher.USAGE,
        run("monitor", "--input=" + TestData.path("metrics.jsonl"), "--monitorConfig=" + rules));
    assertTrue(log().contains("window.minutes") && log().contains("alerts.resolveWindows"), log());
  }

  @Test
  void itReadsOnlyMetricSamplesSoItHasNoEventTypeOption() {
    assertEquals(
        Launcher.USAGE,
        run("monitor", "--input=" + TestData.path("metrics.jsonl"), "--eventType=CLICK"));
    assertTrue(
        log().contains("monitor has no option --eventType (an option of validate, generate)"),
        log());
    log.reset();
    assertEquals(0, run("monitor", "--help"));
    assertTrue(!log().contains("--eventType"), "monitor --help lists no --eventType: " + log());
  }

  @Test
  void theGeneratorFeedsItSyntheticCellsWithLatencySpikes() {
    assertEquals(
        0, run("monitor", "--source=GENERATOR", "--count=2000", "--sink=STDOUT", "--topAlerts=0"));
    assertTrue(log().contains("accounting     valid = in windows + late: ok"), log());
    assertTrue(log().matches("(?s).*metric read +2,000 records.*"), log());
  }
}
