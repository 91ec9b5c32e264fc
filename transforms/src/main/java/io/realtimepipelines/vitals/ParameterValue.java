package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalMetric;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * A cleaned, measured value of a NEWS2 parameter on its way to the scoring step, or the sentinel
 * that closes its instant (ordered after every value of that instant).
 */
final class ParameterValue {
  final String patientId;
  final VitalMetric metric;
  final double value;
  final long timestamp;
  final boolean sentinel;

  ParameterValue(
      String patientId, VitalMetric metric, double value, long timestamp, boolean sentinel) {
    this.patientId = patientId;
    this.metric = metric;
    this.value = value;
    this.timestamp = timestamp;
    this.sentinel = sentinel;
  }

  static ParameterValue of(CleanedVital v) {
    return new ParameterValue(
        v.getPatientId(), v.getMetric(), v.getValue(), v.getTimestamp().getMillis(), false);
  }

  ParameterValue sentinel() {
    return new ParameterValue(patientId, metric, 0, timestamp, true);
  }

  /** Values before sentinels; then NEWS2 parameter order, then value. */
  static int compare(ParameterValue a, ParameterValue b) {
    int c = Boolean.compare(a.sentinel, b.sentinel);
    if (c == 0 && !a.sentinel) {
      c = Integer.compare(News2.index(a.metric), News2.index(b.metric));
      if (c == 0) {
        c = Double.compare(a.value, b.value);
      }
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ParameterValue)) {
      return false;
    }
    ParameterValue p = (ParameterValue) o;
    return patientId.equals(p.patientId)
        && metric == p.metric
        && Double.compare(value, p.value) == 0
        && timestamp == p.timestamp
        && sentinel == p.sentinel;
  }

  @Override
  public int hashCode() {
    return Objects.hash(patientId, metric, value, timestamp, sentinel);
  }

  @Override
  public String toString() {
    return (sentinel ? "sentinel " : "") + metric.wireName() + " " + value + " @" + timestamp;
  }

  static final class Coder extends AtomicCoder<ParameterValue> {
    static final Coder INSTANCE = new Coder();
    private static final VitalMetric[] METRICS = VitalMetric.values();

    @Override
    public void encode(ParameterValue p, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeBoolean(p.sentinel);
      d.writeUTF(p.patientId);
      d.writeByte(p.metric.ordinal());
      d.writeDouble(p.value);
      d.writeLong(p.timestamp);
    }

    @Override
    public ParameterValue decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      boolean sentinel = d.readBoolean();
      return new ParameterValue(
          d.readUTF(), METRICS[d.readByte()], d.readDouble(), d.readLong(), sentinel);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
