package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a value came from and what was done to it: the source positions of the readings behind it
 * (one for a measured value, the two neighbours for an imputed one), the device, the job and rules
 * versions, the original value and unit when a unit was converted, and the steps applied, in order
 * (see the README's list of step names).
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "sourcePositions",
  "deviceId",
  "pipeline",
  "pipelineVersion",
  "configVersion",
  "originalValue",
  "originalUnit",
  "steps"
})
@AutoValue
public abstract class Provenance {
  /** {@code file:line}, {@code topic/partition/offset} or {@code generator:n} of each reading. */
  public abstract List<String> getSourcePositions();

  /** Device that measured the reading(s). */
  public abstract String getDeviceId();

  /** Job that produced the value. */
  public abstract String getPipeline();

  /** Version of the job's build. */
  public abstract String getPipelineVersion();

  /** {@code version} of the vitals rules in force. */
  public abstract String getConfigVersion();

  /** The value as the device sent it, when its unit was converted. */
  public abstract @Nullable Double getOriginalValue();

  /** The unit the device sent, when it was converted. */
  public abstract @Nullable String getOriginalUnit();

  /** Steps applied, in order, e.g. {@code validated}, {@code checked:plausible}. */
  public abstract List<String> getSteps();

  public static Provenance create(
      List<String> sourcePositions,
      String deviceId,
      String pipeline,
      String pipelineVersion,
      String configVersion,
      @Nullable Double originalValue,
      @Nullable String originalUnit,
      List<String> steps) {
    return new AutoValue_Provenance(
        List.copyOf(sourcePositions),
        deviceId,
        pipeline,
        pipelineVersion,
        configVersion,
        originalValue,
        originalUnit,
        List.copyOf(steps));
  }
}
