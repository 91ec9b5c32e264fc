package io.realtimepipelines.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/**
 * A {@link TestStream} of values in event-time slices: each slice's values arrive shuffled, then
 * the watermark moves to the slice's end; nothing is late, yet every step sees its input out of
 * order. For tests that a streaming result equals a reference model's.
 */
public final class ShuffledStream {
  private ShuffledStream() {}

  /** The values, in {@code sliceMillis} slices of event time, shuffled with {@code seed}. */
  @SuppressWarnings("unchecked")
  public static <T> TestStream<T> inSlices(
      Coder<T> coder, List<T> values, Function<T, Instant> time, long sliceMillis, long seed) {
    List<T> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparing(time));
    TestStream.Builder<T> stream = TestStream.create(coder);
    Random shuffle = new Random(seed);
    long sliceStart = time.apply(sorted.get(0)).getMillis();
    List<TimestampedValue<T>> batch = new ArrayList<>();
    for (T v : sorted) {
      while (time.apply(v).getMillis() >= sliceStart + sliceMillis) {
        stream = flush(stream, batch, shuffle);
        sliceStart += sliceMillis;
        stream = stream.advanceWatermarkTo(new Instant(sliceStart - 1));
      }
      batch.add(TimestampedValue.of(v, time.apply(v)));
    }
    return flush(stream, batch, shuffle).advanceWatermarkToInfinity();
  }

  @SuppressWarnings("unchecked")
  private static <T> TestStream.Builder<T> flush(
      TestStream.Builder<T> stream, List<TimestampedValue<T>> batch, Random shuffle) {
    if (batch.isEmpty()) {
      return stream;
    }
    Collections.shuffle(batch, shuffle);
    TestStream.Builder<T> out =
        stream.addElements(
            batch.get(0), batch.subList(1, batch.size()).toArray(new TimestampedValue[0]));
    batch.clear();
    return out;
  }
}
