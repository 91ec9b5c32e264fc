package io.realtimepipelines.windowing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Duration;

/**
 * Which windows an event time belongs to: fixed (tumbling) and sliding windows aligned to the
 * epoch, or session windows that start as {@code [t, t + gap)} and merge when they overlap.
 */
public final class WindowAssigner implements Serializable {

  private enum Kind {
    FIXED,
    SLIDING,
    SESSIONS
  }

  /** Which family of windows. */
  private final Kind kind;

  /** Window length in millis (fixed, sliding) or the session gap in millis. */
  private final long sizeMillis;

  /** Distance in millis between the starts of consecutive windows (sliding; size otherwise). */
  private final long periodMillis;

  private WindowAssigner(Kind kind, long sizeMillis, long periodMillis) {
    this.kind = kind;
    this.sizeMillis = sizeMillis;
    this.periodMillis = periodMillis;
  }

  /** Back-to-back windows of {@code size}, aligned to the epoch; each time is in exactly one. */
  public static WindowAssigner fixed(Duration size) {
    long millis = positive("size", size);
    return new WindowAssigner(Kind.FIXED, millis, millis);
  }

  /** Windows of {@code size} starting every {@code period}; each time is in size/period of them. */
  public static WindowAssigner sliding(Duration size, Duration period) {
    long sizeMillis = positive("size", size);
    long periodMillis = positive("period", period);
    if (periodMillis > sizeMillis) {
      throw new IllegalArgumentException(
          "period must be positive and at most size (" + size + "), got " + period);
    }
    return new WindowAssigner(Kind.SLIDING, sizeMillis, periodMillis);
  }

  /** Per-key activity sessions that close after {@code gap} without events. */
  public static WindowAssigner sessions(Duration gap) {
    long millis = positive("gap", gap);
    return new WindowAssigner(Kind.SESSIONS, millis, millis);
  }

  private static long positive(String name, Duration value) {
    if (value == null || value.getMillis() <= 0) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, got " + value);
    }
    return value.getMillis();
  }

  /** True for sessions: windows of one key merge when they overlap. */
  public boolean isMerging() {
    return kind == Kind.SESSIONS;
  }

  /**
   * The windows a time falls in, earliest first. For sessions this is the element's own proto
   * session {@code [t, t + gap)}, before merging.
   */
  public List<TimeSpan> assign(long timestamp) {
    if (kind == Kind.SESSIONS) {
      return List.of(new TimeSpan(timestamp, timestamp + sizeMillis));
    }
    long lastStart = timestamp - Math.floorMod(timestamp, periodMillis);
    List<TimeSpan> spans = new ArrayList<>();
    for (long start = lastStart; start > timestamp - sizeMillis; start -= periodMillis) {
      spans.add(0, new TimeSpan(start, start + sizeMillis));
    }
    return spans;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case FIXED -> "fixed(" + Duration.millis(sizeMillis) + ")";
      case SLIDING ->
          "sliding(" + Duration.millis(sizeMillis) + ", " + Duration.millis(periodMillis) + ")";
      case SESSIONS -> "sessions(" + Duration.millis(sizeMillis) + ")";
    };
  }
}
