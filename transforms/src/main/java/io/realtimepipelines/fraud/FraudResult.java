package io.realtimepipelines.fraud;

import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.TransactionCoder;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link ScoreFraud} produces: one decision per transaction, or the transaction in the late
 * output. Alerts are the REVIEW and BLOCK decisions, also present in the decisions.
 *
 * <p>The collections are coded with {@link DecisionCoder} and {@link TransactionCoder}, not with
 * the types' schema coders: to apply a schema transform ({@code Select}, {@code Convert}, SQL),
 * first copy the collection into one coded with the schema coder from the schema registry.
 */
public final class FraudResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<Decision> decisions;
  private final PCollection<Decision> alerts;
  private final PCollection<Transaction> late;

  FraudResult(
      Pipeline pipeline,
      PCollection<Decision> decisions,
      PCollection<Decision> alerts,
      PCollection<Transaction> late) {
    this.pipeline = pipeline;
    this.decisions = decisions;
    this.alerts = alerts;
    this.late = late;
  }

  /** Every decision, emitted as soon as the watermark passes the transaction's time. */
  public PCollection<Decision> getDecisions() {
    return decisions;
  }

  /** The REVIEW and BLOCK decisions. */
  public PCollection<Decision> getAlerts() {
    return alerts;
  }

  /** Transactions older than one their key had already been scored with: not decided on. */
  public PCollection<Transaction> getLateTransactions() {
    return late;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(
        new TupleTag<Decision>("decisions"), decisions,
        new TupleTag<Decision>("alerts"), alerts,
        new TupleTag<Transaction>("late"), late);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
