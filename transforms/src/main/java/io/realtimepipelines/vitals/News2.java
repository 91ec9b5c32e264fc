package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalMetric;
import java.util.List;

/**
 * The National Early Warning Score 2 (Royal College of Physicians, 2017) of the parameters this job
 * measures. Each parameter scores 0 to 3 points by the bands below (Scale 1 for SpO2); a value
 * belongs to the first band whose upper bound it does not exceed, so non-integer values fall into
 * the band above an integer bound (heart rate 90.5 scores 1, as 91 does).
 *
 * <pre>
 * parameter          3        2        1          0            1          2          3
 * resp_rate          <= 8              9-11       12-20                   21-24      >= 25
 * spo2 (scale 1)     <= 91    92-93    94-95      >= 96
 * systolic_bp        <= 90    91-100   101-110    111-219                            >= 220
 * heart_rate         <= 40             41-50      51-90        91-110     111-130    >= 131
 * temperature        <= 35.0           35.1-36.0  36.1-38.0    38.1-39.0  >= 39.1 (2)
 * </pre>
 *
 * <p>Two NEWS2 parameters are never measured by the VitalSign contract: supplemental oxygen (2
 * points when on oxygen) and consciousness (3 points for new confusion, voice, pain or
 * unresponsive). They are always listed as missing, never assumed normal, so a score here is the
 * sum over the measured parameters: a lower bound of the full NEWS2.
 *
 * <p>Clinical risk: {@link News2Level#HIGH} at 7 or more, {@link News2Level#MEDIUM} at 5 or 6,
 * {@link News2Level#LOW_MEDIUM} when a single parameter scores 3, else {@link News2Level#LOW}.
 */
public final class News2 {
  /** NEWS2 parameters no VitalSign measures: always missing. */
  public static final List<String> NEVER_MEASURED = List.of("air_or_oxygen", "consciousness");

  /** The measured parameters, in the order scores list them. */
  public static final List<VitalMetric> PARAMETERS =
      List.of(
          VitalMetric.RESP_RATE,
          VitalMetric.SPO2,
          VitalMetric.SYSTOLIC_BP,
          VitalMetric.HEART_RATE,
          VitalMetric.TEMPERATURE);

  private News2() {}

  /** Index of {@code metric} in {@link #PARAMETERS}, or -1 when NEWS2 does not use it. */
  public static int index(VitalMetric metric) {
    return PARAMETERS.indexOf(metric);
  }

  /** Points (0 to 3) of one measured value of a NEWS2 parameter. */
  public static int points(VitalMetric metric, double v) {
    switch (metric) {
      case RESP_RATE:
        return v <= 8 ? 3 : v <= 11 ? 1 : v <= 20 ? 0 : v <= 24 ? 2 : 3;
      case SPO2:
        return v <= 91 ? 3 : v <= 93 ? 2 : v <= 95 ? 1 : 0;
      case SYSTOLIC_BP:
        return v <= 90 ? 3 : v <= 100 ? 2 : v <= 110 ? 1 : v <= 219 ? 0 : 3;
      case HEART_RATE:
        return v <= 40 ? 3 : v <= 50 ? 1 : v <= 90 ? 0 : v <= 110 ? 1 : v <= 130 ? 2 : 3;
      case TEMPERATURE:
        return v <= 35.0 ? 3 : v <= 36.0 ? 1 : v <= 38.0 ? 0 : v <= 39.0 ? 1 : 2;
      default:
        throw new IllegalArgumentException(metric.wireName() + " is not a NEWS2 parameter");
    }
  }

  /** The clinical risk of a total score when {@code anyThree} parameters scored 3. */
  public static News2Level level(int score, boolean anyThree) {
    if (score >= 7) {
      return News2Level.HIGH;
    }
    if (score >= 5) {
      return News2Level.MEDIUM;
    }
    return anyThree ? News2Level.LOW_MEDIUM : News2Level.LOW;
  }
}
