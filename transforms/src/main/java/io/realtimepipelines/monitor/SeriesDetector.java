package io.realtimepipelines.monitor;

import io.realtimepipelines.monitor.SeriesState.Phase;
import io.realtimepipelines.monitor.SeriesState.RuleState;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Evaluates one series' windows, in window order, against the static thresholds and the adaptive
 * detector, and moves each rule's alert through PENDING, FIRING and RESOLVED (or CANCELLED when a
 * pending breach does not last). Plain Java: the pipeline's keyed step calls it per window.
 *
 * <p>Adaptive rule: the baseline is the median of the watched statistic over the series' last
 * {@code historyWindows} windows; the robust deviation is 1.4826 times their median absolute
 * deviation, but at least {@code relativeFloor} times the baseline's magnitude and at least {@code
 * absoluteFloor}. A window breaches when its statistic is more than {@code deviations} deviations
 * away from the baseline (in the configured direction). It is evaluated once the series has {@code
 * minHistory} earlier windows; every window then joins the history.
 */
public final class SeriesDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  /** MAD to standard deviation for normally distributed data. */
  static final double MAD_SCALE = 1.4826;

  private final MonitorConfig config;

  public SeriesDetector(MonitorConfig config) {
    this.config = config;
  }

  /** Applies window {@code w} to {@code state}, emitting each alert state change. */
  public void apply(SeriesState state, WindowStats w, Consumer<MetricAlert> out) {
    state.lastSeen = Math.max(state.lastSeen, w.getWindowEnd().getMillis() - 1);
    for (MonitorConfig.Threshold t : config.thresholds) {
      if (!t.watches(w.getMetric())) {
        continue;
      }
      double v = t.stat.of(w);
      boolean high = t.above != null && v > t.above;
      boolean low = t.below != null && v < t.below;
      double limit =
          high
              ? t.above
              : low
                  ? t.below
                  : t.above != null && (t.below == null || v >= (t.above + t.below) / 2)
                      ? t.above
                      : t.below;
      step(state, w, t.name, t.stat, high || low, v, null, limit, out);
    }
    if (!config.adaptiveWatches(w.getMetric())) {
      return;
    }
    double x = config.adaptiveStat.of(w);
    if (state.history.size() >= config.minHistory) {
      double[] h = state.history.stream().mapToDouble(Double::doubleValue).toArray();
      double median = median(h);
      double[] dev = new double[h.length];
      for (int i = 0; i < h.length; i++) {
        dev[i] = Math.abs(h[i] - median);
      }
      double scale =
          Math.max(
              MAD_SCALE * median(dev),
              Math.max(config.relativeFloor * Math.abs(median), config.absoluteFloor));
      double upper = median + config.deviations * scale;
      double lower = median - config.deviations * scale;
      boolean high = config.direction != MonitorConfig.Direction.DOWN && x > upper;
      boolean low = config.direction != MonitorConfig.Direction.UP && x < lower;
      step(
          state,
          w,
          MonitorConfig.ADAPTIVE_RULE,
          config.adaptiveStat,
          high || low,
          x,
          median,
          x >= median ? upper : lower,
          out);
    }
    state.history.addLast(x);
    while (state.history.size() > config.historyWindows) {
      state.history.removeFirst();
    }
  }

  private void step(
      SeriesState state,
      WindowStats w,
      String rule,
      Stat stat,
      boolean breach,
      double value,
      Double baseline,
      double limit,
      Consumer<MetricAlert> out) {
    RuleState r = state.rules.get(rule);
    if (r == null) {
      if (!breach) {
        return;
      }
      r = new RuleState();
      state.rules.put(rule, r);
    }
    AlertStatus emitted = null;
    switch (r.phase) {
      case INACTIVE:
        if (breach) {
          r.since = w.getWindowStart().getMillis();
          r.phase = config.pendingWindows <= 1 ? Phase.FIRING : Phase.PENDING;
          r.run = config.pendingWindows <= 1 ? 0 : 1;
          emitted = r.phase == Phase.FIRING ? AlertStatus.FIRING : AlertStatus.PENDING;
        }
        break;
      case PENDING:
        if (breach) {
          r.run++;
          if (r.run >= config.pendingWindows) {
            r.phase = Phase.FIRING;
            r.run = 0;
            emitted = AlertStatus.FIRING;
          }
        } else {
          r.phase = Phase.INACTIVE;
          emitted = AlertStatus.CANCELLED;
        }
        break;
      case FIRING:
        if (breach) {
          r.run = 0;
        } else if (++r.run >= config.resolveWindows) {
          r.phase = Phase.INACTIVE;
          emitted = AlertStatus.RESOLVED;
        }
        break;
      default:
        throw new IllegalStateException("unhandled phase " + r.phase);
    }
    if (emitted != null) {
      out.accept(
          MetricAlert.of(
              w.getSource(),
              w.getMetric(),
              rule,
              emitted,
              stat.wireName(),
              value,
              baseline,
              limit,
              w.getWindowStart(),
              w.getWindowEnd(),
              new org.joda.time.Instant(r.since),
              config.version,
              reason(w, rule, emitted, stat, value, baseline, limit)));
    }
    if (r.phase == Phase.INACTIVE) {
      state.rules.remove(rule);
    }
  }

  static String reason(
      WindowStats w,
      String rule,
      AlertStatus status,
      Stat stat,
      double value,
      Double baseline,
      double limit) {
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
    String cmp =
        String.format(
            Locale.ROOT,
            "%s %.4g %s the limit %.4g",
            stat.wireName(),
            value,
            value > limit ? "above" : value < limit ? "below" : "at",
            limit);
    String base = baseline == null ? "" : String.format(Locale.ROOT, " (baseline %.4g)", baseline);
    return rule + " " + status.name().toLowerCase(Locale.ROOT) + ": " + cmp + base + "; " + where;
  }

  /** Median of {@code values} (mean of the two middle ones for an even count). */
  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
