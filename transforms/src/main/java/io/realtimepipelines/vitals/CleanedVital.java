package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import io.realtimepipelines.model.VitalMetric;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One point of a device's cleaned series: a reading that passed every check, or a value imputed
 * inside a short gap ({@code imputed=true}, with the method and the two readings it came from).
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "patientId",
  "deviceId",
  "metric",
  "value",
  "unit",
  "timestamp",
  "imputed",
  "method",
  "imputedFrom",
  "flags",
  "provenance"
})
@AutoValue
public abstract class CleanedVital {
  /** Patient (a pseudonym when the job pseudonymises). */
  public abstract String getPatientId();

  /** Device of the series. */
  public abstract String getDeviceId();

  /** What was measured. */
  public abstract VitalMetric getMetric();

  /** Value in {@link #getUnit()}; imputed values are rounded to 0.01. */
  public abstract double getValue();

  /** Always the metric's unit ({@link VitalMetric#unit()}). */
  public abstract String getUnit();

  /** Event time of the value, UTC. */
  public abstract Instant getTimestamp();

  /** True for a value filled in by interpolation, false for a measured one. */
  public abstract boolean getImputed();

  /** How an imputed value was computed ({@code linear}); absent for measured values. */
  public abstract @Nullable String getMethod();

  /** The two measured readings an imputed value lies between; empty for measured values. */
  public abstract List<SourceReading> getImputedFrom();

  /** {@code abnormal_low} / {@code abnormal_high}: plausible but outside the normal range. */
  public abstract List<String> getFlags();

  /** Where the value came from and what was done to it. */
  public abstract Provenance getProvenance();

  public static CleanedVital create(
      String patientId,
      String deviceId,
      VitalMetric metric,
      double value,
      Instant timestamp,
      boolean imputed,
      @Nullable String method,
      List<SourceReading> imputedFrom,
      List<String> flags,
      Provenance provenance) {
    return new AutoValue_CleanedVital(
        patientId,
        deviceId,
        metric,
        value,
        metric.unit(),
        timestamp,
        imputed,
        method,
        List.copyOf(imputedFrom),
        List.copyOf(flags),
        provenance);
  }
}
