package io.realtimepipelines.vitals;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * Computes each patient's NEWS2 (see {@link News2}) from the measured values of the cleaned series
 * (imputed values never score), in event time: once per instant at which a parameter changed,
 * emitting the score when it or its parts change and an alert when it rises to a configured
 * threshold or a parameter newly scores 3. Missing parameters are listed, never assumed normal.
 *
 * <pre>{@code
 * News2Result news2 = series.getCleaned().apply("ScoreNews2",
 *     ScoreNews2.withConfig(VitalsConfig.defaults()));
 * }</pre>
 */
@AutoValue
public abstract class ScoreNews2 extends PTransform<PCollection<CleanedVital>, News2Result> {
  private static final long serialVersionUID = 1L;

  abstract VitalsConfig config();

  abstract Duration allowedLateness();

  abstract int keyShards();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setConfig(VitalsConfig value);

    abstract Builder setAllowedLateness(Duration value);

    abstract Builder setKeyShards(int value);

    abstract ScoreNews2 build();
  }

  public static ScoreNews2 withConfig(VitalsConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new AutoValue_ScoreNews2.Builder()
        .setConfig(config)
        .setAllowedLateness(Duration.ZERO)
        .setKeyShards(CleanVitalSeries.DEFAULT_KEY_SHARDS)
        .build();
  }

  /** How long after the watermark a value waits for older ones (0 to 1 hour). */
  public ScoreNews2 withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return toBuilder().setAllowedLateness(lateness).build();
  }

  /** Runner keys of the keyed step (0 = one per patient, up to 65,536). */
  public ScoreNews2 withKeyShards(int shards) {
    if (shards < 0 || shards > ApplyInEventTimeOrder.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "keyShards must be between 0 and "
              + ApplyInEventTimeOrder.MAX_SHARDS
              + ", got "
              + shards);
    }
    return toBuilder().setKeyShards(shards).build();
  }

  @Override
  public News2Result expand(PCollection<CleanedVital> cleaned) {
    TupleTag<News2Score> scoreTag = new TupleTag<>("scores");
    TupleTag<VitalAlert> alertTag = new TupleTag<>("alerts");
    PCollectionTuple out =
        cleaned
            .apply("MeasuredParameters", ParDo.of(new ParameterFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), ParameterValue.Coder.INSTANCE))
            .apply(
                "ScoreInOrder",
                ApplyInEventTimeOrder.of(new ScoreProcessor(config()), ScoreOutput.Coder.of())
                    .withAllowedLateness(allowedLateness())
                    .withShards(keyShards()))
            .getOutput()
            .apply(
                "SplitScores",
                ParDo.of(new SplitFn(alertTag))
                    .withOutputTags(scoreTag, TupleTagList.of(alertTag)));
    SchemaRegistry schemas = cleaned.getPipeline().getSchemaRegistry();
    return new News2Result(
        cleaned.getPipeline(),
        out.get(scoreTag).setCoder(CleanVitalSeries.schemaCoder(schemas, News2Score.class)),
        out.get(alertTag).setCoder(CleanVitalSeries.schemaCoder(schemas, VitalAlert.class)));
  }

  /** Measured values of NEWS2 parameters, each followed by its instant's sentinel, by patient. */
  static final class ParameterFn extends DoFn<CleanedVital, KV<String, ParameterValue>> {
    @ProcessElement
    public void process(@Element CleanedVital v, OutputReceiver<KV<String, ParameterValue>> out) {
      if (v.getImputed() || News2.index(v.getMetric()) < 0) {
        return;
      }
      ParameterValue p = ParameterValue.of(v);
      out.output(KV.of(p.patientId, p));
      out.output(KV.of(p.patientId, p.sentinel()));
    }
  }

  static final class SplitFn extends DoFn<ScoreOutput, News2Score> {
    private final TupleTag<VitalAlert> alertTag;
    private final Counter scores = Metrics.counter("rtp", "vitals.news2_scores");
    private final Counter alerts = Metrics.counter("rtp", "vitals.alerts");

    SplitFn(TupleTag<VitalAlert> alertTag) {
      this.alertTag = alertTag;
    }

    @ProcessElement
    public void process(@Element ScoreOutput o, MultiOutputReceiver out) {
      if (o.score != null) {
        scores.inc();
        out.get(new TupleTag<News2Score>("scores")).output(o.score);
      } else {
        alerts.inc();
        JobMetrics.vitalAlert();
        out.get(alertTag).output(o.alert);
      }
    }
  }
}
