package io.realtimepipelines.validation;

import io.realtimepipelines.model.DeadLetter;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link ParseEvents} produces: every input record is in exactly one of {@link #getValid()},
 * {@link #getDeadLetters()} and {@link #getDuplicates()}.
 */
public final class ParseResult<T> implements POutput {
  private final Pipeline pipeline;
  private final TupleTag<T> validTag;
  private final PCollection<T> valid;
  private final TupleTag<DeadLetter> deadLetterTag;
  private final PCollection<DeadLetter> deadLetters;
  private final TupleTag<T> duplicateTag;
  private final PCollection<T> duplicates;

  ParseResult(
      Pipeline pipeline,
      TupleTag<T> validTag,
      PCollection<T> valid,
      TupleTag<DeadLetter> deadLetterTag,
      PCollection<DeadLetter> deadLetters,
      TupleTag<T> duplicateTag,
      PCollection<T> duplicates) {
    this.pipeline = pipeline;
    this.validTag = validTag;
    this.valid = valid;
    this.deadLetterTag = deadLetterTag;
    this.deadLetters = deadLetters;
    this.duplicateTag = duplicateTag;
    this.duplicates = duplicates;
  }

  /** Valid, first-seen events, timestamped with their event time. */
  public PCollection<T> getValid() {
    return valid;
  }

  /** Records that broke the event contract, with payload, reason and source position. */
  public PCollection<DeadLetter> getDeadLetters() {
    return deadLetters;
  }

  /** Valid events whose id was already seen within the deduplication horizon. */
  public PCollection<T> getDuplicates() {
    return duplicates;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(validTag, valid, deadLetterTag, deadLetters, duplicateTag, duplicates);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
