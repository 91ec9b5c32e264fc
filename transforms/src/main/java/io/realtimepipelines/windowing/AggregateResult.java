package io.realtimepipelines.windowing;

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
 * What {@link AggregateWindows} produces: every input element is aggregated into the panes of its
 * open windows ({@link #getPanes()}) or, if all its windows were already closed for its key, is in
 * {@link #getLateData()}; never both, never neither.
 */
public final class AggregateResult<K, V, OutputT> implements POutput {
  /** Pipeline the outputs belong to. */
  private final Pipeline pipeline;

  /** Tag of {@link #panes}. */
  private final TupleTag<WindowPane<K, OutputT>> panesTag;

  /** Panes of all keys and windows. */
  private final PCollection<WindowPane<K, OutputT>> panes;

  /** Tag of {@link #lateData}. */
  private final TupleTag<KV<K, V>> lateDataTag;

  /** Too-late input elements. */
  private final PCollection<KV<K, V>> lateData;

  AggregateResult(
      Pipeline pipeline,
      TupleTag<WindowPane<K, OutputT>> panesTag,
      PCollection<WindowPane<K, OutputT>> panes,
      TupleTag<KV<K, V>> lateDataTag,
      PCollection<KV<K, V>> lateData) {
    this.pipeline = pipeline;
    this.panesTag = panesTag;
    this.panes = panes;
    this.lateDataTag = lateDataTag;
    this.lateData = lateData;
  }

  /** Panes per key and window, in the global window, timestamped with the window's last ms. */
  public PCollection<WindowPane<K, OutputT>> getPanes() {
    return panes;
  }

  /** Too-late input elements, unchanged and with their original event timestamps. */
  public PCollection<KV<K, V>> getLateData() {
    return lateData;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(panesTag, panes, lateDataTag, lateData);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
