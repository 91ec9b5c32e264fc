package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;

/**
 * Produces the n-th synthetic event of one type, deterministically: the same config and index
 * always give the same bytes, and any index can be produced alone, in any order, on any worker.
 * Implementations are immutable and safe to share between threads.
 */
public interface EventGenerator {

  /** The event type produced. */
  EventType type();

  /** The event at {@code index} (0 or more). */
  GeneratedEvent generate(long index);

  /** Event time of the event at {@code index}, epoch milliseconds, without building it. */
  long eventTimeMillis(long index);
}
