package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.joda.time.Instant;

/**
 * The reference model of the vitals job, written from the README's definition (section "vitals")
 * without calling the pipeline's logic: one thread, all readings sorted, plain lists and maps.
 * {@link MonitorVitals} must produce exactly its cleaned values, reviews, gaps, scores, alerts and
 * quality windows. Sentences ({@code detail}) are not part of the comparison.
 */
public final class VitalsModel {
  private final VitalsConfig config;
  private final String pipeline;
  private final String version;
  private final boolean pseudonymised;

  private final List<CleanedVital> cleaned = new ArrayList<>();
  private final List<ReviewedVital> review = new ArrayList<>();
  private final List<VitalGap> gaps = new ArrayList<>();
  private final List<News2Score> scores = new ArrayList<>();
  private final List<VitalAlert> alerts = new ArrayList<>();

  /** (patient, device) -> window start -> counts; each output counts at {@code countedAt}. */
  private final Map<List<String>, Map<Long, long[]>> quality = new HashMap<>();

  private VitalsModel(VitalsConfig config, String pipeline, String version, boolean pseudonymised) {
    this.config = config;
    this.pipeline = pipeline;
    this.version = version;
    this.pseudonymised = pseudonymised;
  }

  /** Runs the model over readings whose patient ids are final (already pseudonymised or not). */
  public static Result run(
      List<VitalSign> readings,
      VitalsConfig config,
      String pipeline,
      String version,
      boolean pseudonymised) {
    VitalsModel m = new VitalsModel(config, pipeline, version, pseudonymised);
    m.clean(readings);
    m.score();
    return m.result();
  }

  /** A reading with its value in the metric's unit. */
  private static final class Reading {
    final VitalSign sign;
    final double value;
    final String position;

    Reading(VitalSign sign) {
      this.sign = sign;
      boolean fahrenheit =
          sign.getMetric() == VitalMetric.TEMPERATURE && "fahrenheit".equals(sign.getUnit());
      this.value =
          fahrenheit ? Math.round((sign.getValue() - 32) * 5 / 9 * 100) / 100.0 : sign.getValue();
      this.position = sign.getSourcePosition() == null ? "unknown" : sign.getSourcePosition();
    }

    boolean converted() {
      return value != sign.getValue() || "fahrenheit".equals(sign.getUnit());
    }

    long time() {
      return sign.getTimestamp().getMillis();
    }
  }

  /** One device's history as the README describes it. */
  private static final class Series {
    long lastSeen;
    final List<long[]> checkedTimes = new ArrayList<>();
    final List<Double> checkedValues = new ArrayList<>();
    double runValue;
    long runFirst;
    long runLast;
    int runCount;
    Reading lastAccepted;
    final List<Long> intervals = new ArrayList<>();
  }

  private void clean(List<VitalSign> signs) {
    Map<List<String>, List<Reading>> byPatientMetric =
        new TreeMap<>(
            Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    for (VitalSign s : signs) {
      Reading r = new Reading(s);
      VitalsConfig.MetricRules rules = config.rules(s.getMetric());
      if (r.value < rules.plausibleMin || r.value > rules.plausibleMax) {
        addReview(r, ReviewReason.IMPLAUSIBLE, List.of());
        continue;
      }
      byPatientMetric
          .computeIfAbsent(
              List.of(s.getPatientId(), s.getMetric().wireName()), k -> new ArrayList<>())
          .add(r);
    }
    for (List<Reading> readings : byPatientMetric.values()) {
      readings.sort(
          Comparator.comparingLong(Reading::time)
              .thenComparing(r -> r.sign.getDeviceId())
              .thenComparingDouble(r -> r.value)
              .thenComparing(r -> r.position));
      Map<String, Series> devices = new HashMap<>();
      int i = 0;
      while (i < readings.size()) {
        int j = i;
        while (j < readings.size() && readings.get(j).time() == readings.get(i).time()) {
          j++;
        }
        List<Reading> instant = readings.subList(i, j);
        double lo = instant.stream().mapToDouble(r -> r.value).min().getAsDouble();
        double hi = instant.stream().mapToDouble(r -> r.value).max().getAsDouble();
        double tolerance = config.rules(instant.get(0).sign.getMetric()).conflictTolerance;
        for (Reading r : instant) {
          if (instant.size() >= 2 && hi - lo > tolerance) {
            addReview(r, ReviewReason.CONFLICT, List.of("checked:plausible"));
          } else {
            Series s = devices.get(r.sign.getDeviceId());
            if (s == null || r.time() - s.lastSeen > config.stateTtlHours * 3_600_000L) {
              s = new Series();
              devices.put(r.sign.getDeviceId(), s);
            }
            device(s, r);
          }
        }
        i = j;
      }
    }
  }

  private void device(Series s, Reading r) {
    long t = r.time();
    double v = r.value;
    s.lastSeen = t;
    VitalsConfig.MetricRules rules = config.rules(r.sign.getMetric());
    // Rolling median of the readings that passed plausibility and conflict, newest first.
    List<Double> recent = new ArrayList<>();
    for (int k = s.checkedTimes.size() - 1; k >= 0 && recent.size() < config.jumpMaxReadings; k--) {
      if (t - s.checkedTimes.get(k)[0] <= config.jumpWindowSeconds * 1000L) {
        recent.add(s.checkedValues.get(k));
      }
    }
    s.checkedTimes.add(new long[] {t});
    s.checkedValues.add(v);
    boolean sameRun =
        s.runCount > 0
            && Math.abs(v - s.runValue) <= config.flatLineTolerance
            && t - s.runLast <= config.flatLineMaxIntervalSeconds * 1000L;
    if (sameRun) {
      s.runCount++;
      s.runLast = t;
    } else {
      s.runValue = v;
      s.runFirst = t;
      s.runLast = t;
      s.runCount = 1;
    }
    if (recent.size() >= config.jumpMinReadings && Math.abs(v - middle(recent)) > rules.maxJump) {
      addReview(r, ReviewReason.JUMP, List.of("checked:plausible", "checked:no_conflict"));
      return;
    }
    if (s.runCount >= config.flatLineMinReadings
        && s.runLast - s.runFirst >= config.flatLineMinSeconds * 1000L) {
      addReview(
          r,
          ReviewReason.FLAT_LINE,
          List.of("checked:plausible", "checked:no_conflict", "checked:no_jump"));
      return;
    }
    // Accepted: gap check against the previous accepted reading at the device's cadence.
    Double cadence = null;
    if (rules.cadenceSeconds > 0) {
      cadence = rules.cadenceSeconds * 1000.0;
    } else if (s.intervals.size() >= config.cadenceMinIntervals) {
      List<Double> last = new ArrayList<>();
      for (int k = Math.max(0, s.intervals.size() - config.cadenceIntervals);
          k < s.intervals.size();
          k++) {
        last.add((double) s.intervals.get(k));
      }
      cadence = middle(last);
    }
    String gapStep =
        cadence == null
            ? "gap_checked:cadence_unknown"
            : "gap_checked:cadence=" + plain(Math.round(cadence) / 1000.0) + "s";
    Reading prev = s.lastAccepted;
    if (prev != null && cadence != null) {
      long length = t - prev.time();
      long missing = Math.round(length / cadence) - 1;
      if (missing >= 1
          && missing <= config.maxFillReadings
          && length <= config.maxFillSeconds * 1000L) {
        for (long k = 1; k <= missing; k++) {
          long at = prev.time() + k * length / (missing + 1);
          double value =
              Math.round((prev.value + (v - prev.value) * (at - prev.time()) / length) * 100)
                  / 100.0;
          List<String> flags = flags(value, rules);
          List<String> steps = new ArrayList<>(List.of("imputed:linear", gapStep));
          for (String f : flags) {
            steps.add("flagged:" + f);
          }
          CleanedVital c =
              CleanedVital.create(
                  r.sign.getPatientId(),
                  r.sign.getDeviceId(),
                  r.sign.getMetric(),
                  value,
                  new Instant(at),
                  true,
                  "linear",
                  List.of(
                      SourceReading.create(prev.sign.getTimestamp(), prev.value, prev.position),
                      SourceReading.create(r.sign.getTimestamp(), v, r.position)),
                  flags,
                  Provenance.create(
                      List.of(prev.position, r.position),
                      r.sign.getDeviceId(),
                      pipeline,
                      version,
                      config.version,
                      null,
                      null,
                      steps));
          cleaned.add(c);
          count(r.sign.getPatientId(), r.sign.getDeviceId(), t, 2, 1);
        }
      } else if (missing >= 1) {
        gaps.add(
            VitalGap.create(
                r.sign.getPatientId(),
                r.sign.getDeviceId(),
                r.sign.getMetric(),
                prev.sign.getTimestamp(),
                r.sign.getTimestamp(),
                cadence / 1000.0,
                missing,
                config.version));
        count(r.sign.getPatientId(), r.sign.getDeviceId(), t, 3, 1);
        count(r.sign.getPatientId(), r.sign.getDeviceId(), t, 4, length);
        count(r.sign.getPatientId(), r.sign.getDeviceId(), t, 5, missing);
      }
    }
    if (prev != null && t > prev.time()) {
      s.intervals.add(t - prev.time());
    }
    s.lastAccepted = r;
    List<String> steps = base(r);
    steps.addAll(
        List.of(
            "checked:plausible",
            "checked:no_conflict",
            "checked:no_jump",
            "checked:no_flat_line",
            gapStep));
    List<String> flags = flags(v, rules);
    for (String f : flags) {
      steps.add("flagged:" + f);
    }
    cleaned.add(
        CleanedVital.create(
            r.sign.getPatientId(),
            r.sign.getDeviceId(),
            r.sign.getMetric(),
            v,
            r.sign.getTimestamp(),
            false,
            null,
            List.of(),
            flags,
            provenance(r, steps)));
    count(r.sign.getPatientId(), r.sign.getDeviceId(), t, 0, 1);
  }

  private static List<String> flags(double v, VitalsConfig.MetricRules rules) {
    return v < rules.normalMin
        ? List.of("abnormal_low")
        : v > rules.normalMax ? List.of("abnormal_high") : List.of();
  }

  private static double middle(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private List<String> base(Reading r) {
    List<String> steps = new ArrayList<>();
    steps.add("validated");
    if (pseudonymised) {
      steps.add("patient_id_pseudonymised");
    }
    if (r.converted()) {
      steps.add("unit_converted:fahrenheit->celsius");
    }
    return steps;
  }

  private Provenance provenance(Reading r, List<String> steps) {
    return Provenance.create(
        List.of(r.position),
        r.sign.getDeviceId(),
        pipeline,
        version,
        config.version,
        r.converted() ? r.sign.getValue() : null,
        r.converted() ? "fahrenheit" : null,
        steps);
  }

  private void addReview(Reading r, ReviewReason reason, List<String> passed) {
    List<String> steps = base(r);
    steps.addAll(passed);
    steps.add("review:" + reason.name().toLowerCase(Locale.ROOT));
    review.add(
        ReviewedVital.create(
            r.sign.getPatientId(),
            r.sign.getDeviceId(),
            r.sign.getMetric(),
            r.value,
            r.sign.getTimestamp(),
            reason,
            "",
            provenance(r, steps)));
    count(r.sign.getPatientId(), r.sign.getDeviceId(), r.time(), 1, 1);
  }

  /** Adds to counter {@code field} (accepted, flagged, imputed, gaps, gap ms, missing). */
  private void count(String patient, String device, long at, int field, long n) {
    long size = config.qualityWindowMinutes * 60_000L;
    long start = Math.floorDiv(at, size) * size;
    for (String d : List.of(device, "*")) {
      quality.computeIfAbsent(List.of(patient, d), k -> new TreeMap<>())
              .computeIfAbsent(start, k -> new long[6])[field] +=
          n;
    }
  }

  /** NEWS2 bands of the README's table: upper bounds and points, the last band open. */
  private static final Map<VitalMetric, double[][]> BANDS =
      Map.of(
          VitalMetric.RESP_RATE,
              new double[][] {{8, 3}, {11, 1}, {20, 0}, {24, 2}, {Double.MAX_VALUE, 3}},
          VitalMetric.SPO2, new double[][] {{91, 3}, {93, 2}, {95, 1}, {Double.MAX_VALUE, 0}},
          VitalMetric.SYSTOLIC_BP,
              new double[][] {{90, 3}, {100, 2}, {110, 1}, {219, 0}, {Double.MAX_VALUE, 3}},
          VitalMetric.HEART_RATE,
              new double[][] {{40, 3}, {50, 1}, {90, 0}, {110, 1}, {130, 2}, {Double.MAX_VALUE, 3}},
          VitalMetric.TEMPERATURE,
              new double[][] {{35.0, 3}, {36.0, 1}, {38.0, 0}, {39.0, 1}, {Double.MAX_VALUE, 2}});

  private static final List<VitalMetric> ORDER =
      List.of(
          VitalMetric.RESP_RATE,
          VitalMetric.SPO2,
          VitalMetric.SYSTOLIC_BP,
          VitalMetric.HEART_RATE,
          VitalMetric.TEMPERATURE);

  private static int points(VitalMetric m, double v) {
    for (double[] band : BANDS.get(m)) {
      if (v <= band[0]) {
        return (int) band[1];
      }
    }
    throw new AssertionError();
  }

  private void score() {
    Map<String, List<CleanedVital>> byPatient = new TreeMap<>();
    for (CleanedVital c : cleaned) {
      if (!c.getImputed() && ORDER.contains(c.getMetric())) {
        byPatient.computeIfAbsent(c.getPatientId(), k -> new ArrayList<>()).add(c);
      }
    }
    for (Map.Entry<String, List<CleanedVital>> e : byPatient.entrySet()) {
      List<CleanedVital> values = e.getValue();
      values.sort(
          Comparator.comparing(CleanedVital::getTimestamp)
              .thenComparing(c -> ORDER.indexOf(c.getMetric()))
              .thenComparingDouble(CleanedVital::getValue));
      Map<VitalMetric, CleanedVital> newest = new HashMap<>();
      Integer previous = null;
      Map<VitalMetric, Integer> previousPoints = new HashMap<>();
      long lastSeen = Long.MIN_VALUE;
      int i = 0;
      while (i < values.size()) {
        long t = values.get(i).getTimestamp().getMillis();
        if (lastSeen != Long.MIN_VALUE && t - lastSeen > config.stateTtlHours * 3_600_000L) {
          newest.clear();
          previous = null;
          previousPoints.clear();
        }
        while (i < values.size() && values.get(i).getTimestamp().getMillis() == t) {
          newest.put(values.get(i).getMetric(), values.get(i)); // the highest of an instant wins
          i++;
        }
        lastSeen = t;
        int total = 0;
        boolean three = false;
        List<News2Part> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<VitalMetric, Integer> now = new HashMap<>();
        for (VitalMetric m : ORDER) {
          CleanedVital c = newest.get(m);
          if (c == null || t - c.getTimestamp().getMillis() > config.news2MaxAgeMinutes * 60_000L) {
            missing.add(m.wireName());
            continue;
          }
          int p = points(m, c.getValue());
          now.put(m, p);
          total += p;
          three |= p == 3;
          parts.add(News2Part.create(m.wireName(), c.getValue(), p, c.getTimestamp()));
        }
        missing.add("air_or_oxygen");
        missing.add("consciousness");
        News2Level level =
            total >= 7
                ? News2Level.HIGH
                : total >= 5 ? News2Level.MEDIUM : three ? News2Level.LOW_MEDIUM : News2Level.LOW;
        Instant at = new Instant(t);
        if (previous == null || previous != total || !now.equals(previousPoints)) {
          scores.add(
              News2Score.create(e.getKey(), at, total, level, parts, missing, config.version));
        }
        List<String> triggers = new ArrayList<>();
        for (int threshold : config.news2Thresholds) {
          if ((previous == null || previous < threshold) && total >= threshold) {
            triggers.add("score " + total + " reached threshold " + threshold);
          }
        }
        if (config.news2SingleParameterAlert) {
          for (VitalMetric m : ORDER) {
            if (now.getOrDefault(m, -1) == 3 && previousPoints.getOrDefault(m, -1) != 3) {
              triggers.add(
                  m.wireName()
                      + " scored 3 ("
                      + plain(Math.round(newest.get(m).getValue() * 100) / 100.0)
                      + " "
                      + m.unit()
                      + ")");
            }
          }
        }
        if (!triggers.isEmpty()) {
          List<News2Part> contributing = new ArrayList<>();
          for (News2Part p : parts) {
            if (p.getPoints() > 0) {
              contributing.add(p);
            }
          }
          alerts.add(
              VitalAlert.create(
                  e.getKey(),
                  at,
                  total,
                  level,
                  previous,
                  triggers,
                  contributing,
                  missing,
                  config.version));
        }
        previous = total;
        previousPoints = now;
      }
    }
  }

  private Result result() {
    List<VitalQuality> windows = new ArrayList<>();
    long size = config.qualityWindowMinutes * 60_000L;
    for (Map.Entry<List<String>, Map<Long, long[]>> k : quality.entrySet()) {
      for (Map.Entry<Long, long[]> w : k.getValue().entrySet()) {
        long[] c = w.getValue();
        QualityCounts q = new QualityCounts();
        q.accepted = c[0];
        q.flagged = c[1];
        q.imputed = c[2];
        q.gaps = c[3];
        q.gapMillis = c[4];
        q.missingReadings = c[5];
        windows.add(
            VitalQuality.of(
                k.getKey().get(0),
                k.getKey().get(1),
                new Instant(w.getKey()),
                new Instant(w.getKey() + size),
                q,
                config.version));
      }
    }
    return new Result(cleaned, review, gaps, scores, alerts, windows);
  }

  /** What a run produced. */
  public static final class Result {
    public final List<CleanedVital> cleaned;
    public final List<ReviewedVital> review;
    public final List<VitalGap> gaps;
    public final List<News2Score> scores;
    public final List<VitalAlert> alerts;
    public final List<VitalQuality> quality;

    Result(
        List<CleanedVital> cleaned,
        List<ReviewedVital> review,
        List<VitalGap> gaps,
        List<News2Score> scores,
        List<VitalAlert> alerts,
        List<VitalQuality> quality) {
      this.cleaned = List.copyOf(cleaned);
      this.review = List.copyOf(review);
      this.gaps = List.copyOf(gaps);
      this.scores = List.copyOf(scores);
      this.alerts = List.copyOf(alerts);
      this.quality = List.copyOf(quality);
    }
  }
}
