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
 * applied in order, and the events of products without a valid catalog entry (counted in {@code
 * rtp/pricing.skipped_*}).
 */
public final class PricingResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<PriceUpdate> updates;
  private final PCollection<PricingEvent> late;
  private final PCollection<PricingEvent> unpriced;

  PricingResult(
      Pipeline pipeline,
      PCollection<PriceUpdate> updates,
      PCollection<PricingEvent> late,
      PCollection<PricingEvent> unpriced) {
    this.pipeline = pipeline;
    this.updates = updates;
    this.late = late;
    this.unpriced = unpriced;
  }

  /** Events of products without a valid catalog entry: not priced, counted, kept here. */
  public PCollection<PricingEvent> getUnpricedEvents() {
    return unpriced;
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
        new TupleTag<PricingEvent>("late"), late,
        new TupleTag<PricingEvent>("unpriced"), unpriced);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
