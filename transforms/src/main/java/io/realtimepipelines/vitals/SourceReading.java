package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/** A measured reading an imputed value was interpolated from. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"timestamp", "value", "sourcePosition"})
@AutoValue
public abstract class SourceReading {
  /** When it was measured, UTC. */
  public abstract Instant getTimestamp();

  /** Its value, in the metric's unit. */
  public abstract double getValue();

  /** Where the source delivered it. */
  public abstract String getSourcePosition();

  public static SourceReading create(Instant timestamp, double value, String sourcePosition) {
    return new AutoValue_SourceReading(timestamp, value, sourcePosition);
  }
}
