package io.realtimepipelines.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** The alert state machine and the adaptive rule, window by window. */
class SeriesDetectorTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  private static MonitorConfig config(String json) throws Exception {
    return MonitorConfig.parse(json);
  }

  /** A window whose every statistic is {@code v}. */
  private static WindowStats window(String metric, int index, double v) {
    Instant start = T0.plus(index * 600_000L);
    return WindowStats.of(
        "cell-1", metric, null, start, start.plus(600_000L), 10, v, v, v, v, v, v, "ON_TIME");
  }

  private static List<String> run(MonitorConfig c, String metric, double... values) {
    SeriesDetector d = new SeriesDetector(c);
    SeriesState s = new SeriesState();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      int at = i;
      d.apply(
          s,
          window(metric, i, values[i]),
          a -> out.add(at + " " + a.getRule() + " " + a.getStatus()));
    }
    return out;
  }

  private static final String STATIC_ONLY =
      "{\"version\":\"t\",\"adaptive\":{\"enabled\":false},"
          + "\"alerts\":{\"pendingWindows\":2,\"resolveWindows\":3}}";

  @Test
  void aBreachFiresOnlyAfterItLastedThePendingWindows() throws Exception {
    assertEquals(
        List.of("1 latency_p95_high PENDING", "2 latency_p95_high FIRING"),
        run(config(STATIC_ONLY), "latency_ms", 10, 300, 300, 300));
  }

  @Test
  void aOneWindowBlipIsPendingThenCancelledNeverFiring() throws Exception {
    assertEquals(
        List.of("1 latency_p95_high PENDING", "2 latency_p95_high CANCELLED"),
        run(config(STATIC_ONLY), "latency_ms", 10, 300, 10, 10));
  }

  @Test
  void aFiringAlertDoesNotFlapOnShortRecoveries() throws Exception {
    // Clear for 2 windows (< resolveWindows 3), breaching again, then clear for 3: one episode.
    assertEquals(
        List.of(
            "0 latency_p95_high PENDING",
            "1 latency_p95_high FIRING",
            "7 latency_p95_high RESOLVED"),
        run(config(STATIC_ONLY), "latency_ms", 300, 300, 10, 10, 300, 10, 10, 10, 10));
  }

  @Test
  void belowLimitsBreachToo() throws Exception {
    assertEquals(
        List.of("0 throughput_low PENDING", "1 throughput_low FIRING"),
        run(config(STATIC_ONLY), "throughput_mbps", 0.5, 0.2, 0.3));
  }

  @Test
  void adaptiveRuleFiresOnALevelShiftAfterItsHistoryAndCarriesTheEvidence() throws Exception {
    MonitorConfig c =
        config(
            "{\"version\":\"t\",\"thresholds\":[],"
                + "\"adaptive\":{\"historyWindows\":6,\"minHistory\":4,\"deviations\":4,"
                + "\"relativeFloor\":0.01},\"alerts\":{\"pendingWindows\":1,\"resolveWindows\":1}}");
    SeriesDetector d = new SeriesDetector(c);
    SeriesState s = new SeriesState();
    List<MetricAlert> out = new ArrayList<>();
    double[] values = {50, 52, 48, 51, 49, 80};
    for (int i = 0; i < values.length; i++) {
      d.apply(s, window("cpu", i, values[i]), out::add);
    }
    assertEquals(1, out.size(), out.toString());
    MetricAlert a = out.get(0);
    assertEquals(AlertStatus.FIRING, a.getStatus());
    assertEquals("adaptive", a.getRule());
    // Baseline: median of 50 52 48 51 49 = 50; MAD = 1; deviation 1.4826; limit 50 + 4 * 1.4826.
    assertEquals(50.0, a.getBaseline(), 1e-9);
    assertEquals(50 + 4 * 1.4826, a.getThreshold(), 1e-9);
    assertEquals(80.0, a.getValue(), 1e-9);
    assertTrue(a.getReason().contains("above"), a.getReason());
  }

  @Test
  void adaptiveRuleWaitsForMinHistory() throws Exception {
    MonitorConfig c =
        config(
            "{\"version\":\"t\",\"thresholds\":[],"
                + "\"adaptive\":{\"historyWindows\":6,\"minHistory\":4},"
                + "\"alerts\":{\"pendingWindows\":1,\"resolveWindows\":1}}");
    assertEquals(List.of(), run(c, "cpu", 50, 50, 50, 90));
  }

  @Test
  void stateSurvivesItsCoder() throws Exception {
    MonitorConfig c = config(STATIC_ONLY);
    SeriesDetector d = new SeriesDetector(c);
    SeriesState s = new SeriesState();
    d.apply(s, window("latency_ms", 0, 300), a -> {});
    s.history.add(4.5);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    new SeriesState.StateCoder().encode(s, bytes);
    SeriesState back =
        new SeriesState.StateCoder().decode(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    List<String> out = new ArrayList<>();
    d.apply(back, window("latency_ms", 1, 300), a -> out.add(a.getStatus().name()));
    assertEquals(List.of("FIRING"), out);
    assertEquals(List.of(4.5), new ArrayList<>(back.history));
  }
}
