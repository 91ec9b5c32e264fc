package io.realtimepipelines.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.testing.Testdata;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendConfigTest {

  @Test
  void theShippedDefaultsAreTheRulesFileAndSetEveryKey() throws Exception {
    String file =
        Files.readString(Testdata.dir().resolveSibling("rules").resolve("recommend.json"));
    assertEquals(
        file, RecommendConfig.defaultJson(), "the jar carries rules/recommend.json itself");
    RecommendConfig d = RecommendConfig.defaults();
    JsonNode json = new ObjectMapper().readTree(file);
    assertEquals(json.get("version").asText(), d.version);
    assertEquals(json.at("/session/pairItems").asInt(), d.pairItems);
    assertEquals(json.at("/relations/popularityAlpha").asDouble(), d.popularityAlpha);
    assertEquals(json.at("/blend/recentlyViewedWeight").asDouble(), d.recentlyViewedWeight);
  }

  @Test
  void aPartialFileTakesTheShippedValuesForWhatItLeavesOut() throws Exception {
    RecommendConfig c = RecommendConfig.parse("{\"version\":\"mine\",\"blend\":{\"size\":3}}");
    RecommendConfig d = RecommendConfig.defaults();
    assertEquals("mine", c.version);
    assertEquals(3, c.listSize);
    assertEquals(d.halfLifeHours, c.halfLifeHours);
    assertEquals(d.trendingWeight, c.trendingWeight);
    assertEquals(d.sessionBy, c.sessionBy);
  }

  @Test
  void aBadFileIsRejectedWithEveryProblemListed() {
    RecommendConfig.InvalidRecommendConfigException e =
        assertThrows(
            RecommendConfig.InvalidRecommendConfigException.class,
            () ->
                RecommendConfig.parse(
                    "{\"version\":\"\",\"sesion\":{},"
                        + "\"session\":{\"by\":\"cookie\",\"recentItems\":0},"
                        + "\"weights\":{\"view\":5,\"cart\":3},"
                        + "\"relations\":{\"neighbours\":50,\"candidates\":10,\"popularityAlpha\":2},"
                        + "\"complements\":{\"minAction\":\"view\"},\"blend\":{\"size\":1.5},"
                        + "\"trending\":{\"items\":30,\"priceCandidates\":25,"
                        + "\"priceTolerance\":0,\"priceSimilarity\":-1,\"brandSimilarity\":1001}}"));
    List<String> p = e.problems();
    for (String expected :
        List.of(
            "'version' must be a non-empty string",
            "unknown key 'sesion'",
            "'session.by' must be \"sessionId\" or \"userId\"",
            "'session.recentItems' must be a whole number from 1 to 20",
            "weights must not decrease from view (5) to cart (3)",
            "'relations.candidates' (10) must be at least 'relations.neighbours' (50)",
            "'relations.popularityAlpha' must be a number from 0.0 to 1.0",
            "'complements.minAction' must be",
            "'blend.size' must be a whole number",
            "'trending.priceCandidates' (25) must be at least 'trending.items' (30)",
            "'trending.priceTolerance' must be a number from 0.01",
            "'trending.priceSimilarity' must be a number from 0.0",
            "'trending.brandSimilarity' must be a number from 0.0 to 1000.0")) {
      assertTrue(
          p.stream().anyMatch(x -> x.contains(expected)),
          "missing problem '" + expected + "' in " + p);
    }
  }

  @Test
  void notJsonIsOneClearProblem() {
    RecommendConfig.InvalidRecommendConfigException e =
        assertThrows(
            RecommendConfig.InvalidRecommendConfigException.class,
            () -> RecommendConfig.parse("{\"version\": \"x\","));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).startsWith("not valid JSON"), e.problems().toString());
  }

  @Test
  void aDuplicateKeyIsRejected() {
    assertThrows(
        RecommendConfig.InvalidRecommendConfigException.class,
        () -> RecommendConfig.parse("{\"version\":\"a\",\"version\":\"b\"}"));
  }
}
