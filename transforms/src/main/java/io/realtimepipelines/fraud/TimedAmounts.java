package io.realtimepipelines.fraud;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/** Event times (ms) and amounts in arrival order, pruned to a window: the memory of a rule. */
public final class TimedAmounts {
  private static final long[] NO_TIMES = {};
  private static final double[] NO_AMOUNTS = {};

  // Allocated on the first add: most keys' lists of most rules stay empty.
  private long[] times = NO_TIMES;
  private double[] amounts = NO_AMOUNTS;
  private int size;

  public int size() {
    return size;
  }

  public long time(int i) {
    return times[i];
  }

  public double amount(int i) {
    return amounts[i];
  }

  public void add(long time, double amount) {
    if (size == times.length) {
      times = Arrays.copyOf(times, Math.max(4, size * 2));
      amounts = Arrays.copyOf(amounts, Math.max(4, size * 2));
    }
    times[size] = time;
    amounts[size] = amount;
    size++;
  }

  /** Forgets entries older than {@code oldest} (exclusive bound kept). */
  public void pruneBefore(long oldest) {
    int keep = 0;
    for (int i = 0; i < size; i++) {
      if (times[i] >= oldest) {
        times[keep] = times[i];
        amounts[keep] = amounts[i];
        keep++;
      }
    }
    size = keep;
  }

  /** Forgets the first {@code count} entries (the oldest, as entries arrive in time order). */
  public void dropFirst(int count) {
    int n = Math.min(count, size);
    System.arraycopy(times, n, times, 0, size - n);
    System.arraycopy(amounts, n, amounts, 0, size - n);
    size -= n;
  }

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(times[i]);
      out.writeDouble(amounts[i]);
    }
  }

  public static TimedAmounts read(DataInputStream in) throws IOException {
    TimedAmounts t = new TimedAmounts();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      t.add(in.readLong(), in.readDouble());
    }
    return t;
  }
}
