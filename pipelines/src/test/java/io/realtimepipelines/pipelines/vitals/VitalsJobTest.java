package io.realtimepipelines.pipelines.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** The vitals job over testdata/vitals*.jsonl, on every runner. */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class VitalsJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static VitalsJob.Options options(TestPipeline p, Path out) {
    VitalsJob.Options o = p.getOptions().as(VitalsJob.Options.class);
    o.setInput(TestData.path("vitals.jsonl").getParent().resolve("vitals*.jsonl").toString());
    o.setOutputDir(out.toString());
    o.setKeyShards(4);
    return o;
  }

  static List<JsonNode> output(Path out, String name) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : TestData.outputLines(out.resolve("vitals/" + name))) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  @Test
  void testdataHasEveryReviewReasonGapsImputedValuesAndAlertsAndNothingIsLost(
      TestPipeline p, @TempDir Path out) throws Exception {
    VitalsJob.Options o = options(p, out);
    VitalsJob.buildPipeline(p, o, VitalsJob.config(o), null);
    p.run().waitUntilFinish();

    Map<String, Integer> reasons = new TreeMap<>();
    output(out, "review").forEach(r -> reasons.merge(r.get("reason").asText(), 1, Integer::sum));
    assertEquals(Map.of("CONFLICT", 2, "FLAT_LINE", 3, "IMPLAUSIBLE", 2, "JUMP", 1), reasons);
    List<JsonNode> cleaned = output(out, "cleaned");
    long imputed = cleaned.stream().filter(c -> c.get("imputed").asBoolean()).count();
    long measured = cleaned.size() - imputed;
    assertEquals(3, imputed, "one hole left by the spike, a short gap of two readings");
    long valid = TestData.lineCount("vitals.jsonl");
    assertEquals(valid, measured + 8 + output(out, "late").size(), "nothing lost");
    assertEquals(3, output(out, "dead-letters").size());
    List<JsonNode> gaps = output(out, "gaps");
    assertEquals(1, gaps.size());
    assertEquals(210.0, gaps.get(0).get("lengthSeconds").asDouble());
    assertEquals(6, gaps.get(0).get("missingReadings").asInt());

    JsonNode temperature =
        cleaned.stream()
            .filter(c -> c.get("metric").asText().equals("temperature"))
            .findFirst()
            .orElseThrow();
    assertEquals("celsius", temperature.get("unit").asText());
    assertEquals(37.0, temperature.get("value").asDouble());
    assertEquals("fahrenheit", temperature.get("provenance").get("originalUnit").asText());
    for (JsonNode c : cleaned) {
      JsonNode prov = c.get("provenance");
      assertTrue(
          prov.get("sourcePositions").get(0).asText().contains("vitals.jsonl:"), c.toString());
      assertEquals(VitalsConfigVersion.SHIPPED, prov.get("configVersion").asText());
      assertEquals("vitals", prov.get("pipeline").asText());
    }

    List<JsonNode> alerts = output(out, "alerts");
    assertTrue(
        alerts.stream()
            .anyMatch(
                a ->
                    a.get("patientId").asText().equals("patient-00")
                        && a.get("score").asInt() >= 5),
        alerts.toString());
    assertFalse(output(out, "news2").isEmpty());
    List<JsonNode> quality = output(out, "quality");
    assertTrue(
        quality.stream()
            .anyMatch(
                q ->
                    q.get("deviceId").asText().equals("*")
                        && q.get("patientId").asText().equals("patient-00")
                        && q.get("gaps").asInt() == 1),
        quality.toString());
  }
}
