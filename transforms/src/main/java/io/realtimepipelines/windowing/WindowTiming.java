package io.realtimepipelines.windowing;

/**
 * When a {@link WindowPane} was emitted relative to the end of its window. The order of the
 * constants is part of {@link WindowPane.PaneCoder}'s wire format: only append new ones.
 */
public enum WindowTiming {
  /** Before the watermark reached the window end: a speculative, partial result. */
  EARLY,
  /** The first pane once the watermark reached the window end. */
  ON_TIME,
  /** After the on-time pane: the result updated with data that arrived late but not too late. */
  LATE
}
