package io.realtimepipelines.fraud;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/** Event times (ms) and amounts in arrival order, pruned to a window: the memory of a rule. */
final class TimedAmounts {
  private long[] times = new long[4];
  private double[] amounts = new double[4];
  private int size;

  int size() {
    return size;
  }

  long time(int i) {
    return times[i];
  }

  double amount(int i) {
    return amounts[i];
  }

  void add(long time, double amount) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      amounts = Arrays.copyOf(amounts, size * 2);
    }
    times[size] = time;
    amounts[size] = amount;
    size++;
  }

  /** Forgets entries older than {@code oldest} (exclusive bound kept). */
  void pruneBefore(long oldest) {
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
  void dropFirst(int count) {
    int n = Math.min(count, size);
    System.arraycopy(times, n, times, 0, size - n);
    System.arraycopy(amounts, n, amounts, 0, size - n);
    size -= n;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(times[i]);
      out.writeDouble(amounts[i]);
    }
  }

  static TimedAmounts read(DataInputStream in) throws IOException {
    TimedAmounts t = new TimedAmounts();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      t.add(in.readLong(), in.readDouble());
    }
    return t;
  }
}
