package io.realtimepipelines.tools.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.tools.SharedDatasets;
import io.realtimepipelines.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor job over the real NAB series (README's NAB table), on embedded Flink: converted, run
 * with the shipped rules, every sample accounted for, and the evaluation table covering every
 * labelled window. Counts are checked against facts SOURCE.md states. Skipped without the data.
 */
class NabEvaluationIT {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

  private String run(String... args) {
    log.reset();
    int code = Tools.run(args, out, out);
    String text = log.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    return text;
  }

  @Test
  void everyNabSeriesIsScoredAgainstItsLabelledWindows(@TempDir Path dir) {
    Path windows = SharedDatasets.file("nab-telemetry/labels/combined_windows.json", "NAB labels");
    Path nab = windows.getParent().getParent();
    String converted = run("convert-nab", "--dir=" + nab, "--samples=" + dir.resolve("nab.jsonl"));
    // SOURCE.md: 4 x 4,032 + 4,621 + 18,050 + 22,695 + 2,500 rows in 8 series.
    assertTrue(converted.contains("8 series, 63,994 rows: 63,994 samples, 0 rejected"), converted);
    String summary =
        run(
            "monitor",
            "--runner=FlinkRunner",
            "--parallelism=2",
            "--input=" + dir.resolve("nab.jsonl"),
            "--outputDir=" + dir.resolve("out"),
            "--numShards=0",
            "--topAlerts=0");
    assertTrue(summary.contains("read = valid + dead letters + duplicates: ok"), summary);
    assertTrue(summary.contains("valid = in windows + late: ok"), summary);
    // SOURCE.md: machine_temperature repeats one hour (12 timestamps) with other values.
    assertTrue(summary.matches("(?s).*duplicates +12\\b.*"), summary);
    String table =
        run(
            "evaluate-nab",
            "--samples=" + dir.resolve("nab.jsonl"),
            "--alerts=" + dir.resolve("out/monitor/alerts"),
            "--windows=" + windows);
    // SOURCE.md: 2 + 3 + 3 + 2 + 3 + 1 + 4 + 3 = 21 labelled windows.
    assertTrue(table.contains("| **total** | 21 | "), table);
    assertEquals(8 + 3, table.split("\n").length, table);
  }
}
