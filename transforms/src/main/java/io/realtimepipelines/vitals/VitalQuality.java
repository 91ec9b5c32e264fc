package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Data quality of one patient's device (or of all the patient's devices: {@code deviceId} "*") in
 * one event-time window. Everything counts in the window of the reading that revealed it (a gap in
 * the window where it ends). Expected readings = accepted + imputed + missing in gaps.
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "patientId",
  "deviceId",
  "windowStart",
  "windowEnd",
  "readings",
  "accepted",
  "flagged",
  "imputed",
  "gaps",
  "gapSeconds",
  "missingReadings",
  "completenessBefore",
  "completenessAfter",
  "shareFlagged",
  "shareImputed",
  "configVersion"
})
@AutoValue
public abstract class VitalQuality {
  /** Patient (a pseudonym when the job pseudonymises). */
  public abstract String getPatientId();

  /** Device, or {@code *} for all the patient's devices. */
  public abstract String getDeviceId();

  /** Window start, UTC (inclusive). */
  public abstract Instant getWindowStart();

  /** Window end, UTC (exclusive). */
  public abstract Instant getWindowEnd();

  /** Valid readings received (accepted + flagged). */
  public abstract long getReadings();

  /** Readings in the cleaned series. */
  public abstract long getAccepted();

  /** Readings sent to review. */
  public abstract long getFlagged();

  /** Values imputed in short gaps. */
  public abstract long getImputed();

  /** Gaps too long to fill. */
  public abstract long getGaps();

  /** Their total length, seconds. */
  public abstract double getGapSeconds();

  /** Readings the cadence expected inside those gaps. */
  public abstract long getMissingReadings();

  /** Readings received / expected, at most 1; absent when nothing was expected. */
  public abstract @Nullable Double getCompletenessBefore();

  /** (Accepted + imputed) / expected; absent when nothing was expected. */
  public abstract @Nullable Double getCompletenessAfter();

  /** Flagged / readings; absent without readings. */
  public abstract @Nullable Double getShareFlagged();

  /** Imputed / (accepted + imputed); absent when both are 0. */
  public abstract @Nullable Double getShareImputed();

  /** {@code version} of the vitals rules in force. */
  public abstract String getConfigVersion();

  /** The record of {@code counts} in one window, with its ratios. */
  public static VitalQuality of(
      String patientId,
      String deviceId,
      Instant start,
      Instant end,
      QualityCounts counts,
      String configVersion) {
    long expected = counts.accepted + counts.imputed + counts.missingReadings;
    long readings = counts.accepted + counts.flagged;
    return new AutoValue_VitalQuality(
        patientId,
        deviceId,
        start,
        end,
        readings,
        counts.accepted,
        counts.flagged,
        counts.imputed,
        counts.gaps,
        counts.gapMillis / 1000.0,
        counts.missingReadings,
        expected == 0 ? null : ratio(Math.min(readings, expected), expected),
        expected == 0 ? null : ratio(counts.accepted + counts.imputed, expected),
        readings == 0 ? null : ratio(counts.flagged, readings),
        counts.accepted + counts.imputed == 0
            ? null
            : ratio(counts.imputed, counts.accepted + counts.imputed),
        configVersion);
  }

  /** {@code a / b} rounded to 4 decimals. */
  static double ratio(long a, long b) {
    return Math.round(a * 10_000.0 / b) / 10_000.0;
  }
}
