package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalSign;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link CleanVitalSeries} produces. Every input reading ends in exactly one of the cleaned
 * series (as a measured value), review or late; imputed values and gaps are added.
 */
public final class CleanedSeries implements POutput {
  private final Pipeline pipeline;
  private final PCollection<CleanedVital> cleaned;
  private final PCollection<ReviewedVital> review;
  private final PCollection<VitalGap> gaps;
  private final PCollection<VitalSign> late;
  private final PCollection<KV<KV<String, String>, QualityCounts>> quality;

  CleanedSeries(
      Pipeline pipeline,
      PCollection<CleanedVital> cleaned,
      PCollection<ReviewedVital> review,
      PCollection<VitalGap> gaps,
      PCollection<VitalSign> late,
      PCollection<KV<KV<String, String>, QualityCounts>> quality) {
    this.pipeline = pipeline;
    this.cleaned = cleaned;
    this.review = review;
    this.gaps = gaps;
    this.late = late;
    this.quality = quality;
  }

  /** The cleaned series: measured values that passed every check, and imputed ones. */
  public PCollection<CleanedVital> getCleaned() {
    return cleaned;
  }

  /** Readings kept out of the series, with the reason. */
  public PCollection<ReviewedVital> getReview() {
    return review;
  }

  /** Gaps too long to fill. */
  public PCollection<VitalGap> getGaps() {
    return gaps;
  }

  /** Readings older than one their series had already applied, unchanged (not corrected). */
  public PCollection<VitalSign> getLate() {
    return late;
  }

  /**
   * What each output adds to its quality window, keyed by (patient, device) and (patient, "*"),
   * timestamped with the reading that produced it: the input of {@link MeasureVitalQuality}.
   */
  public PCollection<KV<KV<String, String>, QualityCounts>> getQualityCounts() {
    return quality;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(
        new TupleTag<CleanedVital>("cleaned"), cleaned,
        new TupleTag<ReviewedVital>("review"), review,
        new TupleTag<VitalGap>("gaps"), gaps,
        new TupleTag<VitalSign>("late"), late,
        new TupleTag<KV<KV<String, String>, QualityCounts>>("qualityCounts"), quality);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
