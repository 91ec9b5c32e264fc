package io.realtimepipelines.tools.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.tools.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vitals job over the two real data sets (README's real-data tables), on embedded Flink:
 * converted, run with the shipped rules, every reading accounted for, and the tables checked
 * against facts their SOURCE.md states (row counts, patients, septic patients, the longest gap).
 */
class VitalsQualityIT {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

  private String run(String... args) {
    log.reset();
    int code = Tools.run(args, out, out);
    String text = log.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    return text;
  }

  private String vitals(Path readings, Path outDir) {
    String summary =
        run(
            "vitals",
            "--runner=FlinkRunner",
            "--parallelism=2",
            "--input=" + readings,
            "--outputDir=" + outDir,
            "--numShards=0",
            "--topAlerts=0");
    assertTrue(summary.contains("read = valid + dead letters + duplicates: ok"), summary);
    assertTrue(summary.contains("valid = accepted + review + late: ok"), summary);
    return summary;
  }

  @Test
  void fitbitHeartRateGapsAreFoundAndShortOnesFilled(@TempDir Path dir) {
    Path data =
        VitalsDatasets.find(
            VitalsDatasets.FITBIT, "heartrate_seconds_user2022484408_2016-04-01_to_04-03.csv");
    String converted =
        run("convert-fitbit", "--dir=" + data, "--readings=" + dir.resolve("hr.jsonl.gz"));
    // SOURCE.md: 8,418 + 17,666 rows.
    assertTrue(converted.contains("26,084 rows: 26,084 readings, 0 rejected"), converted);
    vitals(dir.resolve("hr.jsonl.gz"), dir.resolve("out"));
    String table = run("evaluate-vitals", "--output=" + dir.resolve("out/vitals"));
    assertTrue(table.contains("| readings | 26,084 "), table);
    // SOURCE.md: 7 + 10 steps longer than 60 s at a 5 s cadence, the longest 13.1 h: all gaps.
    int gaps =
        Integer.parseInt(
            table
                .replaceAll("(?s).*\\| gaps too long to fill \\| ([0-9,]+),.*", "$1")
                .replace(",", ""));
    assertTrue(gaps >= 17, table);
    assertTrue(table.contains("max 13.1 h"), table);
    assertTrue(!table.contains("| points imputed | 0 "), table);
  }

  @Test
  void icuSepsisAlertTableCoversEveryPatient(@TempDir Path dir) {
    Path data =
        VitalsDatasets.find(VitalsDatasets.SEPSIS, "physionet_sepsis_setA_first_300_patients.csv");
    String converted =
        run(
            "convert-sepsis",
            "--csv=" + data.resolve("physionet_sepsis_setA_first_300_patients.csv"),
            "--readings=" + dir.resolve("icu.jsonl.gz"),
            "--labels=" + dir.resolve("labels.jsonl"));
    // SOURCE.md: 11,425 rows, 300 patients, 29 septic.
    assertTrue(converted.contains("11,425 rows of 300 patients (29 septic)"), converted);
    String summary = vitals(dir.resolve("icu.jsonl.gz"), dir.resolve("out"));
    // SOURCE.md: DBP 287 and O2Sat 39 are recorded; both are outside the physiological limits.
    assertTrue(summary.contains("IMPLAUSIBLE 2"), summary);
    String table =
        run(
            "evaluate-vitals",
            "--output=" + dir.resolve("out/vitals"),
            "--labels=" + dir.resolve("labels.jsonl"));
    assertTrue(table.matches("(?s).*\\| septic \\| 29 \\| .*"), table);
    assertTrue(table.matches("(?s).*\\| non-septic \\| 271 \\| .*"), table);
    assertTrue(!table.contains("without a label"), table);
  }
}
