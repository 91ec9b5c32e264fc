package io.realtimepipelines.vitals;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.joda.time.Instant;

/**
 * A patient's NEWS2 from the cleaned series, emitted when the score, a parameter's points or the
 * set of missing parameters changes. The score sums the measured parameters only; missing ones are
 * listed, never assumed normal.
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "patientId",
  "timestamp",
  "score",
  "level",
  "parts",
  "missing",
  "configVersion"
})
@AutoValue
public abstract class News2Score {
  /** Patient (a pseudonym when the job pseudonymises). */
  public abstract String getPatientId();

  /** Event time of the reading that changed it, UTC. */
  public abstract Instant getTimestamp();

  /** Sum of the points of the measured parameters. */
  public abstract int getScore();

  /** Clinical risk band. */
  public abstract News2Level getLevel();

  /** The measured parameters, in NEWS2 order. */
  public abstract List<News2Part> getParts();

  /**
   * Parameters without a value younger than {@code news2.maxAgeMinutes}, and those never measured.
   */
  public abstract List<String> getMissing();

  /** {@code version} of the vitals rules in force. */
  public abstract String getConfigVersion();

  public static News2Score create(
      String patientId,
      Instant timestamp,
      int score,
      News2Level level,
      List<News2Part> parts,
      List<String> missing,
      String configVersion) {
    return new AutoValue_News2Score(
        patientId,
        timestamp,
        score,
        level,
        List.copyOf(parts),
        List.copyOf(missing),
        configVersion);
  }
}
