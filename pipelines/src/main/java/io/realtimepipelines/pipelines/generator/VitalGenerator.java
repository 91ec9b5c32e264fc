package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.VitalMetric;
import java.util.SplittableRandom;

/**
 * Bedside monitor readings. Monitors report at a steady pace, not on a day curve: the indices go
 * round the patients, one reading each per round (heart rate every even round, one of the other
 * five metrics every odd round), so a patient reports every {@code patients / eventTimeRate}
 * seconds. Rounds come in blocks of {@value #BLOCK}; in a block a patient may have a {@link
 * AnomalyKind#READING_GAP} (3 to 5 rounds without readings, starting at round 1; the first reading
 * after it is marked) and a {@link AnomalyKind#HEART_RATE_SPIKE} (the heart-rate readings of rounds
 * 8, 10 and 12 at 140 to 190 bpm). During a gap, the patient's turns carry an extra reading of the
 * next patient with no gap in that block around that round, so every index still gives one reading
 * and the marked reading really is the first after the gap.
 */
final class VitalGenerator implements EventGenerator {
  /** Rounds per block. */
  static final int BLOCK = 16;

  /** First round of a block without readings when the block has a gap. */
  static final int GAP_FIRST_ROUND = 1;

  /** Rounds of a block whose heart-rate readings spike when the block has a spike. */
  static final int[] SPIKE_ROUNDS = {8, 10, 12};

  private static final long SALT_EVENTS = 0x56495441L;
  private static final long SALT_PATIENT = 0x50415449L;
  private static final long SALT_GAP = 0x47415053L;
  private static final long SALT_SPIKE = 0x53504b45L;
  private static final long SALT_DEFECTS = 0x42414456L;
  private static final Defect[] DEFECTS = Defect.values();
  private static final VitalMetric[] OTHER_METRICS = {
    VitalMetric.SPO2,
    VitalMetric.TEMPERATURE,
    VitalMetric.RESP_RATE,
    VitalMetric.SYSTOLIC_BP,
    VitalMetric.DIASTOLIC_BP
  };

  /** What to generate. */
  private final GeneratorConfig config;

  /** Steady event time of each index. */
  private final EventClock clock;

  /** Patients in the rotation. */
  private final int patients;

  /** Chance that a patient has a gap in a block. */
  private final double gapChance;

  /** Chance that a patient has a heart-rate spike in a block. */
  private final double spikeChance;

  VitalGenerator(GeneratorConfig config) {
    this.config = config;
    this.clock = new EventClock(config.startMillis(), config.eventTimeRate(), false);
    this.patients = config.patients();
    // Half the marked readings come from spikes (3 per spike), half from gaps (1 per gap).
    this.gapChance = config.anomalyRate() * BLOCK / 2;
    this.spikeChance = config.anomalyRate() * BLOCK / 6;
  }

  @Override
  public EventType type() {
    return EventType.VITAL;
  }

  @Override
  public long eventTimeMillis(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("index must be at least 0, got " + n);
    }
    return clock.millisAt(n);
  }

  /** Rounds without readings of {@code patient} in {@code block}: 0, or 3 to 5. */
  private int gapRounds(int patient, long block) {
    if (gapChance == 0) {
      return 0;
    }
    long h = Mix.hash(config.seed(), SALT_GAP, block * patients + patient);
    return Mix.unit(h) < gapChance ? 3 + Mix.below(Mix.mix64(h), 3) : 0;
  }

  private boolean spikes(int patient, long block) {
    return spikeChance > 0
        && Mix.unit(Mix.hash(config.seed(), SALT_SPIKE, block * patients + patient)) < spikeChance;
  }

  private boolean silent(int patient, long block, int roundInBlock) {
    int gap = gapRounds(patient, block);
    return roundInBlock >= GAP_FIRST_ROUND && roundInBlock < GAP_FIRST_ROUND + gap;
  }

  /** Whether the patient is silent or about to report the end of its gap in this round. */
  private boolean inGap(int patient, long block, int roundInBlock) {
    int gap = gapRounds(patient, block);
    return gap > 0 && roundInBlock >= GAP_FIRST_ROUND && roundInBlock <= GAP_FIRST_ROUND + gap;
  }

  @Override
  public GeneratedEvent generate(long n) {
    long millis = eventTimeMillis(n);
    long round = n / patients;
    int patient = (int) (n - round * patients);
    long block = round / BLOCK;
    int roundInBlock = (int) (round - block * BLOCK);
    VitalMetric metric =
        round % 2 == 0
            ? VitalMetric.HEART_RATE
            : OTHER_METRICS[(int) ((round / 2) % OTHER_METRICS.length)];

    AnomalyKind anomaly = null;
    int reporting = patient;
    if (silent(patient, block, roundInBlock)) {
      int steps = 0;
      do {
        reporting = (reporting + 1) % patients;
        if (++steps == patients) {
          throw new IllegalStateException("every patient is in a gap in round " + round);
        }
      } while (inGap(reporting, block, roundInBlock));
    } else if (roundInBlock > GAP_FIRST_ROUND
        && roundInBlock == GAP_FIRST_ROUND + gapRounds(patient, block)) {
      anomaly = AnomalyKind.READING_GAP;
    }
    boolean spike = false;
    if (metric == VitalMetric.HEART_RATE && spikes(reporting, block)) {
      for (int r : SPIKE_ROUNDS) {
        spike |= r == roundInBlock;
      }
    }
    if (spike && anomaly == null) {
      anomaly = AnomalyKind.HEART_RATE_SPIKE;
    }

    SplittableRandom rnd = new SplittableRandom(Mix.hash(config.seed(), SALT_EVENTS, n));
    Defect defect = null;
    if (anomaly == null && config.badRate() > 0) {
      long h = Mix.hash(config.seed(), SALT_DEFECTS, n);
      if (Mix.unit(h) < config.badRate()) {
        defect = DEFECTS[Mix.below(Mix.mix64(h), DEFECTS.length)];
      }
    }
    long tenths = spike ? 1400 + rnd.nextInt(501) : normalTenths(reporting, metric, rnd);

    JsonLine out =
        new JsonLine()
            .id("patientId", "pat-", reporting)
            .id("deviceId", "mon-", reporting)
            .string("metric", metric.wireName());
    SlottedGenerator.checkedDecimal(
        out, "value", tenths, 1, defect == Defect.INVALID_VALUE ? null : defect);
    if (defect == Defect.INVALID_VALUE) {
      out.string("unit", "furlongs");
    } else if (rnd.nextInt(10) != 0) {
      out.string("unit", metric.unit());
    }
    String json = out.timestamp("timestamp", millis).close();
    if (defect == Defect.MALFORMED_JSON) {
      json = json.substring(0, json.length() / 2);
    }
    return new GeneratedEvent(n, json, millis, anomaly, defect);
  }

  /** An ordinary reading in tenths of the metric's unit, around the patient's own baseline. */
  private long normalTenths(int patient, VitalMetric metric, SplittableRandom rnd) {
    double base = Mix.unit(Mix.hash(config.seed(), SALT_PATIENT + metric.ordinal(), patient));
    double g = Math.max(-2.5, Math.min(2.5, rnd.nextGaussian()));
    double value;
    switch (metric) {
      case HEART_RATE:
        value = 62 + 26 * base + 4 * g;
        break;
      case SPO2:
        value = Math.min(100, 96 + 3 * base + 0.4 * g);
        break;
      case TEMPERATURE:
        value = 36.5 + 0.7 * base + 0.1 * g;
        break;
      case RESP_RATE:
        value = 13 + 6 * base + 0.8 * g;
        break;
      case SYSTOLIC_BP:
        value = 108 + 25 * base + 4 * g;
        break;
      case DIASTOLIC_BP:
        value = 66 + 16 * base + 3 * g;
        break;
      default:
        throw new IllegalStateException("no baseline for " + metric);
    }
    return Math.round(value * 10);
  }
}
