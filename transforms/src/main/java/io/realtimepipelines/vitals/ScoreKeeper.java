package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.joda.time.Instant;

/**
 * NEWS2 per patient as plain Java: values of an instant update the patient's parameters, its
 * sentinel evaluates the score once; a score is emitted when it or a parameter's points (or the set
 * of missing parameters) changed, an alert when it rose to a threshold or a parameter newly scored
 * 3.
 */
final class ScoreKeeper {
  private final VitalsConfig config;

  ScoreKeeper(VitalsConfig config) {
    this.config = config;
  }

  /** What one evaluation emits. */
  interface Sink {
    void score(News2Score score);

    void alert(VitalAlert alert);
  }

  void apply(ScoreState s, ParameterValue p, Sink out) {
    if (s.lastSeen != Long.MIN_VALUE && p.timestamp - s.lastSeen > config.ttlMillis()) {
      reset(s);
    }
    s.lastSeen = Math.max(s.lastSeen, p.timestamp);
    if (!p.sentinel) {
      int i = News2.index(p.metric);
      s.values[i] = p.value;
      s.times[i] = p.timestamp;
      return;
    }
    if (s.evaluatedAt == p.timestamp) {
      return;
    }
    s.evaluatedAt = p.timestamp;
    evaluate(s, p.patientId, p.timestamp, out);
  }

  private static void reset(ScoreState s) {
    Arrays.fill(s.times, Long.MIN_VALUE);
    s.evaluatedAt = Long.MIN_VALUE;
    s.scored = false;
  }

  private void evaluate(ScoreState s, String patient, long t, Sink out) {
    int[] points = new int[ScoreState.N];
    List<News2Part> parts = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    int score = 0;
    boolean anyThree = false;
    long maxAge = config.news2MaxAgeMinutes * 60_000L;
    for (int i = 0; i < ScoreState.N; i++) {
      VitalMetric m = News2.PARAMETERS.get(i);
      if (s.times[i] == Long.MIN_VALUE || t - s.times[i] > maxAge) {
        points[i] = -1;
        missing.add(m.wireName());
        continue;
      }
      points[i] = News2.points(m, s.values[i]);
      score += points[i];
      anyThree |= points[i] == 3;
      parts.add(News2Part.create(m.wireName(), s.values[i], points[i], new Instant(s.times[i])));
    }
    missing.addAll(News2.NEVER_MEASURED);
    News2Level level = News2.level(score, anyThree);
    Instant at = new Instant(t);
    if (!s.scored || score != s.lastScore || !Arrays.equals(points, s.lastPoints)) {
      out.score(News2Score.create(patient, at, score, level, parts, missing, config.version));
    }
    List<String> triggers = new ArrayList<>();
    for (int threshold : config.news2Thresholds) {
      if ((!s.scored || s.lastScore < threshold) && score >= threshold) {
        triggers.add("score " + score + " reached threshold " + threshold);
      }
    }
    if (config.news2SingleParameterAlert) {
      for (int i = 0; i < ScoreState.N; i++) {
        if (points[i] == 3 && (!s.scored || s.lastPoints[i] != 3)) {
          triggers.add(
              News2.PARAMETERS.get(i).wireName()
                  + " scored 3 ("
                  + Texts.num(s.values[i])
                  + " "
                  + News2.PARAMETERS.get(i).unit()
                  + ")");
        }
      }
    }
    if (!triggers.isEmpty()) {
      List<News2Part> contributions = new ArrayList<>();
      for (News2Part part : parts) {
        if (part.getPoints() > 0) {
          contributions.add(part);
        }
      }
      out.alert(
          VitalAlert.create(
              patient,
              at,
              score,
              level,
              s.scored ? s.lastScore : null,
              triggers,
              contributions,
              missing,
              config.version));
    }
    s.scored = true;
    s.lastScore = score;
    s.lastPoints = points;
  }
}
