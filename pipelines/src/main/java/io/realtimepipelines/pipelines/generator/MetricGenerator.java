package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;
import java.util.SplittableRandom;

/**
 * Network telemetry samples for the {@code monitor} job: {@value #SOURCES} cells report four
 * metrics (latency in ms, error rate, throughput in Mbit/s, CPU in %) at a steady pace. Index
 * {@code n} is cell {@code n % SOURCES}; the metric turns every round of all cells, so each cell
 * reports each metric every fourth round. Rounds come in blocks of {@value #BLOCK}; in a block a
 * cell may have a {@link AnomalyKind#LATENCY_SPIKE}: its four latency samples of the block at 6 to
 * 12 times its usual latency.
 */
final class MetricGenerator implements EventGenerator {
  /** Cells in the rotation. */
  static final int SOURCES = 64;

  /** Rounds per block. */
  static final int BLOCK = 16;

  private static final String[] METRICS = {"latency_ms", "error_rate", "throughput_mbps", "cpu"};
  private static final String[] UNITS = {"ms", null, "Mbit/s", "%"};

  /** Decimal places per metric. */
  private static final int[] SCALE = {2, 4, 1, 1};

  private static final long SALT_EVENTS = 0x4d455452L;
  private static final long SALT_SOURCE = 0x43454c4cL;
  private static final long SALT_SPIKE = 0x5350494bL;
  private static final long SALT_DEFECTS = 0x42414444L;
  private static final Defect[] DEFECTS = Defect.values();

  private final GeneratorConfig config;
  private final EventClock clock;

  /** Chance that a cell's latency spikes in a block. */
  private final double spikeChance;

  MetricGenerator(GeneratorConfig config) {
    this.config = config;
    this.clock = new EventClock(config.startMillis(), config.eventTimeRate(), false);
    // A spike marks the BLOCK / 4 latency samples of a cell's BLOCK samples in a block.
    this.spikeChance = config.anomalyRate() * BLOCK / (BLOCK / 4.0);
  }

  @Override
  public EventType type() {
    return EventType.METRIC;
  }

  @Override
  public long eventTimeMillis(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("index must be at least 0, got " + n);
    }
    return clock.millisAt(n);
  }

  @Override
  public GeneratedEvent generate(long n) {
    long millis = eventTimeMillis(n);
    long round = n / SOURCES;
    int source = (int) (n - round * SOURCES);
    int metric = (int) (round % METRICS.length);
    long block = round / BLOCK;
    boolean spike =
        metric == 0
            && spikeChance > 0
            && Mix.unit(Mix.hash(config.seed(), SALT_SPIKE, block * SOURCES + source))
                < spikeChance;
    AnomalyKind anomaly = spike ? AnomalyKind.LATENCY_SPIKE : null;

    SplittableRandom rnd = new SplittableRandom(Mix.hash(config.seed(), SALT_EVENTS, n));
    Defect defect = null;
    if (anomaly == null && config.badRate() > 0) {
      long h = Mix.hash(config.seed(), SALT_DEFECTS, n);
      if (Mix.unit(h) < config.badRate()) {
        defect = DEFECTS[Mix.below(Mix.mix64(h), DEFECTS.length)];
      }
    }
    double base = Mix.unit(Mix.hash(config.seed(), SALT_SOURCE + metric, source));
    double g = Math.max(-2.5, Math.min(2.5, rnd.nextGaussian()));
    double value;
    switch (metric) {
      case 0:
        value = (20 + 40 * base) * (spike ? 6 + 6 * rnd.nextDouble() : 1 + 0.08 * g);
        break;
      case 1:
        value = Math.max(0, 0.002 + 0.01 * base + 0.002 * g);
        break;
      case 2:
        value = Math.max(1, 80 + 120 * base + 10 * g);
        break;
      default:
        value = Math.min(100, Math.max(0, 30 + 40 * base + 5 * g));
        break;
    }
    long unscaled = Math.round(value * Math.pow(10, SCALE[metric]));

    JsonLine out =
        new JsonLine()
            .id("source", "cell-", source)
            .string("metric", defect == Defect.INVALID_VALUE ? "Latency MS" : METRICS[metric]);
    SlottedGenerator.checkedDecimal(
        out, "value", unscaled, SCALE[metric], defect == Defect.INVALID_VALUE ? null : defect);
    if (UNITS[metric] != null) {
      out.string("unit", UNITS[metric]);
    }
    String json = out.timestamp("timestamp", millis).close();
    if (defect == Defect.MALFORMED_JSON) {
      json = json.substring(0, json.length() / 2);
    }
    return new GeneratedEvent(n, json, millis, anomaly, defect);
  }
}
