package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import io.realtimepipelines.model.VitalMetric;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/**
 * A gap too long to fill, for manual review: nothing was invented inside it. From the last accepted
 * reading before it to the first after it.
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "patientId",
  "deviceId",
  "metric",
  "start",
  "end",
  "lengthSeconds",
  "cadenceSeconds",
  "missingReadings",
  "configVersion"
})
@AutoValue
public abstract class VitalGap {
  /** Patient (a pseudonym when the job pseudonymises). */
  public abstract String getPatientId();

  /** Device of the series. */
  public abstract String getDeviceId();

  /** Metric of the series. */
  public abstract VitalMetric getMetric();

  /** Time of the last accepted reading before the gap, UTC. */
  public abstract Instant getStart();

  /** Time of the first accepted reading after the gap, UTC. */
  public abstract Instant getEnd();

  /** {@code end - start} in seconds. */
  public abstract double getLengthSeconds();

  /** The device's expected cadence, seconds. */
  public abstract double getCadenceSeconds();

  /** Readings the cadence expected inside the gap: round(length / cadence) - 1. */
  public abstract long getMissingReadings();

  /** {@code version} of the vitals rules in force. */
  public abstract String getConfigVersion();

  public static VitalGap create(
      String patientId,
      String deviceId,
      VitalMetric metric,
      Instant start,
      Instant end,
      double cadenceSeconds,
      long missingReadings,
      String configVersion) {
    return new AutoValue_VitalGap(
        patientId,
        deviceId,
        metric,
        start,
        end,
        (end.getMillis() - start.getMillis()) / 1000.0,
        cadenceSeconds,
        missingReadings,
        configVersion);
  }
}
