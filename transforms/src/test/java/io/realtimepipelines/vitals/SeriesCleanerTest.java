package io.realtimepipelines.vitals;

import static io.realtimepipelines.vitals.VitalsFixtures.fahrenheit;
import static io.realtimepipelines.vitals.VitalsFixtures.reading;
import static io.realtimepipelines.vitals.VitalsFixtures.sec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.VitalMetric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each check of the README's "vitals" rules on one series, with the default rules. */
class SeriesCleanerTest {
  private final VitalsConfig config = VitalsConfig.defaults();
  private final SeriesCleaner cleaner = new SeriesCleaner(config, "vitals", "test");
  private final SeriesState state = new SeriesState();
  private final List<SeriesOutput> out = new ArrayList<>();

  /** Feeds the readings of one instant, then its sentinel. */
  private void instant(VitalReading... readings) {
    for (VitalReading r : readings) {
      cleaner.apply(state, r, out::add);
    }
    cleaner.apply(state, readings[0].sentinel(), out::add);
  }

  private void every30s(String device, VitalMetric metric, double... values) {
    for (int i = 0; i < values.length; i++) {
      instant(reading(device, metric, values[i], 30L * i));
    }
  }

  private List<ReviewedVital> reviews() {
    List<ReviewedVital> r = new ArrayList<>();
    out.forEach(
        o -> {
          if (o.review != null) r.add(o.review);
        });
    return r;
  }

  private List<CleanedVital> cleaned() {
    List<CleanedVital> r = new ArrayList<>();
    out.forEach(
        o -> {
          if (o.cleaned != null) r.add(o.cleaned);
        });
    return r;
  }

  @ParameterizedTest(name = "{0} {1}: implausible {2}")
  @CsvSource({
    "heart_rate, 19.9, true",
    "heart_rate, 20, false",
    "heart_rate, 300, false",
    "heart_rate, 300.1, true",
    "spo2, 49, true",
    "spo2, 100, false",
    "spo2, 100.5, true",
    "temperature, 24.9, true",
    "temperature, 45, false",
    "resp_rate, 1, true",
    "systolic_bp, 301, true",
    "diastolic_bp, 287, true",
    "diastolic_bp, 80, false",
  })
  void implausibleOutsideThePhysiologicalLimits(String metric, double value, boolean implausible) {
    ReviewedVital r =
        cleaner.implausible(reading("mon", VitalMetric.fromWireName(metric), value, 0));
    if (implausible) {
      assertEquals(ReviewReason.IMPLAUSIBLE, r.getReason());
      assertEquals(List.of("validated", "review:implausible"), r.getProvenance().getSteps());
    } else {
      assertNull(r);
    }
  }

  @Test
  void fahrenheitIsConvertedWithTheOriginalInTheProvenance() {
    VitalReading r = VitalReading.of(fahrenheit("p1", "therm", 100.4, sec(0)), false);
    assertEquals(38.0, r.value);
    instant(r);
    CleanedVital c = cleaned().get(0);
    assertEquals(38.0, c.getValue());
    assertEquals("celsius", c.getUnit());
    assertEquals(100.4, c.getProvenance().getOriginalValue());
    assertEquals("fahrenheit", c.getProvenance().getOriginalUnit());
    assertEquals("unit_converted:fahrenheit->celsius", c.getProvenance().getSteps().get(1));
  }

  @Test
  void readingsOfOneInstantBeyondTheToleranceAllGoToReview() {
    instant(
        reading("mon", VitalMetric.HEART_RATE, 72, 0),
        reading("watch", VitalMetric.HEART_RATE, 78, 0));
    assertEquals(2, reviews().size());
    reviews().forEach(r -> assertEquals(ReviewReason.CONFLICT, r.getReason()));
    assertTrue(
        reviews().get(0).getDetail().contains("range from 72 to 78 bpm; tolerance 5"),
        reviews().get(0).getDetail());
    out.clear();
    instant(
        reading("mon", VitalMetric.HEART_RATE, 72, 30),
        reading("watch", VitalMetric.HEART_RATE, 77, 30));
    assertEquals(0, reviews().size(), "a range of exactly the tolerance is no conflict");
    assertEquals(2, cleaned().size());
  }

  @Test
  void aSpikeAgainstTheRollingMedianIsAJumpAndLeavesAHoleThatIsFilled() {
    every30s("mon", VitalMetric.HEART_RATE, 64, 73.6, 67.9, 75.6, 65.1, 168, 70);
    ReviewedVital spike = reviews().get(0);
    assertEquals(ReviewReason.JUMP, spike.getReason());
    assertEquals(168, spike.getValue());
    // median of 64, 73.6, 67.9, 75.6, 65.1 is 67.9: 100.1 away, limit 40
    assertTrue(
        spike.getDetail().contains("is 100.1 from the rolling median 67.9 of the device's last 5"),
        spike.getDetail());
    List<CleanedVital> c = cleaned();
    // 6 measured accepted + 1 imputed at 150 s between 65.1 (120 s) and 70 (180 s)
    assertEquals(7, c.size());
    CleanedVital filled = c.get(5);
    assertTrue(filled.getImputed());
    assertEquals(sec(150), filled.getTimestamp());
    assertEquals(67.55, filled.getValue());
    assertEquals("linear", filled.getMethod());
    assertEquals(
        List.of("test:mon@120", "test:mon@180"), filled.getProvenance().getSourcePositions());
    assertEquals(
        List.of("imputed:linear", "gap_checked:cadence=30s"), filled.getProvenance().getSteps());
  }

  @Test
  void jumpNeedsThreeReadingsInTheWindow() {
    every30s("mon", VitalMetric.HEART_RATE, 64, 66, 150);
    assertEquals(0, reviews().size(), "two readings are not enough for a median");
  }

  @Test
  void aStuckSensorIsAFlatLineFromItsTenthReadingOverTwoMinutes() {
    double[] values = new double[13];
    java.util.Arrays.fill(values, 97);
    every30s("mon", VitalMetric.SPO2, values);
    List<ReviewedVital> r = reviews();
    assertEquals(4, r.size(), "readings 10 to 13 of the run");
    r.forEach(x -> assertEquals(ReviewReason.FLAT_LINE, x.getReason()));
    assertEquals(sec(270), r.get(0).getTimestamp());
    assertEquals(9, cleaned().size());
  }

  @Test
  void aFlatLineNeedsReadingsAtMostTwoMinutesApart() {
    for (int i = 0; i < 12; i++) {
      instant(reading("mon", VitalMetric.SPO2, 97, 150L * i));
    }
    assertEquals(0, reviews().size());
  }

  @Test
  void shortGapsAreInterpolatedLongOnesReportedAtTheLearnedCadence() {
    // cadence learned from three 30 s intervals; then 2 missing (90 s), then 9 missing (300 s)
    for (long s : new long[] {0, 30, 60, 90, 180, 480}) {
      instant(reading("mon", VitalMetric.RESP_RATE, 16 + s / 90.0, s));
    }
    List<CleanedVital> imputed = cleaned().stream().filter(CleanedVital::getImputed).toList();
    assertEquals(2, imputed.size());
    assertEquals(sec(120), imputed.get(0).getTimestamp());
    assertEquals(sec(150), imputed.get(1).getTimestamp());
    List<VitalGap> gaps = new ArrayList<>();
    out.forEach(
        o -> {
          if (o.gap != null) gaps.add(o.gap);
        });
    assertEquals(1, gaps.size());
    VitalGap g = gaps.get(0);
    assertEquals(sec(180), g.getStart());
    assertEquals(sec(480), g.getEnd());
    assertEquals(300.0, g.getLengthSeconds());
    assertEquals(9, g.getMissingReadings());
    assertEquals(30.0, g.getCadenceSeconds());
  }

  @Test
  void missingReadingsAreRoundedToTheNearestCadenceAndSpreadEvenly() {
    // 80 s at a 30 s cadence: round(2.67) - 1 = 2 missing, at 90 + 80/3 and 90 + 160/3 s
    for (long s : new long[] {0, 30, 60, 90, 170}) {
      instant(reading("mon", VitalMetric.RESP_RATE, 16, s));
    }
    List<CleanedVital> imputed = cleaned().stream().filter(CleanedVital::getImputed).toList();
    assertEquals(2, imputed.size());
    assertEquals(VitalsFixtures.T0.plus(116_666), imputed.get(0).getTimestamp());
    assertEquals(VitalsFixtures.T0.plus(143_333), imputed.get(1).getTimestamp());
  }

  @Test
  void noGapIsJudgedBeforeTheCadenceIsKnown() {
    for (long s : new long[] {0, 30, 300}) {
      instant(reading("mon", VitalMetric.RESP_RATE, 16, s));
    }
    assertEquals(0, out.stream().filter(o -> o.gap != null).count());
    assertEquals("gap_checked:cadence_unknown", cleaned().get(2).getProvenance().getSteps().get(5));
  }

  @Test
  void abnormalButPlausibleStaysInTheSeriesFlagged() {
    every30s("mon", VitalMetric.HEART_RATE, 150);
    CleanedVital c = cleaned().get(0);
    assertEquals(List.of("abnormal_high"), c.getFlags());
    assertEquals(
        "flagged:abnormal_high",
        c.getProvenance().getSteps().get(c.getProvenance().getSteps().size() - 1));
  }

  @Test
  void stateSurvivesItsCoder() throws Exception {
    every30s("mon", VitalMetric.HEART_RATE, 64, 73.6, 67.9);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    SeriesState.coder().encode(state, bytes);
    SeriesState copy =
        SeriesState.coder().decode(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
    SeriesState.coder().encode(copy, again);
    assertTrue(java.util.Arrays.equals(bytes.toByteArray(), again.toByteArray()));
    assertEquals(SeriesState.FORMAT, bytes.toByteArray()[0]);
  }
}
