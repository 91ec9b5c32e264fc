package io.realtimepipelines.pipelines.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.TestData;
import io.realtimepipelines.recommend.RecommendConfig;
import io.realtimepipelines.recommend.RecommendModel;
import io.realtimepipelines.recommend.Recommendation;
import io.realtimepipelines.recommend.SessionRecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class RecommendJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A list as text: trigger, then product, score and reason of each item. */
  private static String line(String eventId, List<String> items) {
    return eventId + " " + String.join(" ", items);
  }

  @Test
  void everyTestdataClickEndsSomewhereAndTheListsAreTheReferenceModels(
      TestPipeline p, @TempDir Path out) throws Exception {
    RecommendJob.Options o = p.getOptions().as(RecommendJob.Options.class);
    o.setInput(TestData.path("clickstream.jsonl").toString());
    o.setOutputDir(out.toString());
    o.setKeyShards(8);
    RecommendJob.buildPipeline(p, o, RecommendConfig.defaults());
    p.run().waitUntilFinish();

    List<String> recs = TestData.outputLines(out.resolve("recommend/session-recs"));
    List<String> dead = TestData.outputLines(out.resolve("recommend/dead-letters"));
    List<String> dups = TestData.outputLines(out.resolve("recommend/duplicates"));
    List<String> late = TestData.outputLines(out.resolve("recommend/late"));
    List<ClickEvent> valid = TestData.validEvents(EventType.CLICK, "clickstream.jsonl");
    // Every line: a valid click (applied), a dead letter, a duplicate or late.
    assertEquals(
        TestData.lineCount("clickstream.jsonl"),
        valid.size() + dead.size() + dups.size() + late.size());
    assertEquals(1, dups.size());
    assertEquals(0, late.size());
    Map<String, String> codes = new TreeMap<>();
    for (String d : dead) {
      JsonNode n = JSON.readTree(d);
      codes.put(n.get("errorCode").asText(), n.get("sourcePosition").asText());
    }
    assertEquals(
        List.of("INVALID_VALUE", "MISSING_FIELD", "UNKNOWN_ENUM"),
        new ArrayList<>(codes.keySet()),
        "a negative price, a click without a session, an unknown action");
    assertTrue(
        codes.values().stream().allMatch(pos -> pos.matches(".*clickstream.jsonl:\\d+")),
        codes.toString());

    // One list per valid view or add-to-cart, equal to the reference model's.
    List<String> expected = new ArrayList<>();
    for (SessionRecs r : RecommendModel.run(valid, RecommendConfig.defaults()).getSessionRecs()) {
      List<String> items = new ArrayList<>();
      for (Recommendation x : r.getRecommendations()) {
        items.add(x.getProductId() + "=" + x.getScore() + ":" + x.getReason());
      }
      expected.add(line(r.getEventId(), items));
    }
    List<String> actual = new ArrayList<>();
    JsonNode afterRunningShoes = null;
    for (String l : recs) {
      JsonNode r = JSON.readTree(l);
      List<String> items = new ArrayList<>();
      for (JsonNode x : r.get("recommendations")) {
        items.add(
            x.get("productId").asText()
                + "="
                + x.get("score").asDouble()
                + ":"
                + x.get("reason").asText());
      }
      actual.add(line(r.get("eventId").asText(), items));
      if (r.get("sessionKey").asText().equals("runner-07")
          && r.get("productId").asText().equals("shoe-run-1")) {
        afterRunningShoes = r;
      }
    }
    Collections.sort(expected);
    Collections.sort(actual);
    assertEquals(expected, actual);

    // The story the sample tells: a shopper looking at running shoes is shown socks first, and
    // items of other categories (apparel, accessories) in the same list.
    JsonNode list = afterRunningShoes.get("recommendations");
    assertEquals("socks-run-1", list.get(0).get("productId").asText(), list.toString());
    assertTrue(
        list.toString().contains("sports.apparel")
            && list.toString().contains("sports.accessories"),
        list.toString());
    assertTrue(TestData.outputLines(out.resolve("recommend/item-neighbours")).size() > 10);
  }
}
