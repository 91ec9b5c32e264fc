package io.realtimepipelines.vitals;

/** NEWS2 clinical risk bands (see {@link News2}). */
public enum News2Level {
  /** Aggregate 0 to 4 and no single parameter at 3. */
  LOW,
  /** A single parameter scores 3 (aggregate below 5). */
  LOW_MEDIUM,
  /** Aggregate 5 or 6. */
  MEDIUM,
  /** Aggregate 7 or more. */
  HIGH
}
