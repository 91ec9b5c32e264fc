package io.realtimepipelines.pipelines.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class EventClockTest {
  private static final long START = Instant.parse("2026-11-23T00:00:00Z").getMillis();
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  @Test
  void firstEventIsAtTheStart() {
    assertEquals(START, new EventClock(START, 100, true).millisAt(0));
    long midday = START + 12 * HOUR + 123;
    assertEquals(midday, new EventClock(midday, 100, true).millisAt(0));
    assertEquals(START, new EventClock(START, 100, false).millisAt(0));
  }

  @Test
  void timesStrictlyIncreaseEvenAtTheHighestRateInTheBusiestHour() {
    EventClock clock = new EventClock(START, GeneratorConfig.MAX_EVENT_TIME_RATE, true);
    long busiest = (long) (GeneratorConfig.MAX_EVENT_TIME_RATE * 14 * 3600);
    long previous = clock.millisAt(busiest - 1);
    for (long n = busiest; n < busiest + 2_000_000; n++) {
      long t = clock.millisAt(n);
      assertTrue(t > previous, "index " + n + " at " + t + " is not after " + previous);
      previous = t;
    }
  }

  @Test
  void oneDayHoldsTheAverageRateTimesTheSecondsOfADay() {
    EventClock clock = new EventClock(START, 100, true);
    long perDay = 100L * 86_400;
    assertEquals(START + DAY, clock.millisAt(perDay), 1.0);
    assertEquals(START + 3 * DAY, clock.millisAt(3 * perDay), 1.0);
  }

  @Test
  void busyAfternoonsHoldAboutThreeTimesTheEventsOfQuietNights() {
    EventClock clock = new EventClock(START, 100, true);
    long atFour = countBetween(clock, START + 3 * HOUR + HOUR / 2, START + 4 * HOUR + HOUR / 2);
    long atSixteen =
        countBetween(clock, START + 15 * HOUR + HOUR / 2, START + 16 * HOUR + HOUR / 2);
    double ratio = (double) atSixteen / atFour;
    assertTrue(ratio > 3 && ratio < 3.6, "afternoon/night ratio " + ratio);
  }

  @Test
  void aStartInTheMiddleOfTheDayFollowsTheSameCurve() {
    EventClock fromMidnight = new EventClock(START, 100, true);
    long noon = START + 12 * HOUR;
    EventClock fromNoon = new EventClock(noon, 100, true);
    long offset = firstIndexAtOrAfter(fromMidnight, noon);
    // The same instants up to the fraction of an event interval (about 7 ms at noon).
    for (long n = 0; n < 100_000; n += 997) {
      assertEquals(fromMidnight.millisAt(offset + n), fromNoon.millisAt(n), 20.0);
    }
  }

  @Test
  void flatClockSpacesEventsEvenly() {
    EventClock clock = new EventClock(START, 4, false);
    assertEquals(START + 250, clock.millisAt(1));
    assertEquals(START + DAY, clock.millisAt(4L * 86_400));
  }

  private static long firstIndexAtOrAfter(EventClock clock, long millis) {
    long lo = 0;
    long hi = 1_000_000_000L;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (clock.millisAt(mid) >= millis) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static long countBetween(EventClock clock, long from, long to) {
    return firstIndexAtOrAfter(clock, to) - firstIndexAtOrAfter(clock, from);
  }
}
