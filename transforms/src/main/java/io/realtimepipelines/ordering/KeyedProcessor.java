package io.realtimepipelines.ordering;

import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;

/**
 * The per-key logic that {@link ApplyInEventTimeOrder} runs: a state per key, and how one event
 * changes it and what it emits. Events reach it in event-time order, ties broken by {@link
 * #compare}.
 *
 * @param <E> event type
 * @param <S> per-key state; must be mutable and have a deterministic coder
 * @param <O> output type
 */
public interface KeyedProcessor<E, S, O> extends Serializable {

  /** Name used in step names and counters. */
  String name();

  /** A key's state before its first event. */
  S newState();

  /** Coder of the state. Never Java serialization: state is written on every flush. */
  Coder<S> stateCoder();

  /** Event time (ms) of an event. */
  long timestamp(E event);

  /** Order of events with equal timestamps; must be total for determinism. */
  int compare(E a, E b);

  /** Applies {@code event} to {@code state} and emits what it produces. */
  void apply(S state, E event, Consumer<O> out);

  /** Event time (ms) of the key's newest event, or Long.MIN_VALUE when none. */
  long lastSeen(S state);

  /** How long (ms of event time) a key's state is kept after its last event. */
  long ttlMillis();

  /**
   * Whether an event that arrives after newer events of its key were applied is still applied (out
   * of order) instead of going to the late output; e.g. reports that only raise risk.
   */
  default boolean applyWhenLate(E event) {
    return false;
  }
}
