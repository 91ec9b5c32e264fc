package io.realtimepipelines.pipelines.generator;

import java.util.Arrays;

/**
 * Maps an event index to its event time, in closed form so any index is computed on its own. Events
 * arrive at an average rate, modulated (when diurnal) by a day curve over UTC time of day in
 * 15-minute steps: quietest around 04:00 (0.45 of the average), busiest around 16:00 (1.55 of it).
 * Times are strictly increasing in the index as long as the peak rate stays below 1000 events/s, so
 * every event has its own millisecond.
 */
final class EventClock {
  private static final int BUCKETS = 96;
  private static final long BUCKET_MILLIS = 86_400_000L / BUCKETS;
  private static final long DAY_MILLIS = 86_400_000L;

  /** Highest instantaneous rate relative to the average. */
  static final double PEAK_FACTOR;

  private static final double[] WEIGHTS = new double[BUCKETS];

  static {
    double sum = 0;
    for (int q = 0; q < BUCKETS; q++) {
      double hour = (q + 0.5) * 24.0 / BUCKETS;
      WEIGHTS[q] = 1 - 0.55 * Math.cos(2 * Math.PI * (hour - 4) / 24);
      sum += WEIGHTS[q];
    }
    double max = 0;
    for (int q = 0; q < BUCKETS; q++) {
      WEIGHTS[q] *= BUCKETS / sum;
      max = Math.max(max, WEIGHTS[q]);
    }
    PEAK_FACTOR = max;
  }

  /** Event time of index 0, epoch milliseconds. */
  private final long startMillis;

  /** Average events per second. */
  private final double eventsPerSecond;

  /** Whether the rate follows the day curve. */
  private final boolean diurnal;

  /** Midnight UTC before the start. */
  private final long dayStartMillis;

  /** Events in one whole day. */
  private final double eventsPerDay;

  /** Events the curve puts between that midnight and the start. */
  private final double eventsBeforeStart;

  /** Events per millisecond in each bucket. */
  private final double[] perMilli = new double[BUCKETS];

  /** Events of the day before each bucket starts; one extra entry for the whole day. */
  private final double[] cumulative = new double[BUCKETS + 1];

  EventClock(long startMillis, double eventsPerSecond, boolean diurnal) {
    this.startMillis = startMillis;
    this.eventsPerSecond = eventsPerSecond;
    this.diurnal = diurnal;
    this.dayStartMillis = Math.floorDiv(startMillis, DAY_MILLIS) * DAY_MILLIS;
    for (int q = 0; q < BUCKETS; q++) {
      perMilli[q] = eventsPerSecond * WEIGHTS[q] / 1000.0;
      cumulative[q + 1] = cumulative[q] + perMilli[q] * BUCKET_MILLIS;
    }
    this.eventsPerDay = cumulative[BUCKETS];
    long intoDay = startMillis - dayStartMillis;
    int q0 = (int) (intoDay / BUCKET_MILLIS);
    this.eventsBeforeStart = cumulative[q0] + perMilli[q0] * (intoDay - q0 * BUCKET_MILLIS);
  }

  /** Event time of index {@code n}, epoch milliseconds; index 0 is the start. */
  long millisAt(long n) {
    if (!diurnal) {
      return startMillis + (long) Math.floor(n * 1000.0 / eventsPerSecond);
    }
    double x = n + eventsBeforeStart;
    double days = Math.floor(x / eventsPerDay);
    double rest = x - days * eventsPerDay;
    int q = Arrays.binarySearch(cumulative, rest);
    if (q < 0) {
      q = -q - 2;
    }
    q = Math.min(Math.max(q, 0), BUCKETS - 1);
    double millis = days * DAY_MILLIS + q * BUCKET_MILLIS + (rest - cumulative[q]) / perMilli[q];
    return Math.max(startMillis, dayStartMillis + (long) Math.floor(millis));
  }

  /** Relative rate at the time of day of {@code epochMillis} (1 = average). */
  static double weightAt(long epochMillis) {
    return WEIGHTS[(int) (Math.floorMod(epochMillis, DAY_MILLIS) / BUCKET_MILLIS)];
  }
}
