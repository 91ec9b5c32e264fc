package io.realtimepipelines.windowing;

import io.realtimepipelines.windowing.KeyWindows.OpenWindow;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * The bookkeeping of event-time windows for one key, free of any runner: admits or rejects an
 * element, merges sessions, and decides which panes to emit when a timer fires. {@link
 * AggregateWindows} calls it from a stateful DoFn; tests call it directly.
 *
 * <p>A window is <em>closed</em> for a key once it expired (the event-time timer at its end plus
 * the allowed lateness fired) or once a later-ending window of the key expired. An element is too
 * late when all windows it belongs to are closed for its key; it is then rejected, never merged.
 */
final class WindowLedger<InputT, AccumT, OutputT> implements Serializable {

  /** Which windows an element belongs to. */
  private final WindowAssigner assigner;

  /** How elements are aggregated. */
  private final CombineFn<InputT, AccumT, OutputT> combineFn;

  /** How long after its end a window still accepts data, in millis. */
  private final long allowedLatenessMillis;

  /** Whether each accepted late element emits a LATE pane at once. */
  private final boolean lateFirings;

  /** Whether panes refine or add up. */
  private final Accumulation accumulation;

  WindowLedger(
      WindowAssigner assigner,
      CombineFn<InputT, AccumT, OutputT> combineFn,
      long allowedLatenessMillis,
      boolean lateFirings,
      Accumulation accumulation) {
    this.assigner = assigner;
    this.combineFn = combineFn;
    this.allowedLatenessMillis = allowedLatenessMillis;
    this.lateFirings = lateFirings;
    this.accumulation = accumulation;
  }

  /** A pane to emit: the window, its aggregate so far and where it stands. */
  record Firing<OutputT>(
      TimeSpan window, OutputT output, WindowTiming timing, long index, boolean isFinal) {}

  /**
   * Adds an element to every window of its key that is not closed. Returns {@code null} if all its
   * windows are closed (the element is too late and belongs in the late output), otherwise the LATE
   * panes to emit now (empty unless late firings are on and a window already fired).
   */
  List<Firing<OutputT>> add(KeyWindows<AccumT> state, long timestamp, InputT value) {
    List<TimeSpan> spans = new ArrayList<>();
    for (TimeSpan span : assigner.assign(timestamp)) {
      if (!state.isClosed(span)) {
        spans.add(span);
      }
    }
    if (spans.isEmpty()) {
      return null;
    }
    List<OpenWindow<AccumT>> touched = new ArrayList<>();
    if (assigner.isMerging()) {
      touched.add(mergeInto(state, spans.get(0), value));
    } else {
      for (TimeSpan span : spans) {
        OpenWindow<AccumT> window = find(state, span);
        if (window == null) {
          window = new OpenWindow<>(span, combineFn.createAccumulator(), 0, false, false);
          state.add(window);
        }
        window.setAccumulator(combineFn.addInput(window.accumulator(), value));
        window.setPending(true);
        touched.add(window);
      }
    }
    List<Firing<OutputT>> firings = new ArrayList<>();
    if (lateFirings) {
      for (OpenWindow<AccumT> window : touched) {
        if (window.onTimeFired()) {
          firings.add(emit(window, WindowTiming.LATE, false));
        }
      }
    }
    return firings;
  }

  /** Puts a proto session and every open session it overlaps into one window. */
  private OpenWindow<AccumT> mergeInto(KeyWindows<AccumT> state, TimeSpan proto, InputT value) {
    TimeSpan merged = proto;
    List<OpenWindow<AccumT>> overlapping = new ArrayList<>();
    for (OpenWindow<AccumT> window : state.open()) {
      if (window.span().overlaps(proto)) {
        overlapping.add(window);
        merged = merged.span(window.span());
      }
    }
    List<AccumT> accumulators = new ArrayList<>();
    long nextIndex = 0;
    boolean onTimeFired = false;
    for (OpenWindow<AccumT> window : overlapping) {
      accumulators.add(window.accumulator());
      nextIndex = Math.max(nextIndex, window.nextPaneIndex());
      // The merged window is past its on-time pane only if its end did not move.
      onTimeFired |= window.onTimeFired() && window.span().end() == merged.end();
      state.remove(window);
    }
    accumulators.add(combineFn.addInput(combineFn.createAccumulator(), value));
    AccumT accumulator = combineFn.mergeAccumulators(accumulators);
    OpenWindow<AccumT> result = new OpenWindow<>(merged, accumulator, nextIndex, onTimeFired, true);
    state.add(result);
    return result;
  }

  private static <AccumT> OpenWindow<AccumT> find(KeyWindows<AccumT> state, TimeSpan span) {
    for (OpenWindow<AccumT> window : state.open()) {
      if (window.span().equals(span)) {
        return window;
      }
    }
    return null;
  }

  /**
   * The event-time timer fired at {@code timestamp} (the watermark reached it): emits the ON_TIME
   * pane of every window ending by then, and the final pane of every window expiring by then (if it
   * holds data not yet emitted), then forgets the expired windows.
   */
  List<Firing<OutputT>> onEventTime(KeyWindows<AccumT> state, long timestamp) {
    List<Firing<OutputT>> firings = new ArrayList<>();
    for (OpenWindow<AccumT> window : new ArrayList<>(state.open())) {
      boolean expired = expiry(window) <= timestamp;
      if (!window.onTimeFired() && window.span().maxTimestamp() <= timestamp) {
        firings.add(emit(window, WindowTiming.ON_TIME, expired));
        window.setOnTimeFired();
      } else if (expired && window.pending()) {
        firings.add(emit(window, WindowTiming.LATE, true));
      }
      if (expired) {
        state.close(window);
      }
    }
    return firings;
  }

  /** The early-firing timer fired: an EARLY pane for each window with new data before its end. */
  List<Firing<OutputT>> onEarly(KeyWindows<AccumT> state) {
    state.setEarlyScheduled(false);
    List<Firing<OutputT>> firings = new ArrayList<>();
    for (OpenWindow<AccumT> window : state.open()) {
      if (!window.onTimeFired() && window.pending()) {
        firings.add(emit(window, WindowTiming.EARLY, false));
      }
    }
    return firings;
  }

  /** Whether some window has data waiting for an early pane (before its on-time pane). */
  boolean awaitsEarlyPane(KeyWindows<AccumT> state) {
    for (OpenWindow<AccumT> window : state.open()) {
      if (!window.onTimeFired() && window.pending()) {
        return true;
      }
    }
    return false;
  }

  /**
   * When the event-time timer must fire next: the earliest end of a window without its on-time
   * pane, or the earliest expiry; {@code null} when no window is open.
   */
  Long nextEventTime(KeyWindows<AccumT> state) {
    Long next = null;
    for (OpenWindow<AccumT> window : state.open()) {
      long due = window.onTimeFired() ? expiry(window) : window.span().maxTimestamp();
      if (next == null || due < next) {
        next = due;
      }
    }
    return next;
  }

  /** Last moment the window accepts data: its max timestamp plus the allowed lateness. */
  private long expiry(OpenWindow<AccumT> window) {
    return window.span().maxTimestamp() + allowedLatenessMillis;
  }

  private Firing<OutputT> emit(OpenWindow<AccumT> window, WindowTiming timing, boolean isFinal) {
    Firing<OutputT> firing =
        new Firing<>(
            window.span(),
            combineFn.extractOutput(window.accumulator()),
            timing,
            window.nextPaneIndex(),
            isFinal);
    window.paneEmitted();
    if (accumulation == Accumulation.DISCARDING) {
      window.setAccumulator(combineFn.createAccumulator());
    }
    return firing;
  }
}
