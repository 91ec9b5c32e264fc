package io.realtimepipelines.pipelines.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.TestData;
import io.realtimepipelines.validation.ParseResult;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class ValidateJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ValidateJob.Options options(TestPipeline p, String input, Path out) {
    ValidateJob.Options o = p.getOptions().as(ValidateJob.Options.class);
    o.setInput(input);
    o.setOutputDir(out.toString());
    return o;
  }

  @Test
  void everyTestdataLineEndsInExactlyOneOutputFile(TestPipeline p, @TempDir Path out)
      throws Exception {
    String glob = TestData.path("transactions*.jsonl").toString();
    ValidateJob.Options o = options(p, glob, out);
    ParseResult<Event> parsed = ValidateJob.buildPipeline(p, o);
    PAssert.that(parsed.getDuplicates().apply("CountDuplicates", Count.globally()))
        .containsInAnyOrder(1L);
    p.run().waitUntilFinish();

    long input =
        TestData.lineCount("transactions.jsonl") + TestData.lineCount("transactions-bad.jsonl");
    List<String> valid = TestData.outputLines(out.resolve("validate/valid"));
    List<String> dead = TestData.outputLines(out.resolve("validate/dead-letters"));
    List<String> dups = TestData.outputLines(out.resolve("validate/duplicates"));
    assertEquals(input, valid.size() + dead.size() + dups.size(), "nothing lost, nothing doubled");
    assertEquals(TestData.lineCount("transactions-bad.jsonl"), dead.size());

    Set<String> positions = new HashSet<>();
    for (String line : dead) {
      JsonNode d = JSON.readTree(line);
      String position = d.get("sourcePosition").asText();
      assertTrue(position.contains("transactions-bad.jsonl:"), position);
      assertTrue(positions.add(position), "one dead letter per line: " + position);
      assertEquals("validate", d.get("pipeline").asText());
      assertTrue(d.hasNonNull("errorCode") && d.hasNonNull("message") && d.hasNonNull("stage"));
      assertTrue(d.hasNonNull("processingTime") && d.has("payload"));
    }
    Set<String> ids = new HashSet<>();
    for (String line : valid) {
      assertTrue(ids.add(JSON.readTree(line).get("txnId").asText()), "valid ids are unique");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "CLICK,            clicks.jsonl",
    "INVENTORY,        inventory.jsonl",
    "COMPETITOR_PRICE, competitor_prices.jsonl",
    "VITAL,            vitals.jsonl",
  })
  void everyEventTypeSampleIsValid(EventType type, String file, TestPipeline p, @TempDir Path out) {
    ValidateJob.Options o = options(p, TestData.path(file).toString(), out);
    o.setEventType(type);
    ParseResult<Event> parsed = ValidateJob.buildPipeline(p, o);
    PAssert.that(parsed.getValid().apply("CountValid", Count.globally()))
        .containsInAnyOrder(TestData.lineCount(file));
    PAssert.<DeadLetter>that(parsed.getDeadLetters()).empty();
    p.run().waitUntilFinish();
  }
}
