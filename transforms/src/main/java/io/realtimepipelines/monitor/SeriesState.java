package io.realtimepipelines.monitor;

import io.realtimepipelines.model.CompactEncoding;
import io.realtimepipelines.model.VersionedCoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the detector keeps per series: the adaptive statistic of its recent windows and the state of
 * each rule's alert. Kept in Beam state with a format version ({@link StateCoder}).
 */
public final class SeriesState {
  /** Where one rule's alert is. */
  enum Phase {
    INACTIVE,
    PENDING,
    FIRING
  }

  /** One rule's alert on this series. */
  static final class RuleState {
    Phase phase = Phase.INACTIVE;

    /** PENDING: breaching windows so far; FIRING: clear windows in a row so far. */
    int run;

    /** Start of the episode's first breaching window (ms). */
    long since;
  }

  /** The adaptive statistic of the newest windows, oldest first. */
  final ArrayDeque<Double> history = new ArrayDeque<>();

  /** Alert state per rule name (only rules that ever breached). */
  final Map<String, RuleState> rules = new TreeMap<>();

  /** Event time (ms) of the newest window applied. */
  long lastSeen = Long.MIN_VALUE;

  /** Format 1: lastSeen, history, then per rule: name, phase, run, since. */
  public static final class StateCoder extends VersionedCoder<SeriesState> {
    private static final long serialVersionUID = 1L;

    public StateCoder() {
      super("monitor series state", 1);
    }

    @Override
    protected void write(CompactEncoding.Writer w, SeriesState s) {
      w.writeLong(s.lastSeen);
      w.writeVarLong(s.history.size());
      for (double v : s.history) {
        w.writeDouble(v);
      }
      w.writeVarLong(s.rules.size());
      for (Map.Entry<String, RuleState> e : s.rules.entrySet()) {
        w.writeString(e.getKey());
        w.writeByte(e.getValue().phase.ordinal());
        w.writeVarLong(e.getValue().run);
        w.writeLong(e.getValue().since);
      }
    }

    @Override
    protected SeriesState read(CompactEncoding.Reader r) throws IOException {
      SeriesState s = new SeriesState();
      s.lastSeen = r.readLong();
      long n = r.readVarLong();
      for (long i = 0; i < n; i++) {
        s.history.addLast(r.readDouble());
      }
      long rules = r.readVarLong();
      for (long i = 0; i < rules; i++) {
        String name = r.readString();
        RuleState rs = new RuleState();
        rs.phase = Phase.values()[r.readByte()];
        rs.run = (int) r.readVarLong();
        rs.since = r.readLong();
        s.rules.put(name, rs);
      }
      return s;
    }
  }
}
