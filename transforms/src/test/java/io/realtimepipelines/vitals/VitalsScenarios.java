package io.realtimepipelines.vitals;

import static io.realtimepipelines.vitals.VitalsFixtures.fahrenheit;
import static io.realtimepipelines.vitals.VitalsFixtures.sec;
import static io.realtimepipelines.vitals.VitalsFixtures.sign;

import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random bedside monitors for the model-equality tests: a few patients, every metric every 30 s for
 * 32 minutes, with spikes, a stuck sensor, short and long gaps, a second device whose heart rate
 * sometimes conflicts, a Fahrenheit thermometer and a patient who deteriorates (alerts).
 */
final class VitalsScenarios {
  private VitalsScenarios() {}

  private static final double[] BASE = {75, 97, 36.9, 16, 120, 75};

  static List<VitalSign> generate(long seed, int patients) {
    Random rnd = new Random(seed);
    List<VitalSign> out = new ArrayList<>();
    for (int p = 0; p < patients; p++) {
      String patient = "patient-" + seed + "-" + p;
      String monitor = "mon-" + p;
      boolean deteriorates = p % 2 == 1;
      int gapStart = 10 + rnd.nextInt(20);
      int gapLength = rnd.nextBoolean() ? 2 + rnd.nextInt(2) : 8 + rnd.nextInt(6);
      int stuckMetric = rnd.nextInt(6);
      for (int step = 0; step < 64; step++) {
        long s = 30L * step;
        double drift = deteriorates ? step / 64.0 : 0;
        for (int m = 0; m < 6; m++) {
          VitalMetric metric = VitalMetric.values()[m];
          if (step >= gapStart && step < gapStart + gapLength && m != 0) {
            continue; // connection lost (heart rate keeps coming from the watch below)
          }
          double v = BASE[m] + rnd.nextGaussian() * (m == 2 ? 0.1 : 1.5);
          switch (metric) {
            case HEART_RATE:
              v += 60 * drift;
              break;
            case SPO2:
              v = Math.min(100, v - 8 * drift);
              break;
            case RESP_RATE:
              v += 12 * drift;
              break;
            case SYSTOLIC_BP:
              v -= 35 * drift;
              break;
            case TEMPERATURE:
              v += 2.5 * drift;
              break;
            default:
              break;
          }
          if (m == stuckMetric && step >= 40 && step < 55) {
            v = BASE[m]; // stuck sensor
          } else if (rnd.nextInt(60) == 0) {
            v *= 1.8; // spike (often a jump, sometimes implausible)
          }
          v = Math.round(v * 10) / 10.0;
          if (metric == VitalMetric.TEMPERATURE && p == 0) {
            out.add(
                fahrenheit(patient, "therm-0", Math.round((v * 9 / 5 + 32) * 10) / 10.0, sec(s)));
          } else {
            out.add(sign(patient, monitor, metric, v, sec(s)));
          }
        }
        if (step % 3 == 0) {
          double hr =
              BASE[0] + 60 * drift + rnd.nextGaussian() * 1.5 + (rnd.nextInt(8) == 0 ? 12 : 0);
          out.add(
              sign(
                  patient,
                  "watch-" + p,
                  VitalMetric.HEART_RATE,
                  Math.round(hr * 10) / 10.0,
                  sec(s)));
        }
      }
    }
    return out;
  }
}
