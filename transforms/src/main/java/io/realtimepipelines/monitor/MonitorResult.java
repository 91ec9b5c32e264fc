package io.realtimepipelines.monitor;

import io.realtimepipelines.model.MetricSample;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link MonitorMetrics} produces. Every input sample is counted in exactly one window's
 * statistics or is in {@link #getLate()}; alerts are derived from the statistics.
 */
public final class MonitorResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<WindowStats> stats;
  private final PCollection<MetricAlert> alerts;
  private final PCollection<MetricSample> late;

  MonitorResult(
      Pipeline pipeline,
      PCollection<WindowStats> stats,
      PCollection<MetricAlert> alerts,
      PCollection<MetricSample> late) {
    this.pipeline = pipeline;
    this.stats = stats;
    this.alerts = alerts;
    this.late = late;
  }

  /** Statistics per series and window: the ON_TIME result, then one LATE update per late sample. */
  public PCollection<WindowStats> getStats() {
    return stats;
  }

  /** Alert state changes with their evidence. */
  public PCollection<MetricAlert> getAlerts() {
    return alerts;
  }

  /** Samples whose window had closed (beyond the allowed lateness), unchanged. */
  public PCollection<MetricSample> getLate() {
    return late;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(
        new TupleTag<WindowStats>("stats"),
        stats,
        new TupleTag<MetricAlert>("alerts"),
        alerts,
        new TupleTag<MetricSample>("late"),
        late);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
