package io.realtimepipelines.pricing;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link PriceProducts} produces: price updates, and the events that came too late to be
 * applied in order. Events of products without a valid catalog entry are counted
 * ({@code rtp/pricing.skipped_*}).
 */
public final class PricingResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<PriceUpdate> updates;
  private final PCollection<PricingEvent> late;

  PricingResult(Pipeline pipeline, PCollection<PriceUpdate> updates, PCollection<PricingEvent> late) {
    this.pipeline = pipeline;
    this.updates = updates;
    this.late = late;
  }

  /** One update per price change, timestamped with the event that caused it. */
  public PCollection<PriceUpdate> getUpdates() {
    return updates;
  }

  /** Events older than one their product had already applied, unchanged. */
  public PCollection<PricingEvent> getLateEvents() {
    return late;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(
        new TupleTag<PriceUpdate>("updates"), updates,
        new TupleTag<PricingEvent>("late"), late);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
