package io.realtimepipelines.windowing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.windowing.WindowLedger.Firing;
import java.util.List;
import org.apache.beam.sdk.transforms.Sum;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class WindowLedgerTest {

  private static final WindowAssigner FIXED_10 = WindowAssigner.fixed(Duration.millis(10));

  private static WindowLedger<Integer, int[], Integer> ledger(
      WindowAssigner assigner, long lateness, boolean lateFirings, Accumulation accumulation) {
    return new WindowLedger<>(assigner, Sum.ofIntegers(), lateness, lateFirings, accumulation);
  }

  private static WindowLedger<Integer, int[], Integer> ledger(
      WindowAssigner assigner, long lateness) {
    return ledger(assigner, lateness, true, Accumulation.ACCUMULATING);
  }

  private static Firing<Integer> pane(
      long start, long end, int sum, WindowTiming timing, long index, boolean isFinal) {
    return new Firing<>(new TimeSpan(start, end), sum, timing, index, isFinal);
  }

  @Test
  void onTimePaneFiresAtTheWindowsLastMillisecondAndClosesIt() {
    WindowLedger<Integer, int[], Integer> ledger = ledger(FIXED_10, 0);
    KeyWindows<int[]> key = KeyWindows.empty();
    assertEquals(List.of(), ledger.add(key, 1, 1));
    assertEquals(List.of(), ledger.add(key, 5, 2));
    assertEquals(9L, ledger.nextEventTime(key));
    assertEquals(List.of(), ledger.onEventTime(key, 8));
    assertEquals(
        List.of(pane(0, 10, 3, WindowTiming.ON_TIME, 0, true)), ledger.onEventTime(key, 9));
    assertTrue(key.open().isEmpty());
    assertEquals(10, key.closedThrough());
    assertNull(ledger.nextEventTime(key));
  }

  @Test
  void elementOfAClosedWindowIsTooLateButTheNextWindowStillOpens() {
    WindowLedger<Integer, int[], Integer> ledger = ledger(FIXED_10, 0);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 1, 1);
    ledger.onEventTime(key, 9);
    assertNull(ledger.add(key, 9, 5));
    assertEquals(List.of(), ledger.add(key, 10, 7));
    assertEquals(1, key.open().size());
  }

  @Test
  void aNeverOpenedWindowEndingBeforeAClosedOneIsTooLate() {
    WindowLedger<Integer, int[], Integer> ledger = ledger(FIXED_10, 0);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 15, 1);
    ledger.onEventTime(key, 19);
    assertNull(ledger.add(key, 3, 2));
  }

  @Test
  void aNeverOpenedWindowAfterTheClosedOnesIsAcceptedWhateverItsTime() {
    WindowLedger<Integer, int[], Integer> ledger = ledger(FIXED_10, 0);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 1, 1);
    ledger.onEventTime(key, 9);
    // The watermark may be far beyond 19 already; the window never opened, so it is not closed.
    assertEquals(List.of(), ledger.add(key, 15, 4));
    assertEquals(19L, ledger.nextEventTime(key));
    assertEquals(
        List.of(pane(10, 20, 4, WindowTiming.ON_TIME, 0, true)), ledger.onEventTime(key, 19));
  }

  @Test
  void lateButAllowedElementEmitsALatePaneWithTheUpdatedAggregate() {
    WindowLedger<Integer, int[], Integer> ledger = ledger(FIXED_10, 5);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 1, 1);
    ledger.add(key, 2, 2);
    assertEquals(
        List.of(pane(0, 10, 3, WindowTiming.ON_TIME, 0, false)), ledger.onEventTime(key, 9));
    assertEquals(14L, ledger.nextEventTime(key));
    assertEquals(List.of(pane(0, 10, 7, WindowTiming.LATE, 1, false)), ledger.add(key, 4, 4));
    // Nothing new since the last pane: the window closes without another pane.
    assertEquals(List.of(), ledger.onEventTime(key, 14));
    assertEquals(10, key.closedThrough());
    assertNull(ledger.add(key, 4, 8));
  }

  @Test
  void withoutLateFiringsLateDataComesOutInTheFinalPane() {
    WindowLedger<Integer, int[], Integer> ledger =
        ledger(FIXED_10, 5, false, Accumulation.ACCUMULATING);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 1, 1);
    ledger.onEventTime(key, 9);
    assertEquals(List.of(), ledger.add(key, 4, 4));
    assertEquals(List.of(), ledger.add(key, 6, 10));
    assertEquals(List.of(pane(0, 10, 15, WindowTiming.LATE, 1, true)), ledger.onEventTime(key, 14));
  }

  @Test
  void earlyPanesOnlyForWindowsWithNewDataBeforeTheirEnd() {
    WindowLedger<Integer, int[], Integer> ledger = ledger(FIXED_10, 0);
    KeyWindows<int[]> key = KeyWindows.empty();
    assertFalse(ledger.awaitsEarlyPane(key));
    ledger.add(key, 1, 1);
    ledger.add(key, 12, 5);
    assertTrue(ledger.awaitsEarlyPane(key));
    key.setEarlyScheduled(true);
    assertEquals(
        List.of(
            pane(0, 10, 1, WindowTiming.EARLY, 0, false),
            pane(10, 20, 5, WindowTiming.EARLY, 0, false)),
        ledger.onEarly(key));
    assertFalse(key.earlyScheduled());
    assertFalse(ledger.awaitsEarlyPane(key));
    assertEquals(List.of(), ledger.onEarly(key));
    ledger.add(key, 2, 2);
    assertEquals(
        List.of(pane(0, 10, 3, WindowTiming.ON_TIME, 1, true)), ledger.onEventTime(key, 9));
  }

  @Test
  void discardingPanesHoldOnlyWhatArrivedSinceThePreviousPane() {
    WindowLedger<Integer, int[], Integer> ledger =
        ledger(FIXED_10, 5, true, Accumulation.DISCARDING);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 1, 1);
    assertEquals(List.of(pane(0, 10, 1, WindowTiming.EARLY, 0, false)), ledger.onEarly(key));
    ledger.add(key, 2, 2);
    assertEquals(
        List.of(pane(0, 10, 2, WindowTiming.ON_TIME, 1, false)), ledger.onEventTime(key, 9));
    assertEquals(List.of(pane(0, 10, 4, WindowTiming.LATE, 2, false)), ledger.add(key, 3, 4));
  }

  @Test
  void slidingElementJoinsOnlyItsWindowsThatAreStillOpen() {
    WindowLedger<Integer, int[], Integer> ledger =
        ledger(WindowAssigner.sliding(Duration.millis(10), Duration.millis(5)), 0);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 7, 1);
    assertEquals(2, key.open().size());
    assertEquals(
        List.of(pane(0, 10, 1, WindowTiming.ON_TIME, 0, true)), ledger.onEventTime(key, 9));
    assertEquals(List.of(), ledger.add(key, 8, 2));
    assertNull(ledger.add(key, 3, 4));
    assertEquals(
        List.of(pane(5, 15, 3, WindowTiming.ON_TIME, 0, true)), ledger.onEventTime(key, 14));
  }

  @Test
  void elementBridgingTwoSessionsMergesThemAndTheirAggregates() {
    WindowLedger<Integer, int[], Integer> ledger =
        ledger(WindowAssigner.sessions(Duration.millis(5)), 0);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 0, 1);
    ledger.add(key, 8, 2);
    assertEquals(2, key.open().size());
    ledger.add(key, 4, 4);
    assertEquals(1, key.open().size());
    assertEquals(new TimeSpan(0, 13), key.open().get(0).span());
    assertEquals(12L, ledger.nextEventTime(key));
    assertEquals(
        List.of(pane(0, 13, 7, WindowTiming.ON_TIME, 0, true)), ledger.onEventTime(key, 12));
  }

  @Test
  void lateElementInsideAFiredSessionEmitsALatePane() {
    WindowLedger<Integer, int[], Integer> ledger =
        ledger(WindowAssigner.sessions(Duration.millis(5)), 10);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 0, 1);
    assertEquals(
        List.of(pane(0, 5, 1, WindowTiming.ON_TIME, 0, false)), ledger.onEventTime(key, 4));
    assertEquals(List.of(pane(0, 5, 3, WindowTiming.LATE, 1, false)), ledger.add(key, 0, 2));
  }

  @Test
  void lateElementExtendingAFiredSessionGivesTheLongerSessionItsOwnOnTimePane() {
    WindowLedger<Integer, int[], Integer> ledger =
        ledger(WindowAssigner.sessions(Duration.millis(5)), 10);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 0, 1);
    ledger.onEventTime(key, 4);
    assertEquals(List.of(), ledger.add(key, 3, 2));
    assertEquals(7L, ledger.nextEventTime(key));
    assertEquals(
        List.of(pane(0, 8, 3, WindowTiming.ON_TIME, 1, false)), ledger.onEventTime(key, 7));
  }

  @Test
  void sessionWhoseOwnGapEndsInsideTheClosedRangeIsTooLate() {
    WindowLedger<Integer, int[], Integer> ledger =
        ledger(WindowAssigner.sessions(Duration.millis(5)), 0);
    KeyWindows<int[]> key = KeyWindows.empty();
    ledger.add(key, 10, 1);
    ledger.onEventTime(key, 14);
    assertNull(ledger.add(key, 9, 2));
    assertEquals(List.of(), ledger.add(key, 11, 2));
  }
}
