package io.realtimepipelines.vitals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * What the cleaning step keeps per patient and metric: the readings of the instant being decided,
 * the instant decided last, and per device its recent readings (rolling median), its current run of
 * equal values (flat line), its last accepted reading and its recent intervals (cadence). Mutable;
 * coded with a format version.
 */
final class SeriesState {
  static final int FORMAT = 1;

  /** Readings of one instant waiting for its sentinel. */
  final List<VitalReading> pending = new ArrayList<>();

  long decidedAt = Long.MIN_VALUE;
  double decidedMin;
  double decidedMax;
  int decidedCount;
  long lastSeen = Long.MIN_VALUE;
  final Map<String, Device> devices = new TreeMap<>();

  /** One device's series. */
  static final class Device {
    long lastSeen = Long.MIN_VALUE;

    /** Recent readings that passed plausibility and conflict, oldest first. */
    long[] windowTimes = new long[0];

    double[] windowValues = new double[0];
    double runValue;
    long runFirst;
    long runLast;
    int runCount;
    boolean hasAccepted;
    long lastTime;
    double lastValue;
    String lastPosition = "";

    /** Intervals (ms) between consecutive accepted readings, oldest first. */
    long[] intervals = new long[0];

    void addToWindow(long t, double v, int max) {
      int n = windowTimes.length;
      int keep = Math.min(n, max - 1);
      long[] times = new long[keep + 1];
      double[] values = new double[keep + 1];
      System.arraycopy(windowTimes, n - keep, times, 0, keep);
      System.arraycopy(windowValues, n - keep, values, 0, keep);
      times[keep] = t;
      values[keep] = v;
      windowTimes = times;
      windowValues = values;
    }

    /** Drops window readings older than {@code oldest}. */
    void pruneWindow(long oldest) {
      int drop = 0;
      while (drop < windowTimes.length && windowTimes[drop] < oldest) {
        drop++;
      }
      if (drop > 0) {
        windowTimes = java.util.Arrays.copyOfRange(windowTimes, drop, windowTimes.length);
        windowValues = java.util.Arrays.copyOfRange(windowValues, drop, windowValues.length);
      }
    }

    void addInterval(long ms, int max) {
      int n = intervals.length;
      int keep = Math.min(n, max - 1);
      long[] out = new long[keep + 1];
      System.arraycopy(intervals, n - keep, out, 0, keep);
      out[keep] = ms;
      intervals = out;
    }
  }

  static Coder coder() {
    return Coder.INSTANCE;
  }

  /** Format version byte, then the fields in declaration order. */
  static final class Coder extends AtomicCoder<SeriesState> {
    static final Coder INSTANCE = new Coder();

    @Override
    public void encode(SeriesState s, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeByte(FORMAT);
      d.writeInt(s.pending.size());
      for (VitalReading r : s.pending) {
        VitalReading.Coder.of().encode(r, out);
      }
      d.writeLong(s.decidedAt);
      d.writeDouble(s.decidedMin);
      d.writeDouble(s.decidedMax);
      d.writeInt(s.decidedCount);
      d.writeLong(s.lastSeen);
      d.writeInt(s.devices.size());
      for (Map.Entry<String, Device> e : s.devices.entrySet()) {
        Device v = e.getValue();
        d.writeUTF(e.getKey());
        d.writeLong(v.lastSeen);
        d.writeInt(v.windowTimes.length);
        for (int i = 0; i < v.windowTimes.length; i++) {
          d.writeLong(v.windowTimes[i]);
          d.writeDouble(v.windowValues[i]);
        }
        d.writeDouble(v.runValue);
        d.writeLong(v.runFirst);
        d.writeLong(v.runLast);
        d.writeInt(v.runCount);
        d.writeBoolean(v.hasAccepted);
        d.writeLong(v.lastTime);
        d.writeDouble(v.lastValue);
        d.writeUTF(v.lastPosition);
        d.writeInt(v.intervals.length);
        for (long i : v.intervals) {
          d.writeLong(i);
        }
      }
    }

    @Override
    public SeriesState decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      int format = d.readByte();
      if (format != FORMAT) {
        throw new CoderException("unknown vitals series state format " + format);
      }
      SeriesState s = new SeriesState();
      int pending = d.readInt();
      for (int i = 0; i < pending; i++) {
        s.pending.add(VitalReading.Coder.of().decode(in));
      }
      s.decidedAt = d.readLong();
      s.decidedMin = d.readDouble();
      s.decidedMax = d.readDouble();
      s.decidedCount = d.readInt();
      s.lastSeen = d.readLong();
      int devices = d.readInt();
      for (int k = 0; k < devices; k++) {
        String id = d.readUTF();
        Device v = new Device();
        v.lastSeen = d.readLong();
        int w = d.readInt();
        v.windowTimes = new long[w];
        v.windowValues = new double[w];
        for (int i = 0; i < w; i++) {
          v.windowTimes[i] = d.readLong();
          v.windowValues[i] = d.readDouble();
        }
        v.runValue = d.readDouble();
        v.runFirst = d.readLong();
        v.runLast = d.readLong();
        v.runCount = d.readInt();
        v.hasAccepted = d.readBoolean();
        v.lastTime = d.readLong();
        v.lastValue = d.readDouble();
        v.lastPosition = d.readUTF();
        int n = d.readInt();
        v.intervals = new long[n];
        for (int i = 0; i < n; i++) {
          v.intervals[i] = d.readLong();
        }
        s.devices.put(id, v);
      }
      return s;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
