package io.realtimepipelines.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate search of {@code LatencyBenchmark --findMax}, against jobs of known capacity. */
class FindMaxSearchTest {

  /** Runs the search from {@code start} against a job that holds every rate up to capacity. */
  private static List<Integer> probes(int start, int capacity, int[] found) {
    List<Integer> probed = new ArrayList<>();
    int good = 0;
    int bad = -1;
    int rate = start;
    while (rate > 0) {
      probed.add(rate);
      if (rate <= capacity) {
        good = rate;
      } else {
        bad = rate;
      }
      rate = LatencyBenchmark.nextProbe(rate, good, bad);
    }
    found[0] = good;
    return probed;
  }

  @Test
  void doublesWhileRatesHoldThenBisectsToWithin15Percent() {
    int[] found = new int[1];
    List<Integer> probed = probes(2_000, 10_500, found);
    assertEquals(List.of(2_000, 4_000, 8_000, 16_000, 12_000, 10_000, 11_000), probed);
    assertEquals(10_000, found[0]);
  }

  @Test
  void halvesWhenTheFirstRateDoesNotHoldInsteadOfReportingZero() {
    int[] found = new int[1];
    List<Integer> probed = probes(2_000, 1_900, found);
    assertEquals(List.of(2_000, 1_000, 1_500, 1_750), probed);
    assertEquals(1_750, found[0]);
    assertTrue((2_000 - found[0]) <= found[0] * 0.15);
  }

  @Test
  void stopsAtTheLowestProbeWhenNothingHolds() {
    int[] found = new int[1];
    List<Integer> probed = probes(1_000, 50, found);
    assertEquals(List.of(1_000, 500, 250, 125), probed);
    assertEquals(0, found[0]);
  }

  @Test
  void stopsDoublingAt64000() {
    int[] found = new int[1];
    List<Integer> probed = probes(1_000, Integer.MAX_VALUE, found);
    assertEquals(64_000, probed.get(probed.size() - 1));
    assertEquals(64_000, found[0]);
  }
}
