package io.realtimepipelines.monitor;

import com.tdunning.math.stats.MergingDigest;
import io.realtimepipelines.model.MetricSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.joda.time.Instant;

/**
 * The monitor job as a one-thread plain-Java pass, written from the definition in {@code
 * docs/monitor.md} (not from the pipeline's classes): the expected output of the pipeline on the
 * same samples, and the baseline of the benchmarks. Assumes nothing is late.
 */
public final class MonitorModel {
  private MonitorModel() {}

  /** Statistics and alerts of a run. */
  public static final class Result {
    public final List<WindowStats> stats = new ArrayList<>();
    public final List<MetricAlert> alerts = new ArrayList<>();
  }

  /** What the job outputs for {@code samples} under {@code config}. */
  public static Result run(List<MetricSample> samples, MonitorConfig config) {
    long size = config.windowMinutes * 60_000L;
    // series -> window start -> values
    Map<String, TreeMap<Long, List<MetricSample>>> series = new TreeMap<>();
    for (MetricSample s : samples) {
      long start = Math.floorDiv(s.getTimestamp().getMillis(), size) * size;
      series
          .computeIfAbsent(s.getSource() + "|" + s.getMetric(), k -> new TreeMap<>())
          .computeIfAbsent(start, k -> new ArrayList<>())
          .add(s);
    }
    Result out = new Result();
    for (TreeMap<Long, List<MetricSample>> windows : series.values()) {
      List<Double> history = new ArrayList<>();
      Map<String, String> phase = new HashMap<>();
      Map<String, Integer> run = new HashMap<>();
      Map<String, Long> since = new HashMap<>();
      for (Map.Entry<Long, List<MetricSample>> e : windows.entrySet()) {
        WindowStats w = stats(e.getValue(), e.getKey(), size, config.compression);
        out.stats.add(w);
        for (MonitorConfig.Threshold t : config.thresholds) {
          if (!t.metric.equals("*") && !t.metric.equals(w.getMetric())) {
            continue;
          }
          double v = t.stat.of(w);
          double limit;
          boolean breach;
          if (t.above != null && v > t.above) {
            breach = true;
            limit = t.above;
          } else if (t.below != null && v < t.below) {
            breach = true;
            limit = t.below;
          } else {
            breach = false;
            limit =
                t.below == null
                    ? t.above
                    : t.above == null
                        ? t.below
                        : Math.abs(v - t.above) <= Math.abs(v - t.below) ? t.above : t.below;
          }
          transition(config, w, t.name, t.stat, v, null, limit, breach, phase, run, since, out);
        }
        boolean watched =
            config.adaptiveEnabled
                && (config.adaptiveMetrics.contains("*")
                    || config.adaptiveMetrics.contains(w.getMetric()));
        if (!watched) {
          continue;
        }
        double x = config.adaptiveStat.of(w);
        if (history.size() >= config.minHistory) {
          double[] recent = history.stream().mapToDouble(d -> d).toArray();
          double med = median(recent);
          double[] abs = Arrays.stream(recent).map(d -> Math.abs(d - med)).toArray();
          double dev =
              Math.max(
                  1.4826 * median(abs),
                  Math.max(config.relativeFloor * Math.abs(med), config.absoluteFloor));
          double hi = med + config.deviations * dev;
          double lo = med - config.deviations * dev;
          boolean up = x > hi && config.direction != MonitorConfig.Direction.DOWN;
          boolean down = x < lo && config.direction != MonitorConfig.Direction.UP;
          transition(
              config,
              w,
              "adaptive",
              config.adaptiveStat,
              x,
              med,
              x >= med ? hi : lo,
              up || down,
              phase,
              run,
              since,
              out);
        }
        history.add(x);
        if (history.size() > config.historyWindows) {
          history.remove(0);
        }
      }
    }
    return out;
  }

  private static void transition(
      MonitorConfig config,
      WindowStats w,
      String rule,
      Stat stat,
      double value,
      Double baseline,
      double limit,
      boolean breach,
      Map<String, String> phase,
      Map<String, Integer> run,
      Map<String, Long> since,
      Result out) {
    String p = phase.getOrDefault(rule, "inactive");
    AlertStatus status = null;
    if (p.equals("inactive") && breach) {
      since.put(rule, w.getWindowStart().getMillis());
      if (config.pendingWindows == 1) {
        phase.put(rule, "firing");
        run.put(rule, 0);
        status = AlertStatus.FIRING;
      } else {
        phase.put(rule, "pending");
        run.put(rule, 1);
        status = AlertStatus.PENDING;
      }
    } else if (p.equals("pending")) {
      if (!breach) {
        phase.put(rule, "inactive");
        status = AlertStatus.CANCELLED;
      } else if (run.merge(rule, 1, Integer::sum) == config.pendingWindows) {
        phase.put(rule, "firing");
        run.put(rule, 0);
        status = AlertStatus.FIRING;
      }
    } else if (p.equals("firing")) {
      if (breach) {
        run.put(rule, 0);
      } else if (run.merge(rule, 1, Integer::sum) == config.resolveWindows) {
        phase.put(rule, "inactive");
        status = AlertStatus.RESOLVED;
      }
    }
    if (status != null) {
      String where =
          w.getMetric()
              + " "
              + stat.wireName()
              + " on "
              + w.getSource()
              + " in "
              + w.getWindowStart()
              + " .. "
              + w.getWindowEnd();
      String reason =
          rule
              + " "
              + status.name().toLowerCase(Locale.ROOT)
              + ": "
              + String.format(
                  Locale.ROOT,
                  "%s %.4g %s the limit %.4g",
                  stat.wireName(),
                  value,
                  value > limit ? "above" : value < limit ? "below" : "at",
                  limit)
              + (baseline == null ? "" : String.format(Locale.ROOT, " (baseline %.4g)", baseline))
              + "; "
              + where;
      out.alerts.add(
          MetricAlert.of(
              w.getSource(),
              w.getMetric(),
              rule,
              status,
              stat.wireName(),
              value,
              baseline,
              limit,
              w.getWindowStart(),
              w.getWindowEnd(),
              new Instant(since.get(rule)),
              config.version,
              reason));
    }
  }

  static WindowStats stats(List<MetricSample> samples, long start, long size, int compression) {
    double[] values = samples.stream().mapToDouble(MetricSample::getValue).sorted().toArray();
    MergingDigest digest = new MergingDigest(compression);
    double sum = 0;
    for (double v : values) {
      digest.add(v);
      sum += v;
    }
    String unit =
        samples.stream()
            .map(MetricSample::getUnit)
            .filter(u -> u != null)
            .sorted()
            .findFirst()
            .orElse(null);
    MetricSample first = samples.get(0);
    return WindowStats.of(
        first.getSource(),
        first.getMetric(),
        unit,
        new Instant(start),
        new Instant(start + size),
        values.length,
        sum / values.length,
        values[0],
        values[values.length - 1],
        digest.quantile(0.5),
        digest.quantile(0.95),
        digest.quantile(0.99),
        "ON_TIME");
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
