package io.realtimepipelines.monitor;

/** What happened to an alert of one rule on one series. */
public enum AlertStatus {
  /** First breaching window; fires if the breach lasts {@code alerts.pendingWindows}. */
  PENDING,
  /** A pending alert whose series came back within limits before it fired. */
  CANCELLED,
  /** The breach lasted {@code alerts.pendingWindows} windows in a row. */
  FIRING,
  /** A firing alert's series stayed within limits for {@code alerts.resolveWindows} windows. */
  RESOLVED
}
