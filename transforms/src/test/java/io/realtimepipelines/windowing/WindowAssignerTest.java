package io.realtimepipelines.windowing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class WindowAssignerTest {

  private static TimeSpan span(long start, long end) {
    return new TimeSpan(start, end);
  }

  @Test
  void fixedWindowsAreEpochAlignedAndHalfOpen() {
    WindowAssigner fixed = WindowAssigner.fixed(Duration.millis(10));
    assertEquals(List.of(span(0, 10)), fixed.assign(0));
    assertEquals(List.of(span(0, 10)), fixed.assign(9));
    assertEquals(List.of(span(10, 20)), fixed.assign(10));
    assertFalse(fixed.isMerging());
  }

  @Test
  void fixedWindowsBeforeTheEpochRoundDown() {
    WindowAssigner fixed = WindowAssigner.fixed(Duration.millis(10));
    assertEquals(List.of(span(-10, 0)), fixed.assign(-1));
    assertEquals(List.of(span(-10, 0)), fixed.assign(-10));
    assertEquals(List.of(span(-20, -10)), fixed.assign(-11));
  }

  @Test
  void slidingWindowsCoverEachTimeSizeOverPeriodTimes() {
    WindowAssigner sliding = WindowAssigner.sliding(Duration.millis(10), Duration.millis(5));
    assertEquals(List.of(span(0, 10), span(5, 15)), sliding.assign(7));
    assertEquals(List.of(span(0, 10), span(5, 15)), sliding.assign(5));
    assertEquals(List.of(span(-5, 5), span(0, 10)), sliding.assign(4));
  }

  @Test
  void slidingWindowsWithAPeriodThatDoesNotDivideTheSize() {
    WindowAssigner sliding = WindowAssigner.sliding(Duration.millis(10), Duration.millis(4));
    assertEquals(List.of(span(4, 14), span(8, 18), span(12, 22)), sliding.assign(13));
  }

  @Test
  void slidingWithPeriodEqualToSizeIsFixed() {
    WindowAssigner sliding = WindowAssigner.sliding(Duration.millis(10), Duration.millis(10));
    assertEquals(WindowAssigner.fixed(Duration.millis(10)).assign(27), sliding.assign(27));
  }

  @Test
  void sessionsStartAsTheGapAfterTheElement() {
    WindowAssigner sessions = WindowAssigner.sessions(Duration.millis(30));
    assertEquals(List.of(span(100, 130)), sessions.assign(100));
    assertTrue(sessions.isMerging());
  }

  @Test
  void invalidSizesAreRejectedNamingTheParameter() {
    IllegalArgumentException size =
        assertThrows(IllegalArgumentException.class, () -> WindowAssigner.fixed(Duration.ZERO));
    assertTrue(size.getMessage().startsWith("size must be at least 1 ms"), size.getMessage());
    IllegalArgumentException period =
        assertThrows(
            IllegalArgumentException.class,
            () -> WindowAssigner.sliding(Duration.millis(10), Duration.millis(11)));
    assertTrue(period.getMessage().startsWith("period must be"), period.getMessage());
    IllegalArgumentException gap =
        assertThrows(IllegalArgumentException.class, () -> WindowAssigner.sessions(null));
    assertTrue(gap.getMessage().startsWith("gap must be at least 1 ms"), gap.getMessage());
  }

  @Test
  void timeSpansOverlapOnlyWhenTheyShareAMillisecond() {
    assertTrue(span(0, 10).overlaps(span(9, 20)));
    assertFalse(span(0, 10).overlaps(span(10, 20)));
    assertEquals(span(0, 20), span(0, 10).span(span(5, 20)));
    assertEquals(9, span(0, 10).maxTimestamp());
    assertThrows(IllegalArgumentException.class, () -> span(5, 5));
  }
}
