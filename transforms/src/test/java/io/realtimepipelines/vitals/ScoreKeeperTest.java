package io.realtimepipelines.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realtimepipelines.model.VitalMetric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NEWS2 per patient: once per instant, missing parameters stated, alerts on upward crossings. */
class ScoreKeeperTest {
  private final ScoreKeeper keeper = new ScoreKeeper(VitalsConfig.defaults());
  private final ScoreState state = new ScoreState();
  private final List<News2Score> scores = new ArrayList<>();
  private final List<VitalAlert> alerts = new ArrayList<>();
  private final ScoreKeeper.Sink sink =
      new ScoreKeeper.Sink() {
        @Override
        public void score(News2Score s) {
          scores.add(s);
        }

        @Override
        public void alert(VitalAlert a) {
          alerts.add(a);
        }
      };

  private void at(long minute, Object... metricValuePairs) {
    ParameterValue last = null;
    for (int i = 0; i < metricValuePairs.length; i += 2) {
      last =
          new ParameterValue(
              "p1",
              (VitalMetric) metricValuePairs[i],
              ((Number) metricValuePairs[i + 1]).doubleValue(),
              minute * 60_000L,
              false);
      keeper.apply(state, last, sink);
    }
    keeper.apply(state, last.sentinel(), sink);
  }

  @Test
  void missingParametersAreListedNotScored() {
    at(0, VitalMetric.HEART_RATE, 95);
    News2Score s = scores.get(0);
    assertEquals(1, s.getScore());
    assertEquals(
        List.of(
            "resp_rate", "spo2", "systolic_bp", "temperature", "air_or_oxygen", "consciousness"),
        s.getMissing());
    assertEquals(1, s.getParts().size());
  }

  @Test
  void oneScorePerInstantSoAPartialInstantNeverAlerts() {
    at(
        0,
        VitalMetric.RESP_RATE,
        25,
        VitalMetric.SPO2,
        95,
        VitalMetric.SYSTOLIC_BP,
        120,
        VitalMetric.HEART_RATE,
        80,
        VitalMetric.TEMPERATURE,
        37);
    assertEquals(1, scores.size());
    assertEquals(4, scores.get(0).getScore());
    assertEquals(News2Level.LOW_MEDIUM, scores.get(0).getLevel());
    assertEquals(List.of("resp_rate scored 3 (25 breaths/min)"), alerts.get(0).getTriggers());
    assertNull(alerts.get(0).getPreviousScore());
  }

  @Test
  void crossingAThresholdUpwardsAlertsOnceUntilTheScoreFallsBelowIt() {
    at(0, VitalMetric.HEART_RATE, 95, VitalMetric.RESP_RATE, 22); // 1 + 2 = 3
    at(1, VitalMetric.HEART_RATE, 115); // 2 + 2 = 4
    at(2, VitalMetric.SPO2, 94); // + 1 = 5: crosses 5
    at(3, VitalMetric.SPO2, 93); // 6: no new crossing
    at(4, VitalMetric.SPO2, 97); // 4: below again
    at(5, VitalMetric.TEMPERATURE, 39.5, VitalMetric.SPO2, 92); // 4 + 2 + 2 = 8: crosses 5 and 7
    assertEquals(2, alerts.size());
    assertEquals(List.of("score 5 reached threshold 5"), alerts.get(0).getTriggers());
    assertEquals(Integer.valueOf(4), alerts.get(0).getPreviousScore());
    assertEquals(
        List.of("score 8 reached threshold 5", "score 8 reached threshold 7"),
        alerts.get(1).getTriggers());
    assertEquals(News2Level.HIGH, alerts.get(1).getLevel());
    assertEquals(4, alerts.get(1).getContributions().size());
  }

  @Test
  void aScoreIsEmittedOnlyWhenItOrItsPartsChange() {
    at(0, VitalMetric.HEART_RATE, 70);
    at(1, VitalMetric.HEART_RATE, 72);
    at(2, VitalMetric.HEART_RATE, 95);
    assertEquals(2, scores.size());
  }

  @Test
  void aValueOlderThanMaxAgeIsMissing() {
    at(0, VitalMetric.HEART_RATE, 70, VitalMetric.SPO2, 97);
    at(361, VitalMetric.HEART_RATE, 70);
    News2Score last = scores.get(scores.size() - 1);
    assertEquals(
        List.of(
            "resp_rate", "spo2", "systolic_bp", "temperature", "air_or_oxygen", "consciousness"),
        last.getMissing());
  }
}
