package io.realtimepipelines.windowing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realtimepipelines.windowing.KeyWindows.OpenWindow;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class WindowCodersTest {

  private static final WindowPane<String, Long> PANE =
      WindowPane.of(
          "card-1", 42L, new Instant(0), new Instant(600_000), WindowTiming.LATE, 3, true);

  @Test
  void paneRoundTripsAndEncodesDeterministically() throws Exception {
    Coder<WindowPane<String, Long>> coder =
        WindowPane.coder(StringUtf8Coder.of(), VarLongCoder.of());
    CoderProperties.coderDecodeEncodeEqual(coder, PANE);
    CoderProperties.coderDeterministic(coder, PANE, PANE);
    CoderProperties.coderSerializable(coder);
    coder.verifyDeterministic();
  }

  @Test
  void paneCoderIsNonDeterministicWhenItsValueCoderIs() {
    Coder<WindowPane<String, Long>> coder =
        WindowPane.coder(StringUtf8Coder.of(), SerializableCoder.of(Long.class));
    assertThrows(Coder.NonDeterministicException.class, coder::verifyDeterministic);
  }

  @Test
  void keyStateRoundTripsEveryField() throws Exception {
    KeyWindows<Long> state =
        new KeyWindows<>(
            List.of(
                new OpenWindow<>(new TimeSpan(10, 20), 7L, 2, true, false),
                new OpenWindow<>(new TimeSpan(-5, 5), 1L, 0, false, true)),
            -20,
            true);
    KeyWindows.StateCoder<Long> coder = KeyWindows.StateCoder.of(VarLongCoder.of());
    KeyWindows<Long> copy = CoderUtils.clone(coder, state);
    assertEquals(-20, copy.closedThrough());
    assertEquals(true, copy.earlyScheduled());
    assertEquals(2, copy.open().size());
    for (int i = 0; i < 2; i++) {
      OpenWindow<Long> a = state.open().get(i);
      OpenWindow<Long> b = copy.open().get(i);
      assertEquals(a.span(), b.span());
      assertEquals(a.accumulator(), b.accumulator());
      assertEquals(a.nextPaneIndex(), b.nextPaneIndex());
      assertEquals(a.onTimeFired(), b.onTimeFired());
      assertEquals(a.pending(), b.pending());
    }
    assertArrayEquals(
        CoderUtils.encodeToByteArray(coder, state), CoderUtils.encodeToByteArray(coder, copy));
    CoderProperties.coderSerializable(coder);
  }

  @Test
  void emptyKeyStateRoundTrips() throws Exception {
    KeyWindows.StateCoder<Long> coder = KeyWindows.StateCoder.of(VarLongCoder.of());
    KeyWindows<Long> copy = CoderUtils.clone(coder, KeyWindows.empty());
    assertEquals(KeyWindows.NOTHING_CLOSED, copy.closedThrough());
    assertEquals(0, copy.open().size());
  }
}
