package io.realtimepipelines.windowing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.ByteCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.joda.time.Instant;

/**
 * One result of a window for one key: the aggregate at the time the pane was emitted, and where the
 * pane stands in the window's life (early, on time, late; index; final). Immutable.
 */
public final class WindowPane<K, V> {
  /** Key the aggregate belongs to. */
  private final K key;

  /** Aggregate of the window's data (since the previous pane when panes are discarding). */
  private final V value;

  /** First instant inside the window, UTC. */
  private final Instant windowStart;

  /** First instant after the window (exclusive end), UTC. */
  private final Instant windowEnd;

  /** Whether the pane came before, at or after the watermark passed the window end. */
  private final WindowTiming timing;

  /** Position of this pane among the window's panes for this key, from 0. */
  private final long paneIndex;

  /** True if the window closed with this pane: no further pane follows. */
  private final boolean isFinal;

  private WindowPane(
      K key,
      V value,
      Instant windowStart,
      Instant windowEnd,
      WindowTiming timing,
      long paneIndex,
      boolean isFinal) {
    this.key = key;
    this.value = value;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.timing = timing;
    this.paneIndex = paneIndex;
    this.isFinal = isFinal;
  }

  public static <K, V> WindowPane<K, V> of(
      K key,
      V value,
      Instant windowStart,
      Instant windowEnd,
      WindowTiming timing,
      long paneIndex,
      boolean isFinal) {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(timing, "timing");
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException(
          "windowEnd must be after windowStart " + windowStart + ", got " + windowEnd);
    }
    if (paneIndex < 0) {
      throw new IllegalArgumentException("paneIndex must be 0 or more, got " + paneIndex);
    }
    return new WindowPane<>(key, value, windowStart, windowEnd, timing, paneIndex, isFinal);
  }

  public K getKey() {
    return key;
  }

  public V getValue() {
    return value;
  }

  public Instant getWindowStart() {
    return windowStart;
  }

  public Instant getWindowEnd() {
    return windowEnd;
  }

  public WindowTiming getTiming() {
    return timing;
  }

  public long getPaneIndex() {
    return paneIndex;
  }

  public boolean isFinal() {
    return isFinal;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WindowPane<?, ?> other)) {
      return false;
    }
    return paneIndex == other.paneIndex
        && isFinal == other.isFinal
        && Objects.equals(key, other.key)
        && Objects.equals(value, other.value)
        && windowStart.equals(other.windowStart)
        && windowEnd.equals(other.windowEnd)
        && timing == other.timing;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, windowStart, windowEnd, timing, paneIndex, isFinal);
  }

  @Override
  public String toString() {
    return key
        + "@["
        + windowStart
        + ", "
        + windowEnd
        + ") "
        + timing
        + "#"
        + paneIndex
        + (isFinal ? " final" : "")
        + " = "
        + value;
  }

  /** Deterministic coder built from the key and value coders. */
  public static <K, V> PaneCoder<K, V> coder(Coder<K> keyCoder, Coder<V> valueCoder) {
    return new PaneCoder<>(keyCoder, valueCoder);
  }

  /** Encodes a pane field by field; deterministic when the key and value coders are. */
  public static final class PaneCoder<K, V> extends StructuredCoder<WindowPane<K, V>> {
    private static final InstantCoder INSTANT = InstantCoder.of();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final ByteCoder BYTE = ByteCoder.of();
    private static final BooleanCoder BOOL = BooleanCoder.of();
    private static final WindowTiming[] TIMINGS = WindowTiming.values();

    /** Coder of the key. */
    private final Coder<K> keyCoder;

    /** Coder of the aggregate. */
    private final Coder<V> valueCoder;

    private PaneCoder(Coder<K> keyCoder, Coder<V> valueCoder) {
      this.keyCoder = Objects.requireNonNull(keyCoder, "keyCoder");
      this.valueCoder = Objects.requireNonNull(valueCoder, "valueCoder");
    }

    @Override
    public void encode(WindowPane<K, V> pane, OutputStream out) throws IOException {
      if (pane == null) {
        throw new CoderException("cannot encode a null WindowPane");
      }
      keyCoder.encode(pane.key, out);
      valueCoder.encode(pane.value, out);
      INSTANT.encode(pane.windowStart, out);
      INSTANT.encode(pane.windowEnd, out);
      BYTE.encode((byte) pane.timing.ordinal(), out);
      LONG.encode(pane.paneIndex, out);
      BOOL.encode(pane.isFinal, out);
    }

    @Override
    public WindowPane<K, V> decode(InputStream in) throws IOException {
      K key = keyCoder.decode(in);
      V value = valueCoder.decode(in);
      Instant start = INSTANT.decode(in);
      Instant end = INSTANT.decode(in);
      byte timing = BYTE.decode(in);
      if (timing < 0 || timing >= TIMINGS.length) {
        throw new CoderException("unknown WindowTiming ordinal " + timing);
      }
      long index = LONG.decode(in);
      boolean isFinal = BOOL.decode(in);
      return new WindowPane<>(key, value, start, end, TIMINGS[timing], index, isFinal);
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of(keyCoder, valueCoder);
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      verifyDeterministic(this, "key coder must be deterministic", keyCoder);
      verifyDeterministic(this, "value coder must be deterministic", valueCoder);
    }
  }
}
