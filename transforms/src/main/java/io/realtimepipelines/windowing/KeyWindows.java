package io.realtimepipelines.windowing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What one key remembers between elements: its open windows with their accumulators, and up to
 * where its windows are closed. Mutable; a {@link WindowLedger} changes it and the caller writes it
 * back to state.
 */
final class KeyWindows<AccumT> {

  /** Marks "no window closed yet": no real window ends at or before it. */
  static final long NOTHING_CLOSED = Long.MIN_VALUE;

  /** Open windows, sorted by end then start. */
  private final List<OpenWindow<AccumT>> open;

  /** Every window of this key ending at or before this epoch millis is closed. */
  private long closedThrough;

  /** Whether a processing-time timer for an early pane is pending. */
  private boolean earlyScheduled;

  KeyWindows(List<OpenWindow<AccumT>> open, long closedThrough, boolean earlyScheduled) {
    this.open = new ArrayList<>(open);
    this.closedThrough = closedThrough;
    this.earlyScheduled = earlyScheduled;
    sort();
  }

  static <AccumT> KeyWindows<AccumT> empty() {
    return new KeyWindows<>(List.of(), NOTHING_CLOSED, false);
  }

  List<OpenWindow<AccumT>> open() {
    return open;
  }

  long closedThrough() {
    return closedThrough;
  }

  boolean earlyScheduled() {
    return earlyScheduled;
  }

  void setEarlyScheduled(boolean scheduled) {
    this.earlyScheduled = scheduled;
  }

  /** True if {@code window} can no longer receive data for this key. */
  boolean isClosed(TimeSpan window) {
    return window.end() <= closedThrough;
  }

  void add(OpenWindow<AccumT> window) {
    open.add(window);
    sort();
  }

  void remove(OpenWindow<AccumT> window) {
    open.remove(window);
  }

  /** Forgets an expired window and closes every window of this key ending no later. */
  void close(OpenWindow<AccumT> window) {
    open.remove(window);
    closedThrough = Math.max(closedThrough, window.span().end());
  }

  private void sort() {
    open.sort(
        Comparator.comparingLong((OpenWindow<AccumT> w) -> w.span().end())
            .thenComparingLong(w -> w.span().start()));
  }

  /** One window that still accepts data, with its running aggregate and pane bookkeeping. */
  static final class OpenWindow<AccumT> {
    /** Bounds of the window. */
    private final TimeSpan span;

    /** Running aggregate (since the last pane when discarding). */
    private AccumT accumulator;

    /** Index the next pane of this window gets (0 for the first). */
    private long nextPaneIndex;

    /** Whether the on-time pane was emitted (later panes are LATE). */
    private boolean onTimeFired;

    /** Whether data arrived since the last pane. */
    private boolean pending;

    OpenWindow(
        TimeSpan span,
        AccumT accumulator,
        long nextPaneIndex,
        boolean onTimeFired,
        boolean pending) {
      this.span = span;
      this.accumulator = accumulator;
      this.nextPaneIndex = nextPaneIndex;
      this.onTimeFired = onTimeFired;
      this.pending = pending;
    }

    TimeSpan span() {
      return span;
    }

    AccumT accumulator() {
      return accumulator;
    }

    void setAccumulator(AccumT accumulator) {
      this.accumulator = accumulator;
    }

    long nextPaneIndex() {
      return nextPaneIndex;
    }

    boolean onTimeFired() {
      return onTimeFired;
    }

    void setOnTimeFired() {
      this.onTimeFired = true;
    }

    boolean pending() {
      return pending;
    }

    void setPending(boolean pending) {
      this.pending = pending;
    }

    /** Records that a pane was emitted: bumps the index and clears {@link #pending()}. */
    void paneEmitted() {
      nextPaneIndex++;
      pending = false;
    }
  }

  /** Encodes the per-key state field by field; accumulators use the CombineFn's own coder. */
  static final class StateCoder<AccumT> extends StructuredCoder<KeyWindows<AccumT>> {
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final VarIntCoder INT = VarIntCoder.of();
    private static final BooleanCoder BOOL = BooleanCoder.of();

    /** Coder of the CombineFn's accumulator. */
    private final Coder<AccumT> accumulatorCoder;

    private StateCoder(Coder<AccumT> accumulatorCoder) {
      this.accumulatorCoder = accumulatorCoder;
    }

    static <AccumT> StateCoder<AccumT> of(Coder<AccumT> accumulatorCoder) {
      return new StateCoder<>(accumulatorCoder);
    }

    @Override
    public void encode(KeyWindows<AccumT> value, OutputStream out) throws IOException {
      if (value == null) {
        throw new CoderException("cannot encode null KeyWindows");
      }
      LONG.encode(value.closedThrough, out);
      BOOL.encode(value.earlyScheduled, out);
      INT.encode(value.open.size(), out);
      for (OpenWindow<AccumT> w : value.open) {
        LONG.encode(w.span.start(), out);
        LONG.encode(w.span.end(), out);
        accumulatorCoder.encode(w.accumulator, out);
        LONG.encode(w.nextPaneIndex, out);
        BOOL.encode(w.onTimeFired, out);
        BOOL.encode(w.pending, out);
      }
    }

    @Override
    public KeyWindows<AccumT> decode(InputStream in) throws IOException {
      long closedThrough = LONG.decode(in);
      boolean earlyScheduled = BOOL.decode(in);
      int size = INT.decode(in);
      List<OpenWindow<AccumT>> open = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        TimeSpan span = new TimeSpan(LONG.decode(in), LONG.decode(in));
        AccumT accumulator = accumulatorCoder.decode(in);
        open.add(
            new OpenWindow<>(span, accumulator, LONG.decode(in), BOOL.decode(in), BOOL.decode(in)));
      }
      return new KeyWindows<>(open, closedThrough, earlyScheduled);
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of(accumulatorCoder);
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      verifyDeterministic(this, "accumulator coder must be deterministic", accumulatorCoder);
    }
  }
}
