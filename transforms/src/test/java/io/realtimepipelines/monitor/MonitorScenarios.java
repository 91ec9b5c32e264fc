package io.realtimepipelines.monitor;

import io.realtimepipelines.model.MetricSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joda.time.Instant;

/** Generated telemetry with injected incidents, for the model-equality tests. */
final class MonitorScenarios {
  static final Instant START = Instant.parse("2026-11-23T00:00:00Z");

  private MonitorScenarios() {}

  /** A test config: 10-minute windows, short history, pending 2, resolve 2. */
  static MonitorConfig config() {
    try {
      return MonitorConfig.parse(
          "{\"version\":\"test-1\",\"window\":{\"minutes\":10},"
              + "\"adaptive\":{\"historyWindows\":12,\"minHistory\":6,\"deviations\":5},"
              + "\"alerts\":{\"pendingWindows\":2,\"resolveWindows\":2}}");
    } catch (MonitorConfig.InvalidMonitorConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code sources} cells with latency_ms and cpu one sample a minute for {@code hours} hours;
   * cell-1's latency spikes for 40 minutes from hour 3, cell-2's cpu shifts up from hour 4 for an
   * hour, and cell-0's latency has one outlier window that lasts only 10 minutes.
   */
  static List<MetricSample> generate(long seed, int sources, int hours) {
    Random rnd = new Random(seed);
    List<MetricSample> out = new ArrayList<>();
    for (int m = 0; m < hours * 60; m++) {
      Instant t = START.plus(m * 60_000L + rnd.nextInt(59_000));
      for (int c = 0; c < sources; c++) {
        String cell = "cell-" + c;
        double latency = 40 + 10 * rnd.nextGaussian();
        if (c == 1 && m >= 180 && m < 220) {
          latency += 400;
        }
        if (c == 0 && m >= 150 && m < 160) {
          latency += 300;
        }
        double cpu = 30 + 3 * rnd.nextGaussian();
        if (c == 2 && m >= 240 && m < 300) {
          cpu += 45;
        }
        out.add(MetricSample.of(cell, "latency_ms", Math.max(1, latency), "ms", t));
        out.add(MetricSample.of(cell, "cpu", Math.min(100, Math.max(0, cpu)), "%", t));
      }
    }
    return out;
  }
}
