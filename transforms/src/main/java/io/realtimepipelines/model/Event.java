package io.realtimepipelines.model;

import org.joda.time.Instant;

/** What every input event type shares: an identity for deduplication and an event time. */
public interface Event {

  /** Identity used to detect repeats of the same event (a field, or a composite of fields). */
  String dedupKey();

  /** When the event happened (UTC); becomes the Beam element timestamp. */
  Instant eventTime();

  /**
   * This event with where its source delivered it, for types that keep it for provenance (vital
   * signs); the others return themselves. Called by the validation step.
   */
  default Event withSourcePosition(String position) {
    return this;
  }
}
