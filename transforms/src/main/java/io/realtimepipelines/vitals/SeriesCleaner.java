package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.joda.time.Instant;

/**
 * The cleaning of one patient's metric as plain Java: readings of an instant are collected until
 * its sentinel, then the instant is decided: conflicting readings go to review, the others through
 * their device's checks (rolling-median jump, flat line) into the cleaned series, with short gaps
 * interpolated and long ones reported. The README's "vitals" section defines every rule; {@link
 * VitalsModel} implements the same definition independently.
 */
final class SeriesCleaner implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final VitalsConfig config;
  private final String pipeline;
  private final String pipelineVersion;

  SeriesCleaner(VitalsConfig config, String pipeline, String pipelineVersion) {
    this.config = config;
    this.pipeline = pipeline;
    this.pipelineVersion = pipelineVersion;
  }

  /** Applies a reading (kept until its instant's sentinel) or a sentinel (decides the instant). */
  void apply(SeriesState s, VitalReading r, Consumer<SeriesOutput> out) {
    if (!r.sentinel) {
      s.pending.add(r);
      s.lastSeen = Math.max(s.lastSeen, r.timestamp);
      return;
    }
    if (!s.pending.isEmpty()) {
      decide(s, out);
    }
  }

  private void decide(SeriesState s, Consumer<SeriesOutput> out) {
    List<VitalReading> group = new ArrayList<>(s.pending);
    s.pending.clear();
    group.sort(VitalReading::compare);
    long t = group.get(0).timestamp;
    VitalMetric metric = group.get(0).metric;
    VitalsConfig.MetricRules rules = config.rules(metric);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int count = group.size();
    if (s.decidedAt == t) {
      // A reading of an instant already decided (it came behind the watermark): judged with it.
      min = s.decidedMin;
      max = s.decidedMax;
      count += s.decidedCount;
    }
    for (VitalReading r : group) {
      min = Math.min(min, r.value);
      max = Math.max(max, r.value);
    }
    s.decidedAt = t;
    s.decidedMin = min;
    s.decidedMax = max;
    s.decidedCount = count;
    boolean conflict = count >= 2 && max - min > rules.conflictTolerance;
    forgetIdleDevices(s, t);
    for (VitalReading r : group) {
      if (conflict) {
        out.accept(
            SeriesOutput.of(
                review(
                    r,
                    ReviewReason.CONFLICT,
                    count
                        + " readings of "
                        + metric.wireName()
                        + " at this instant range from "
                        + Texts.num(min)
                        + " to "
                        + Texts.num(max)
                        + " "
                        + metric.unit()
                        + "; tolerance "
                        + Texts.num(rules.conflictTolerance),
                    "checked:plausible")));
      } else {
        check(s, r, rules, out);
      }
    }
  }

  private void forgetIdleDevices(SeriesState s, long t) {
    for (Iterator<Map.Entry<String, SeriesState.Device>> it = s.devices.entrySet().iterator();
        it.hasNext(); ) {
      if (t - it.next().getValue().lastSeen > config.ttlMillis()) {
        it.remove();
      }
    }
  }

  private void check(
      SeriesState s, VitalReading r, VitalsConfig.MetricRules rules, Consumer<SeriesOutput> out) {
    long t = r.timestamp;
    double v = r.value;
    SeriesState.Device d = s.devices.computeIfAbsent(r.deviceId, k -> new SeriesState.Device());
    d.lastSeen = t;

    d.pruneWindow(t - config.jumpWindowSeconds * 1000L);
    Double median = null;
    int window = d.windowValues.length;
    if (window >= config.jumpMinReadings) {
      median = median(d.windowValues);
    }
    if (d.runCount > 0
        && Math.abs(v - d.runValue) <= config.flatLineTolerance
        && t - d.runLast <= config.flatLineMaxIntervalSeconds * 1000L) {
      d.runCount++;
      d.runLast = t;
    } else {
      d.runValue = v;
      d.runFirst = t;
      d.runLast = t;
      d.runCount = 1;
    }
    d.addToWindow(t, v, config.jumpMaxReadings);

    if (median != null && Math.abs(v - median) > rules.maxJump) {
      out.accept(
          SeriesOutput.of(
              review(
                  r,
                  ReviewReason.JUMP,
                  Texts.num(v)
                      + " "
                      + r.metric.unit()
                      + " is "
                      + Texts.num(Math.abs(v - median))
                      + " from the rolling median "
                      + Texts.num(median)
                      + " of the device's last "
                      + window
                      + " readings; limit "
                      + Texts.num(rules.maxJump),
                  "checked:plausible",
                  "checked:no_conflict")));
      return;
    }
    if (d.runCount >= config.flatLineMinReadings
        && d.runLast - d.runFirst >= config.flatLineMinSeconds * 1000L) {
      out.accept(
          SeriesOutput.of(
              review(
                  r,
                  ReviewReason.FLAT_LINE,
                  d.runCount
                      + " readings of "
                      + Texts.num(d.runValue)
                      + " "
                      + r.metric.unit()
                      + " in a row over "
                      + Texts.seconds(d.runLast - d.runFirst)
                      + " s: a stuck sensor; limit "
                      + config.flatLineMinReadings
                      + " readings over "
                      + config.flatLineMinSeconds
                      + " s",
                  "checked:plausible",
                  "checked:no_conflict",
                  "checked:no_jump")));
      return;
    }
    accept(d, r, rules, out);
  }

  private void accept(
      SeriesState.Device d,
      VitalReading r,
      VitalsConfig.MetricRules rules,
      Consumer<SeriesOutput> out) {
    long t = r.timestamp;
    double cadence = cadenceMillis(d, rules);
    String gapStep =
        Double.isNaN(cadence)
            ? "gap_checked:cadence_unknown"
            : "gap_checked:cadence=" + Texts.seconds(cadence) + "s";
    if (d.hasAccepted && !Double.isNaN(cadence)) {
      long delta = t - d.lastTime;
      long missing = Math.round(delta / cadence) - 1;
      if (missing >= 1) {
        if (missing <= config.maxFillReadings && delta <= config.maxFillSeconds * 1000L) {
          List<SourceReading> from =
              List.of(
                  SourceReading.create(new Instant(d.lastTime), d.lastValue, d.lastPosition),
                  SourceReading.create(new Instant(t), r.value, r.sourcePosition));
          for (long k = 1; k <= missing; k++) {
            long at = d.lastTime + k * delta / (missing + 1);
            double value =
                Math.round(
                        (d.lastValue + (r.value - d.lastValue) * (at - d.lastTime) / delta) * 100)
                    / 100.0;
            List<String> steps = new ArrayList<>(List.of("imputed:linear", gapStep));
            List<String> flags = flags(value, rules);
            flags.forEach(f -> steps.add("flagged:" + f));
            out.accept(
                SeriesOutput.of(
                    CleanedVital.create(
                        r.patientId,
                        r.deviceId,
                        r.metric,
                        value,
                        new Instant(at),
                        true,
                        "linear",
                        from,
                        flags,
                        Provenance.create(
                            List.of(d.lastPosition, r.sourcePosition),
                            r.deviceId,
                            pipeline,
                            pipelineVersion,
                            config.version,
                            null,
                            null,
                            steps))));
          }
        } else {
          out.accept(
              SeriesOutput.of(
                  VitalGap.create(
                      r.patientId,
                      r.deviceId,
                      r.metric,
                      new Instant(d.lastTime),
                      new Instant(t),
                      cadence / 1000.0,
                      missing,
                      config.version)));
        }
      }
    }
    if (d.hasAccepted && t > d.lastTime) {
      d.addInterval(t - d.lastTime, config.cadenceIntervals);
    }
    d.hasAccepted = true;
    d.lastTime = t;
    d.lastValue = r.value;
    d.lastPosition = r.sourcePosition;
    List<String> steps = baseSteps(r);
    steps.addAll(
        List.of(
            "checked:plausible",
            "checked:no_conflict",
            "checked:no_jump",
            "checked:no_flat_line",
            gapStep));
    List<String> flags = flags(r.value, rules);
    flags.forEach(f -> steps.add("flagged:" + f));
    out.accept(
        SeriesOutput.of(
            CleanedVital.create(
                r.patientId,
                r.deviceId,
                r.metric,
                r.value,
                new Instant(t),
                false,
                null,
                List.of(),
                flags,
                provenance(r, steps))));
  }

  /**
   * Configured cadence, else the median of the device's intervals once it has enough; NaN if
   * unknown.
   */
  private double cadenceMillis(SeriesState.Device d, VitalsConfig.MetricRules rules) {
    if (rules.cadenceSeconds > 0) {
      return rules.cadenceSeconds * 1000.0;
    }
    if (d.intervals.length < config.cadenceMinIntervals) {
      return Double.NaN;
    }
    double[] values = new double[d.intervals.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = d.intervals[i];
    }
    return median(values);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static List<String> flags(double v, VitalsConfig.MetricRules rules) {
    List<String> out = new ArrayList<>(1);
    if (v < rules.normalMin) {
      out.add("abnormal_low");
    } else if (v > rules.normalMax) {
      out.add("abnormal_high");
    }
    return out;
  }

  static List<String> baseSteps(VitalReading r) {
    List<String> steps = new ArrayList<>();
    steps.add("validated");
    if (r.pseudonymised) {
      steps.add("patient_id_pseudonymised");
    }
    if (r.converted()) {
      steps.add("unit_converted:" + r.originalUnit + "->" + r.metric.unit());
    }
    return steps;
  }

  Provenance provenance(VitalReading r, List<String> steps) {
    return Provenance.create(
        List.of(r.sourcePosition),
        r.deviceId,
        pipeline,
        pipelineVersion,
        config.version,
        r.converted() ? r.originalValue : null,
        r.converted() ? r.originalUnit : null,
        steps);
  }

  /** {@code r} for review, after the checks it passed. */
  ReviewedVital review(VitalReading r, ReviewReason reason, String detail, String... passed) {
    List<String> steps = baseSteps(r);
    steps.addAll(Arrays.asList(passed));
    steps.add("review:" + reason.name().toLowerCase(java.util.Locale.ROOT));
    return ReviewedVital.create(
        r.patientId,
        r.deviceId,
        r.metric,
        r.value,
        new Instant(r.timestamp),
        reason,
        detail,
        provenance(r, steps));
  }

  /** The implausibility check, before any keyed step: the review record, or null when plausible. */
  ReviewedVital implausible(VitalReading r) {
    VitalsConfig.MetricRules rules = config.rules(r.metric);
    if (r.value >= rules.plausibleMin && r.value <= rules.plausibleMax) {
      return null;
    }
    return review(
        r,
        ReviewReason.IMPLAUSIBLE,
        Texts.num(r.value)
            + " "
            + r.metric.unit()
            + " is outside the physiological limits "
            + Texts.num(rules.plausibleMin)
            + " to "
            + Texts.num(rules.plausibleMax));
  }
}
