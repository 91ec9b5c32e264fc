package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** One measurement of a patient's vital sign by a device. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"patientId", "deviceId", "metric", "value", "unit", "timestamp"})
@AutoValue
public abstract class VitalSign implements Event {

  /** Patient measured; never logged in clear. */
  public abstract String getPatientId();

  /** Device that took the measurement. */
  public abstract String getDeviceId();

  /** What was measured. */
  public abstract VitalMetric getMetric();

  /** Measured value in {@link #getUnit()}, or in the metric's unit when that is absent. */
  public abstract double getValue();

  /**
   * Unit as sent by the device, when it sent one: the metric's unit ({@link VitalMetric#unit()}),
   * or {@code fahrenheit} for temperature ({@link VitalMetric#accepts}).
   */
  public abstract @Nullable String getUnit();

  /** Event time (when measured), UTC. */
  public abstract Instant getTimestamp();

  /**
   * Where the source delivered the reading ({@code file:line}, {@code topic/partition/offset},
   * {@code generator:n}), set by the validation step for provenance; not part of the JSON form.
   */
  @JsonIgnore
  public abstract @Nullable String getSourcePosition();

  /** A reading is identified by patient, device, metric and time. */
  @Override
  public String dedupKey() {
    return getPatientId()
        + "|"
        + getDeviceId()
        + "|"
        + getMetric().wireName()
        + "@"
        + getTimestamp().getMillis();
  }

  @Override
  public Instant eventTime() {
    return getTimestamp();
  }

  @Override
  public VitalSign withSourcePosition(String position) {
    return new AutoValue_VitalSign(
        getPatientId(),
        getDeviceId(),
        getMetric(),
        getValue(),
        getUnit(),
        getTimestamp(),
        position);
  }

  /** This reading with another patient id (e.g. a pseudonym); everything else kept. */
  public VitalSign withPatientId(String patientId) {
    return new AutoValue_VitalSign(
        patientId,
        getDeviceId(),
        getMetric(),
        getValue(),
        getUnit(),
        getTimestamp(),
        getSourcePosition());
  }

  public static VitalSign of(
      String patientId,
      String deviceId,
      VitalMetric metric,
      double value,
      @Nullable String unit,
      Instant timestamp) {
    return new AutoValue_VitalSign(patientId, deviceId, metric, value, unit, timestamp, null);
  }
}
