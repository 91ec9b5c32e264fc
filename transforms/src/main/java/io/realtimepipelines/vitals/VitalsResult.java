package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalSign;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link MonitorVitals} produces. Every input reading ends in exactly one of the cleaned
 * series (measured), review or late; the other outputs are derived.
 */
public final class VitalsResult implements POutput {
  private final Pipeline pipeline;
  private final CleanedSeries series;
  private final News2Result news2;
  private final PCollection<VitalQuality> quality;

  VitalsResult(
      Pipeline pipeline,
      CleanedSeries series,
      News2Result news2,
      PCollection<VitalQuality> quality) {
    this.pipeline = pipeline;
    this.series = series;
    this.news2 = news2;
    this.quality = quality;
  }

  public PCollection<CleanedVital> getCleaned() {
    return series.getCleaned();
  }

  public PCollection<ReviewedVital> getReview() {
    return series.getReview();
  }

  public PCollection<VitalGap> getGaps() {
    return series.getGaps();
  }

  public PCollection<VitalSign> getLate() {
    return series.getLate();
  }

  public PCollection<News2Score> getScores() {
    return news2.getScores();
  }

  public PCollection<VitalAlert> getAlerts() {
    return news2.getAlerts();
  }

  public PCollection<VitalQuality> getQuality() {
    return quality;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> all = new java.util.LinkedHashMap<>(series.expand());
    all.putAll(news2.expand());
    all.put(new TupleTag<VitalQuality>("quality"), quality);
    return all;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
