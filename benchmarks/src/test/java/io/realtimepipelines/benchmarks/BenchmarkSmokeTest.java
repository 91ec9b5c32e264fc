package io.realtimepipelines.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end on a tiny input: generate with the bundled jar, the baseline, one fraud
 * run on the Direct runner, then the report files. Checks that the numbers are there and sane,
 * never how fast anything was. Needs the bundled jar, which {@code mvn verify} builds before this
 * module; skipped (not failed) without it.
 */
class BenchmarkSmokeTest {
  private static final long EVENTS = 200;

  @Test
  void tinyFraudRunOnDirectWritesABalancedReport(@TempDir Path tmp) throws Exception {
    Path jar =
        Path.of(System.getProperty("bundledJar", "../pipelines/target/pipelines-bundled.jar"));
    // mvn verify packages pipelines before this module's tests; a run without it is a mistake to
    // report, not a reason to pass quietly.
    assertTrue(
        Files.isRegularFile(jar),
        "no bundled jar at "
            + jar.toAbsolutePath()
            + ": run mvn verify (or mvn package -pl pipelines -am) first");
    Path repo = Path.of(System.getProperty("repoRoot", ".."));
    Path out = tmp.resolve("results");
    Benchmark.Settings settings =
        Benchmark.Settings.parse(
            new String[] {
              "--events=" + EVENTS,
              "--runs=1",
              "--jobs=fraud",
              "--runners=direct",
              "--heap=1g",
              "--out=" + out,
              "--work=" + tmp.resolve("work"),
              "--jar=" + jar,
              "--repo=" + repo
            });

    List<Cell> cells = new Benchmark(settings, System.out).run();

    assertEquals(2, cells.size(), "baseline and Direct");
    for (Cell c : cells) {
      assertTrue(c.ok(), c.label() + " failed: " + c.failure());
      assertTrue(c.medianEventsPerSecond() > 0, c.label() + " events/s");
      assertTrue(c.medianCpuSecondsPerMillion() > 0, c.label() + " CPU");
      assertTrue(c.peakRssBytes() > 0, c.label() + " peak RSS");
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertTrue(json.get("machine").get("cores").asInt() > 0);
    JsonNode rows = json.get("throughput").get("cells");
    assertEquals(2, rows.size());
    for (JsonNode row : rows) {
      assertEquals(EVENTS, row.get("events").asLong());
      assertTrue(row.get("ok").asBoolean(), row.toString());
      assertTrue(row.get("medianEventsPerSecond").asDouble() > 0, row.toString());
      assertTrue(row.get("ratioToBaseline").asDouble() > 0, row.toString());
    }
    String md = Files.readString(out.resolve("results.md"));
    assertTrue(md.contains("| fraud | Direct | 200 |"), md);
    assertTrue(md.contains("| fraud | plain Java (1 thread) | 200 |"), md);
    try (InputStream png = Files.newInputStream(out.resolve("throughput.png"))) {
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, png.readNBytes(4));
    }
  }
}
