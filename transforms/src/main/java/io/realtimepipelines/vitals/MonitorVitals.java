package io.realtimepipelines.vitals;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.model.VitalSign;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * The whole vitals job's logic on valid readings: optional pseudonymisation ({@link
 * PseudonymisePatients}), validation for review and cleaning ({@link CleanVitalSeries}), NEWS2 and
 * alerts ({@link ScoreNews2}) and quality windows ({@link MeasureVitalQuality}).
 *
 * <pre>{@code
 * VitalsResult vitals = parsed.getValid().apply("MonitorVitals",
 *     MonitorVitals.withConfig(VitalsConfig.defaults())
 *         .withPipelineInfo("vitals", "1.0.0")
 *         .withPseudonymKey(keySource));
 * }</pre>
 */
@AutoValue
public abstract class MonitorVitals extends PTransform<PCollection<VitalSign>, VitalsResult> {
  private static final long serialVersionUID = 1L;

  abstract CleanVitalSeries series();

  abstract ScoreNews2 news2();

  abstract VitalsConfig config();

  abstract @Nullable KeySource pseudonymKey();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setSeries(CleanVitalSeries value);

    abstract Builder setNews2(ScoreNews2 value);

    abstract Builder setConfig(VitalsConfig value);

    abstract Builder setPseudonymKey(@Nullable KeySource value);

    abstract MonitorVitals build();
  }

  public static MonitorVitals withConfig(VitalsConfig config) {
    return new AutoValue_MonitorVitals.Builder()
        .setSeries(CleanVitalSeries.withConfig(config))
        .setNews2(ScoreNews2.withConfig(config))
        .setConfig(config)
        .build();
  }

  /** Name and version of the job, written into every provenance. */
  public MonitorVitals withPipelineInfo(String name, String version) {
    return toBuilder().setSeries(series().withPipelineInfo(name, version)).build();
  }

  /** How long after the watermark a reading waits for older ones (0 to 1 hour). */
  public MonitorVitals withAllowedLateness(Duration lateness) {
    return toBuilder()
        .setSeries(series().withAllowedLateness(lateness))
        .setNews2(news2().withAllowedLateness(lateness))
        .build();
  }

  /** Runner keys of the keyed steps; results do not depend on it. */
  public MonitorVitals withKeyShards(int shards) {
    return toBuilder()
        .setSeries(series().withKeyShards(shards))
        .setNews2(news2().withKeyShards(shards))
        .build();
  }

  /** Replaces patient ids by keyed hashes before anything else; the key is read by each worker. */
  public MonitorVitals withPseudonymKey(KeySource key) {
    if (key == null) {
      throw new IllegalArgumentException("key source must not be null");
    }
    return toBuilder().setPseudonymKey(key).setSeries(series().withPseudonymisedIds(true)).build();
  }

  @Override
  public VitalsResult expand(PCollection<VitalSign> readings) {
    PCollection<VitalSign> input = readings;
    if (pseudonymKey() != null) {
      input = readings.apply("PseudonymisePatients", PseudonymisePatients.of(pseudonymKey()));
    }
    CleanedSeries series = input.apply("CleanVitalSeries", series());
    News2Result news2 = series.getCleaned().apply("ScoreNews2", news2());
    return new VitalsResult(
        readings.getPipeline(),
        series,
        news2,
        series
            .getQualityCounts()
            .apply("MeasureVitalQuality", MeasureVitalQuality.withConfig(config())));
  }
}
