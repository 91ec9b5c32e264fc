package io.realtimepipelines.vitals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * What the scoring step keeps per patient: the newest cleaned value of each NEWS2 parameter and
 * when it was measured, the instant evaluated last, and the previous evaluation's score and points
 * (-1: missing). Mutable; coded with a format version.
 */
final class ScoreState {
  static final int FORMAT = 1;
  static final int N = News2.PARAMETERS.size();

  final double[] values = new double[N];
  final long[] times = new long[N];
  long evaluatedAt = Long.MIN_VALUE;
  boolean scored;
  int lastScore;
  int[] lastPoints = new int[N];
  long lastSeen = Long.MIN_VALUE;

  ScoreState() {
    java.util.Arrays.fill(times, Long.MIN_VALUE);
  }

  static final class Coder extends AtomicCoder<ScoreState> {
    static final Coder INSTANCE = new Coder();

    @Override
    public void encode(ScoreState s, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeByte(FORMAT);
      for (int i = 0; i < N; i++) {
        d.writeDouble(s.values[i]);
        d.writeLong(s.times[i]);
        d.writeInt(s.lastPoints[i]);
      }
      d.writeLong(s.evaluatedAt);
      d.writeBoolean(s.scored);
      d.writeInt(s.lastScore);
      d.writeLong(s.lastSeen);
    }

    @Override
    public ScoreState decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      int format = d.readByte();
      if (format != FORMAT) {
        throw new CoderException("unknown vitals score state format " + format);
      }
      ScoreState s = new ScoreState();
      for (int i = 0; i < N; i++) {
        s.values[i] = d.readDouble();
        s.times[i] = d.readLong();
        s.lastPoints[i] = d.readInt();
      }
      s.evaluatedAt = d.readLong();
      s.scored = d.readBoolean();
      s.lastScore = d.readInt();
      s.lastSeen = d.readLong();
      return s;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
