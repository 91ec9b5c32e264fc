package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/** One measured NEWS2 parameter in a score: its newest cleaned value and the points it scored. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"parameter", "value", "points", "measuredAt"})
@AutoValue
public abstract class News2Part {
  /** Metric wire name, e.g. {@code resp_rate}. */
  public abstract String getParameter();

  /** Newest cleaned measured value, in the metric's unit. */
  public abstract double getValue();

  /** Points (0 to 3) by the NEWS2 table. */
  public abstract int getPoints();

  /** When that value was measured, UTC. */
  public abstract Instant getMeasuredAt();

  public static News2Part create(String parameter, double value, int points, Instant measuredAt) {
    return new AutoValue_News2Part(parameter, value, points, measuredAt);
  }
}
