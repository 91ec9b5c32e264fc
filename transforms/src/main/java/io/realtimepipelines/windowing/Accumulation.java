package io.realtimepipelines.windowing;

/** What a window keeps after it emitted a pane. */
public enum Accumulation {
  /** Each pane holds everything the window has seen so far (panes refine each other). */
  ACCUMULATING,
  /** Each pane holds only what arrived since the previous pane (panes add up). */
  DISCARDING
}
