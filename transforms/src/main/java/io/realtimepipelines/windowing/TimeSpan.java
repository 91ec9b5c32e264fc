package io.realtimepipelines.windowing;

import java.io.Serializable;
import org.joda.time.Instant;

/**
 * A half-open event-time interval {@code [start, end)} in epoch milliseconds: the bounds of one
 * window.
 *
 * @param start first millisecond inside the window, epoch millis UTC
 * @param end first millisecond after the window, epoch millis UTC
 */
public record TimeSpan(long start, long end) implements Serializable {

  public TimeSpan {
    if (end <= start) {
      throw new IllegalArgumentException(
          "window end must be after its start, got [" + start + ", " + end + ")");
    }
  }

  /** Last millisecond inside the window: the timestamp of its panes. */
  public long maxTimestamp() {
    return end - 1;
  }

  /** True if the two spans share at least one millisecond. */
  public boolean overlaps(TimeSpan other) {
    return start < other.end && other.start < end;
  }

  /** The smallest span covering both. */
  public TimeSpan span(TimeSpan other) {
    return new TimeSpan(Math.min(start, other.start), Math.max(end, other.end));
  }

  @Override
  public String toString() {
    return "[" + new Instant(start) + ", " + new Instant(end) + ")";
  }
}
