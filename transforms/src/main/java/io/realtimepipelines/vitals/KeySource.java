package io.realtimepipelines.vitals;

import java.io.Serializable;

/**
 * Where a secret key comes from (an environment variable, a file): each worker reads it itself when
 * it starts, so the key is never an option value, never serialized with the pipeline and never
 * logged. Implementations hold only the name of the place.
 */
public interface KeySource extends Serializable {
  /**
   * The key's bytes; throws IllegalStateException naming the place (never the key) if unreadable.
   */
  byte[] read();

  /** The place, for messages, e.g. "environment variable RTP_PSEUDONYM_KEY". */
  String describe();
}
