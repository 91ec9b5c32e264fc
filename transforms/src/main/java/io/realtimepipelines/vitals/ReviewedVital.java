package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import io.realtimepipelines.model.VitalMetric;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/**
 * A reading kept out of the cleaned series and out of every score, for a person to review: the
 * reading (converted to the metric's unit), why, and a sentence with the numbers behind it.
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "patientId",
  "deviceId",
  "metric",
  "value",
  "unit",
  "timestamp",
  "reason",
  "detail",
  "provenance"
})
@AutoValue
public abstract class ReviewedVital {
  /** Patient (a pseudonym when the job pseudonymises). */
  public abstract String getPatientId();

  /** Device that sent the reading. */
  public abstract String getDeviceId();

  /** What was measured. */
  public abstract VitalMetric getMetric();

  /** Value in {@link #getUnit()}. */
  public abstract double getValue();

  /** The metric's unit. */
  public abstract String getUnit();

  /** Event time of the reading, UTC. */
  public abstract Instant getTimestamp();

  /** Why it is under review. */
  public abstract ReviewReason getReason();

  /** The check's numbers, e.g. "168.0 is 100.5 from the rolling median 67.5 of 5 readings". */
  public abstract String getDetail();

  /** Where the reading came from and the checks it went through. */
  public abstract Provenance getProvenance();

  public static ReviewedVital create(
      String patientId,
      String deviceId,
      VitalMetric metric,
      double value,
      Instant timestamp,
      ReviewReason reason,
      String detail,
      Provenance provenance) {
    return new AutoValue_ReviewedVital(
        patientId, deviceId, metric, value, metric.unit(), timestamp, reason, detail, provenance);
  }
}
