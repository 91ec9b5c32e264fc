package io.realtimepipelines.vitals;

/**
 * Why a reading was sent to review instead of the cleaned series (see {@code rules/vitals.json}).
 */
public enum ReviewReason {
  /** Outside the metric's physiological limits ({@code plausibleMin..plausibleMax}). */
  IMPLAUSIBLE,
  /** Readings of one patient and metric at one instant differ by more than the tolerance. */
  CONFLICT,
  /** Further from the device's recent rolling median than {@code maxJump}. */
  JUMP,
  /** Part of a run of identical values long enough to be a stuck sensor. */
  FLAT_LINE
}
