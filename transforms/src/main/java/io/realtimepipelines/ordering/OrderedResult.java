package io.realtimepipelines.ordering;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** What {@link ApplyInEventTimeOrder} produces: the outputs, and the events that came too late. */
public final class OrderedResult<E, O> implements POutput {
  private final Pipeline pipeline;
  private final TupleTag<O> outputTag;
  private final PCollection<O> output;
  private final TupleTag<E> lateTag;
  private final PCollection<E> late;

  OrderedResult(
      Pipeline pipeline,
      TupleTag<O> outputTag,
      PCollection<O> output,
      TupleTag<E> lateTag,
      PCollection<E> late) {
    this.pipeline = pipeline;
    this.outputTag = outputTag;
    this.output = output;
    this.lateTag = lateTag;
    this.late = late;
  }

  /** What the processor emitted, timestamped with the event that produced it. */
  public PCollection<O> getOutput() {
    return output;
  }

  /** Events older than one their key had already applied, unchanged. */
  public PCollection<E> getLate() {
    return late;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(outputTag, output, lateTag, late);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
