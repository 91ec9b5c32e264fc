package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A NEWS2 score crossed a configured threshold upwards, or a parameter newly scored 3: what
 * triggered it, the parameters that contributed points, and those missing.
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "patientId",
  "timestamp",
  "score",
  "level",
  "previousScore",
  "triggers",
  "contributions",
  "missing",
  "configVersion"
})
@AutoValue
public abstract class VitalAlert {
  /** Patient (a pseudonym when the job pseudonymises). */
  public abstract String getPatientId();

  /** Event time of the reading that raised it, UTC. */
  public abstract Instant getTimestamp();

  /** NEWS2 score of the measured parameters. */
  public abstract int getScore();

  /** Clinical risk band. */
  public abstract News2Level getLevel();

  /** Score at the patient's previous evaluation; absent for the first. */
  public abstract @Nullable Integer getPreviousScore();

  /** E.g. "score 6 reached threshold 5", "heart_rate scored 3". */
  public abstract List<String> getTriggers();

  /** Parameters with points above 0. */
  public abstract List<News2Part> getContributions();

  /** Parameters that could not be scored. */
  public abstract List<String> getMissing();

  /** {@code version} of the vitals rules in force. */
  public abstract String getConfigVersion();

  public static VitalAlert create(
      String patientId,
      Instant timestamp,
      int score,
      News2Level level,
      @Nullable Integer previousScore,
      List<String> triggers,
      List<News2Part> contributions,
      List<String> missing,
      String configVersion) {
    return new AutoValue_VitalAlert(
        patientId,
        timestamp,
        score,
        level,
        previousScore,
        List.copyOf(triggers),
        List.copyOf(contributions),
        List.copyOf(missing),
        configVersion);
  }
}
