package io.realtimepipelines.windowing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

/** Checks of the configuration methods; no pipeline runs. */
class AggregateWindowsConfigTest {

  private static AggregateWindows<String, Integer, Integer> sum() {
    return AggregateWindows.fixed(Duration.standardMinutes(1), Sum.ofIntegers());
  }

  private static void assertRejected(String messageStart, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }

  @Test
  void invalidSettingsAreRejectedNamingParameterValueAndRange() {
    assertRejected(
        "allowedLateness must be between 0 and PT31536000S, got PT-1S",
        () -> sum().withAllowedLateness(Duration.standardSeconds(-1)));
    assertRejected(
        "allowedLateness must be between 0 and",
        () -> sum().withAllowedLateness(Duration.standardDays(366)));
    assertRejected(
        "earlyFiringDelay must be between 1 ms and PT86400S, got PT0S",
        () -> sum().withEarlyFirings(Duration.ZERO));
    assertRejected(
        "accumulation must be ACCUMULATING or DISCARDING", () -> sum().withAccumulation(null));
    assertRejected("metricsName must be 1 to 64 of", () -> sum().withMetricsName("a b"));
    assertRejected(
        "combineFn must not be null",
        () -> AggregateWindows.<String, Integer, Integer>sessions(Duration.millis(5), null));
    assertRejected(
        "size must be at least 1 ms",
        () -> AggregateWindows.fixed(Duration.ZERO, Sum.ofIntegers()));
  }

  @Test
  void withMethodsReturnNewInstancesAndLeaveTheOriginalUnchanged() {
    AggregateWindows<String, Integer, Integer> base = sum();
    AggregateWindows<String, Integer, Integer> changed =
        base.withAllowedLateness(Duration.standardMinutes(5))
            .withEarlyFirings(Duration.standardSeconds(10))
            .withLateFirings(false)
            .withAccumulation(Accumulation.DISCARDING);
    assertNotSame(base, changed);
    DisplayData before = DisplayData.from(base);
    DisplayData after = DisplayData.from(changed);
    assertEquals("0", item(before, "allowedLateness"));
    assertNull(item(before, "earlyFiringDelay"));
    assertEquals("ACCUMULATING", item(before, "accumulation"));
    assertEquals("300000", item(after, "allowedLateness"));
    assertEquals("10000", item(after, "earlyFiringDelay"));
    assertEquals("DISCARDING", item(after, "accumulation"));
    assertEquals("false", item(after, "lateFirings"));
    assertNull(item(changed.withoutEarlyFirings(), "earlyFiringDelay"));
  }

  private static String item(AggregateWindows<?, ?, ?> transform, String key) {
    return item(DisplayData.from(transform), key);
  }

  /** The item's value as a string (durations in millis), or null if there is none. */
  private static String item(DisplayData data, String key) {
    for (DisplayData.Item i : data.items()) {
      if (i.getKey().equals(key)) {
        return String.valueOf(i.getValue());
      }
    }
    return null;
  }

  @Test
  void inputAlreadyWindowedIsRejectedBecauseTheTransformDoesTheWindowing() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<KV<String, Integer>> windowed =
        p.apply(
                Create.of(KV.of("k", 1))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))));
    assertRejected("input must be in the global window", () -> windowed.apply("Sum", sum()));
  }
}
