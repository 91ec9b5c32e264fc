package io.realtimepipelines.pipelines.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.pipelines.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The monitor job over testdata/metrics*.jsonl, on every runner. */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class MonitorJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<JsonNode> output(Path out, String name) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : TestData.outputLines(out.resolve("monitor/" + name))) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  @Test
  void testdataRaisesTheSeededAlertsAndLosesNothing(TestPipeline p, @TempDir Path out)
      throws Exception {
    MonitorJob.Options o = p.getOptions().as(MonitorJob.Options.class);
    o.setInput(TestData.path("metrics.jsonl").getParent().resolve("metrics*.jsonl").toString());
    o.setOutputDir(out.toString());
    o.setKeyShards(4);
    MonitorJob.buildPipeline(p, o, MonitorJob.config(o));
    p.run().waitUntilFinish();

    List<JsonNode> stats = output(out, "stats");
    long windowed = stats.stream().mapToLong(s -> s.get("count").asLong()).sum();
    List<JsonNode> dupes = output(out, "duplicates");
    assertEquals(1, dupes.size(), "the one repeated line");
    // Nothing lost: every line is in a window, a dead letter, a duplicate or late.
    long lines = TestData.lineCount("metrics.jsonl") + TestData.lineCount("metrics-bad.jsonl");
    assertEquals(
        lines,
        windowed + output(out, "dead-letters").size() + dupes.size() + output(out, "late").size());
    Map<String, Integer> codes = new TreeMap<>();
    output(out, "dead-letters")
        .forEach(d -> codes.merge(d.get("errorCode").asText(), 1, Integer::sum));
    assertEquals(
        Map.of(
            "EMPTY_RECORD",
            1,
            "MALFORMED_JSON",
            2,
            "NOT_AN_OBJECT",
            1,
            "MISSING_FIELD",
            1,
            "WRONG_TYPE",
            1,
            "INVALID_VALUE",
            2,
            "TIMESTAMP_OUT_OF_RANGE",
            1),
        codes);

    Map<String, List<String>> changes = new TreeMap<>();
    for (JsonNode a : output(out, "alerts")) {
      changes
          .computeIfAbsent(
              a.get("source").asText()
                  + " "
                  + a.get("metric").asText()
                  + " "
                  + a.get("rule").asText(),
              k -> new ArrayList<>())
          .add(a.get("status").asText());
      assertTrue(a.get("reason").asText().startsWith(a.get("rule").asText()), a.toString());
      assertTrue(a.has("threshold") && a.has("value") && a.has("windowStart"), a.toString());
    }
    for (List<String> c : changes.values()) {
      c.sort(null);
    }
    // Congestion on cell-0002 for 3 hours: the p95 threshold fires and resolves.
    assertEquals(
        List.of("FIRING", "PENDING", "RESOLVED"),
        changes.get("cell-0002 latency_ms latency_p95_high"),
        changes.toString());
    // Throughput on cell-0001 drops to a third for 4 hours: only the adaptive rule sees it.
    assertEquals(
        List.of("FIRING", "PENDING", "RESOLVED"),
        changes.get("cell-0001 throughput_mbps adaptive"),
        changes.toString());
    // A 30-minute error-rate blip: one breaching window, pending then cancelled, never firing.
    assertEquals(
        List.of("CANCELLED", "PENDING"),
        changes.get("cell-0001 error_rate error_rate_high"),
        changes.toString());
  }
}
