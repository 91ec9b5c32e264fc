package io.realtimepipelines.vitals;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import io.realtimepipelines.ordering.OrderedResult;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Validates vital-sign readings for review and cleans each device's series, in event time per
 * patient and metric: units normalised (Fahrenheit to Celsius, the original kept), implausible
 * readings, readings that conflict at one instant, jumps against the device's rolling median and
 * flat lines from stuck sensors go to review; the rest form the cleaned series, flagged when
 * abnormal, with short gaps interpolated at the device's cadence and long ones reported. Every
 * value carries its provenance. The README's "vitals" section defines each rule; the results equal
 * {@link VitalsModel}'s whatever the runner or arrival order.
 *
 * <pre>{@code
 * CleanedSeries series = readings.apply("CleanVitalSeries",
 *     CleanVitalSeries.withConfig(VitalsConfig.defaults()).withPipelineInfo("vitals", "1.0"));
 * }</pre>
 *
 * <p>How an instant is decided: each reading is followed into the keyed step by a sentinel that
 * sorts after every reading of its instant, so the step sees all readings of an instant before it
 * decides any (conflicts need all of them). A reading older than one its series already applied
 * goes to {@link CleanedSeries#getLate()} unchanged: the series is not corrected afterwards. Needs
 * event-time timers (Spark: batch only).
 */
@AutoValue
public abstract class CleanVitalSeries extends PTransform<PCollection<VitalSign>, CleanedSeries> {
  private static final long serialVersionUID = 1L;

  /** Runner keys the keyed step spreads series over by default. */
  public static final int DEFAULT_KEY_SHARDS = 128;

  abstract VitalsConfig config();

  abstract String pipelineName();

  abstract String pipelineVersion();

  abstract Duration allowedLateness();

  abstract int keyShards();

  abstract boolean pseudonymised();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setConfig(VitalsConfig value);

    abstract Builder setPipelineName(String value);

    abstract Builder setPipelineVersion(String value);

    abstract Builder setAllowedLateness(Duration value);

    abstract Builder setKeyShards(int value);

    abstract Builder setPseudonymised(boolean value);

    abstract CleanVitalSeries build();
  }

  /** Cleans with {@code config}; no lateness, {@value #DEFAULT_KEY_SHARDS} key shards. */
  public static CleanVitalSeries withConfig(VitalsConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new AutoValue_CleanVitalSeries.Builder()
        .setConfig(config)
        .setPipelineName("unnamed")
        .setPipelineVersion("dev")
        .setAllowedLateness(Duration.ZERO)
        .setKeyShards(DEFAULT_KEY_SHARDS)
        .setPseudonymised(false)
        .build();
  }

  /** Name and version of the job, written into every provenance. */
  public CleanVitalSeries withPipelineInfo(String name, String version) {
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      throw new IllegalArgumentException(
          "pipeline name and version must be non-blank, got '" + name + "', '" + version + "'");
    }
    return toBuilder().setPipelineName(name).setPipelineVersion(version).build();
  }

  /** How long after the watermark a reading waits for older ones (0 to 1 hour). */
  public CleanVitalSeries withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return toBuilder().setAllowedLateness(lateness).build();
  }

  /**
   * Runner keys of the keyed step (0 = one per series, up to 65,536); results do not depend on it.
   */
  public CleanVitalSeries withKeyShards(int shards) {
    if (shards < 0 || shards > ApplyInEventTimeOrder.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "keyShards must be between 0 and "
              + ApplyInEventTimeOrder.MAX_SHARDS
              + ", got "
              + shards);
    }
    return toBuilder().setKeyShards(shards).build();
  }

  /** Whether patient ids were pseudonymised upstream: recorded as a provenance step. */
  public CleanVitalSeries withPseudonymisedIds(boolean pseudonymised) {
    return toBuilder().setPseudonymised(pseudonymised).build();
  }

  @Override
  public CleanedSeries expand(PCollection<VitalSign> input) {
    SeriesCleaner cleaner = new SeriesCleaner(config(), pipelineName(), pipelineVersion());
    TupleTag<VitalReading> plausible = new TupleTag<>("plausible");
    TupleTag<ReviewedVital> implausible = new TupleTag<>("implausible");
    PCollectionTuple checked =
        input.apply(
            "CheckPlausibility",
            ParDo.of(new PlausibilityFn(cleaner, pseudonymised(), plausible, implausible))
                .withOutputTags(plausible, TupleTagList.of(implausible)));
    OrderedResult<VitalReading, SeriesOutput> ordered =
        checked
            .get(plausible)
            .setCoder(VitalReading.Coder.of())
            .apply("AddSentinels", ParDo.of(new SentinelFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VitalReading.Coder.of()))
            .apply(
                "CleanInOrder",
                ApplyInEventTimeOrder.of(
                        new SeriesProcessor(config(), pipelineName(), pipelineVersion()),
                        SeriesOutput.Coder.of())
                    .withAllowedLateness(allowedLateness())
                    .withShards(keyShards()));
    TupleTag<CleanedVital> cleanedTag = new TupleTag<>("cleaned");
    TupleTag<ReviewedVital> reviewTag = new TupleTag<>("review");
    TupleTag<VitalGap> gapTag = new TupleTag<>("gaps");
    PCollectionTuple split =
        ordered
            .getOutput()
            .apply(
                "SplitOutputs",
                ParDo.of(new SplitFn(reviewTag, gapTag))
                    .withOutputTags(cleanedTag, TupleTagList.of(reviewTag).and(gapTag)));
    SchemaRegistry schemas = input.getPipeline().getSchemaRegistry();
    Coder<ReviewedVital> reviewCoder = schemaCoder(schemas, ReviewedVital.class);
    PCollection<CleanedVital> cleaned =
        split.get(cleanedTag).setCoder(schemaCoder(schemas, CleanedVital.class));
    PCollection<ReviewedVital> review =
        PCollectionList.of(checked.get(implausible).setCoder(reviewCoder))
            .and(split.get(reviewTag).setCoder(reviewCoder))
            .apply("AllReview", Flatten.pCollections());
    PCollection<VitalGap> gaps = split.get(gapTag).setCoder(schemaCoder(schemas, VitalGap.class));
    PCollection<VitalSign> late =
        ordered
            .getLate()
            .apply("LateReadings", ParDo.of(new LateFn()))
            .setCoder(schemaCoder(schemas, VitalSign.class));
    KvCoder<KV<String, String>, QualityCounts> countsCoder =
        KvCoder.of(
            KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), QualityCounts.CountsCoder.of());
    PCollection<KV<KV<String, String>, QualityCounts>> quality =
        PCollectionList.of(
                cleaned
                    .apply(
                        "CleanedCounts",
                        ParDo.of(
                            new CountFn<CleanedVital>(
                                v ->
                                    KV.of(
                                        KV.of(v.getPatientId(), v.getDeviceId()),
                                        QualityCounts.of(v)))))
                    .setCoder(countsCoder))
            .and(
                review
                    .apply(
                        "ReviewCounts",
                        ParDo.of(
                            new CountFn<ReviewedVital>(
                                v ->
                                    KV.of(
                                        KV.of(v.getPatientId(), v.getDeviceId()),
                                        QualityCounts.of(v)))))
                    .setCoder(countsCoder))
            .and(
                gaps.apply(
                        "GapCounts",
                        ParDo.of(
                            new CountFn<VitalGap>(
                                v ->
                                    KV.of(
                                        KV.of(v.getPatientId(), v.getDeviceId()),
                                        QualityCounts.of(v)))))
                    .setCoder(countsCoder))
            .apply("AllQualityCounts", Flatten.pCollections());
    return new CleanedSeries(input.getPipeline(), cleaned, review, gaps, late, quality);
  }

  static <T> Coder<T> schemaCoder(SchemaRegistry registry, Class<T> type) {
    try {
      return registry.getSchemaCoder(type);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException(type + " has no schema", e);
    }
  }

  /** Normalises units; sends implausible readings to review, counted. */
  static final class PlausibilityFn extends DoFn<VitalSign, VitalReading> {
    private final SeriesCleaner cleaner;
    private final boolean pseudonymised;
    private final TupleTag<VitalReading> plausible;
    private final TupleTag<ReviewedVital> implausible;
    private final Counter readings = Metrics.counter("rtp", "vitals.readings");
    private final Counter converted = Metrics.counter("rtp", "vitals.unit_converted");
    private final Counter flagged = Metrics.counter("rtp", "vitals.review.IMPLAUSIBLE");

    PlausibilityFn(
        SeriesCleaner cleaner,
        boolean pseudonymised,
        TupleTag<VitalReading> plausible,
        TupleTag<ReviewedVital> implausible) {
      this.cleaner = cleaner;
      this.pseudonymised = pseudonymised;
      this.plausible = plausible;
      this.implausible = implausible;
    }

    @ProcessElement
    public void process(@Element VitalSign sign, MultiOutputReceiver out) {
      readings.inc();
      VitalReading r = VitalReading.of(sign, pseudonymised);
      if (r.converted()) {
        converted.inc();
      }
      ReviewedVital review = cleaner.implausible(r);
      if (review == null) {
        out.get(plausible).output(r);
      } else {
        flagged.inc();
        JobMetrics.vitalFlagged("IMPLAUSIBLE");
        out.get(implausible).output(review);
      }
    }
  }

  /** Each reading, then its instant's sentinel, keyed by patient and metric. */
  static final class SentinelFn extends DoFn<VitalReading, KV<String, VitalReading>> {
    @ProcessElement
    public void process(@Element VitalReading r, OutputReceiver<KV<String, VitalReading>> out) {
      String key = r.seriesKey();
      out.output(KV.of(key, r));
      out.output(KV.of(key, r.sentinel()));
    }
  }

  /** Splits the keyed step's outputs, counting each kind. */
  static final class SplitFn extends DoFn<SeriesOutput, CleanedVital> {
    private final TupleTag<ReviewedVital> reviewTag;
    private final TupleTag<VitalGap> gapTag;
    private final Counter accepted = Metrics.counter("rtp", "vitals.accepted");
    private final Counter imputed = Metrics.counter("rtp", "vitals.imputed");
    private final Counter gaps = Metrics.counter("rtp", "vitals.gaps");
    private final Counter gapSeconds = Metrics.counter("rtp", "vitals.gap_seconds");
    private final Map<ReviewReason, Counter> review = new EnumMap<>(ReviewReason.class);

    SplitFn(TupleTag<ReviewedVital> reviewTag, TupleTag<VitalGap> gapTag) {
      this.reviewTag = reviewTag;
      this.gapTag = gapTag;
      for (ReviewReason r : ReviewReason.values()) {
        review.put(r, Metrics.counter("rtp", "vitals.review." + r.name()));
      }
    }

    @ProcessElement
    public void process(@Element SeriesOutput o, MultiOutputReceiver out) {
      if (o.cleaned != null) {
        (o.cleaned.getImputed() ? imputed : accepted).inc();
        if (o.cleaned.getImputed()) {
          JobMetrics.vitalImputed();
        }
        out.get(new TupleTag<CleanedVital>("cleaned")).output(o.cleaned);
      } else if (o.review != null) {
        review.get(o.review.getReason()).inc();
        JobMetrics.vitalFlagged(o.review.getReason().name());
        out.get(reviewTag).output(o.review);
      } else {
        gaps.inc();
        gapSeconds.inc(Math.round(o.gap.getLengthSeconds()));
        out.get(gapTag).output(o.gap);
      }
    }
  }

  /** Late readings as they came in (sentinels dropped: they only mark instants), counted. */
  static final class LateFn extends DoFn<VitalReading, VitalSign> {
    private final Counter late = Metrics.counter("rtp", "vitals.late");

    @ProcessElement
    public void process(@Element VitalReading r, OutputReceiver<VitalSign> out) {
      if (r.sentinel) {
        return;
      }
      late.inc();
      JobMetrics.late("vitals");
      VitalSign sign =
          VitalSign.of(
              r.patientId,
              r.deviceId,
              r.metric,
              r.originalValue,
              r.originalUnit,
              new Instant(r.timestamp));
      out.output(sign.withSourcePosition(r.sourcePosition));
    }
  }

  /** What an output adds to its quality windows: once for its device, once for all devices. */
  static final class CountFn<T> extends DoFn<T, KV<KV<String, String>, QualityCounts>> {
    private final org.apache.beam.sdk.transforms.SerializableFunction<
            T, KV<KV<String, String>, QualityCounts>>
        count;

    CountFn(
        org.apache.beam.sdk.transforms.SerializableFunction<
                T, KV<KV<String, String>, QualityCounts>>
            count) {
      this.count = count;
    }

    @ProcessElement
    public void process(@Element T v, OutputReceiver<KV<KV<String, String>, QualityCounts>> out) {
      KV<KV<String, String>, QualityCounts> kv = count.apply(v);
      out.output(kv);
      out.output(KV.of(KV.of(kv.getKey().getKey(), "*"), kv.getValue()));
    }
  }
}
