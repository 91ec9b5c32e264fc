package io.realtimepipelines.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.model.VitalMetric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The NEWS2 table as the README prints it (RCP 2017, SpO2 scale 1), every band edge. */
class News2Test {

  @ParameterizedTest(name = "{0} {1} scores {2}")
  @CsvSource({
    "resp_rate, 5, 3",
    "resp_rate, 8, 3",
    "resp_rate, 8.5, 1",
    "resp_rate, 9, 1",
    "resp_rate, 11, 1",
    "resp_rate, 12, 0",
    "resp_rate, 20, 0",
    "resp_rate, 21, 2",
    "resp_rate, 24, 2",
    "resp_rate, 25, 3",
    "resp_rate, 40, 3",
    "spo2, 85, 3",
    "spo2, 91, 3",
    "spo2, 92, 2",
    "spo2, 93, 2",
    "spo2, 94, 1",
    "spo2, 95, 1",
    "spo2, 95.5, 0",
    "spo2, 96, 0",
    "spo2, 100, 0",
    "systolic_bp, 70, 3",
    "systolic_bp, 90, 3",
    "systolic_bp, 91, 2",
    "systolic_bp, 100, 2",
    "systolic_bp, 101, 1",
    "systolic_bp, 110, 1",
    "systolic_bp, 111, 0",
    "systolic_bp, 219, 0",
    "systolic_bp, 220, 3",
    "systolic_bp, 250, 3",
    "heart_rate, 35, 3",
    "heart_rate, 40, 3",
    "heart_rate, 41, 1",
    "heart_rate, 50, 1",
    "heart_rate, 51, 0",
    "heart_rate, 90, 0",
    "heart_rate, 90.5, 1",
    "heart_rate, 91, 1",
    "heart_rate, 110, 1",
    "heart_rate, 111, 2",
    "heart_rate, 130, 2",
    "heart_rate, 131, 3",
    "heart_rate, 180, 3",
    "temperature, 34.2, 3",
    "temperature, 35.0, 3",
    "temperature, 35.1, 1",
    "temperature, 36.0, 1",
    "temperature, 36.1, 0",
    "temperature, 38.0, 0",
    "temperature, 38.1, 1",
    "temperature, 39.0, 1",
    "temperature, 39.1, 2",
    "temperature, 41, 2",
  })
  void pointsFollowTheTable(String metric, double value, int points) {
    assertEquals(points, News2.points(VitalMetric.fromWireName(metric), value));
  }

  @ParameterizedTest(name = "score {0}, a 3: {1} -> {2}")
  @CsvSource({
    "0, false, LOW", "4, false, LOW", "3, true, LOW_MEDIUM", "4, true, LOW_MEDIUM",
    "5, false, MEDIUM", "6, true, MEDIUM", "7, false, HIGH", "12, true, HIGH",
  })
  void levelFollowsTheClinicalRiskBands(int score, boolean anyThree, News2Level level) {
    assertEquals(level, News2.level(score, anyThree));
  }
}
