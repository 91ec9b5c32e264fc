package io.realtimepipelines.vitals;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** What {@link ScoreNews2} produces: scores when they change, and alerts. */
public final class News2Result implements POutput {
  private final Pipeline pipeline;
  private final PCollection<News2Score> scores;
  private final PCollection<VitalAlert> alerts;

  News2Result(Pipeline pipeline, PCollection<News2Score> scores, PCollection<VitalAlert> alerts) {
    this.pipeline = pipeline;
    this.scores = scores;
    this.alerts = alerts;
  }

  /** A patient's score whenever it, a parameter's points or the missing parameters change. */
  public PCollection<News2Score> getScores() {
    return scores;
  }

  /** Upward threshold crossings and parameters newly at 3 points. */
  public PCollection<VitalAlert> getAlerts() {
    return alerts;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(
        new TupleTag<News2Score>("scores"), scores, new TupleTag<VitalAlert>("alerts"), alerts);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
