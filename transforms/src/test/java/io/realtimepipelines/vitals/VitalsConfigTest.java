package io.realtimepipelines.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.VitalMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VitalsConfigTest {

  @Test
  void theJarCarriesRulesVitalsJsonItself() throws Exception {
    Path documented = Path.of("..", "rules", "vitals.json");
    assertEquals(Files.readString(documented), VitalsConfig.defaultsJson());
    VitalsConfig c = VitalsConfig.defaults();
    assertEquals(20, c.rules(VitalMetric.HEART_RATE).plausibleMin);
    assertEquals(List.of(5, 7), c.news2Thresholds);
  }

  @Test
  void aFileOverridesOnlyTheKeysItNames() throws Exception {
    VitalsConfig c =
        VitalsConfig.parse(
            "{\"version\":\"icu-1\",\"metrics\":{\"heart_rate\":{\"maxJump\":25}},\"gaps\":{\"maxFillReadings\":1}}");
    assertEquals("icu-1", c.version);
    assertEquals(25, c.rules(VitalMetric.HEART_RATE).maxJump);
    assertEquals(300, c.rules(VitalMetric.HEART_RATE).plausibleMax);
    assertEquals(1, c.maxFillReadings);
    assertEquals(14_400, c.maxFillSeconds);
  }

  @Test
  void aBadFileIsRejectedWithEveryProblemListed() {
    VitalsConfig.InvalidVitalsConfigException e =
        assertThrows(
            VitalsConfig.InvalidVitalsConfigException.class,
            () ->
                VitalsConfig.parse(
                    "{\"version\":\"\",\"metrics\":{\"spo2\":{\"normalMin\":40},"
                        + "\"pulse\":{}},\"jump\":{\"minReadings\":0},\"news2\":{\"thresholds\":[7,5]},"
                        + "\"gapz\":1}"));
    List<String> p = e.problems();
    assertTrue(
        p.stream().anyMatch(s -> s.contains("'version' must be a non-empty string")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("metrics.spo2.normalMin")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("unknown key 'metrics.pulse'")), p.toString());
    assertTrue(
        p.stream().anyMatch(s -> s.contains("'jump.minReadings' must be a whole number")),
        p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("strictly ascending")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("unknown key 'gapz'")), p.toString());
    assertEquals(6, p.size(), p.toString());
  }

  @Test
  void notJsonIsOneClearProblem() {
    VitalsConfig.InvalidVitalsConfigException e =
        assertThrows(
            VitalsConfig.InvalidVitalsConfigException.class,
            () -> VitalsConfig.parse("{\"version\":"));
    assertTrue(e.problems().get(0).startsWith("not valid JSON"), e.problems().toString());
  }
}
