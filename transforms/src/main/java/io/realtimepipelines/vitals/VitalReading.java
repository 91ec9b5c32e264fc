package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A valid reading on its way through the vitals steps: converted to the metric's unit (the original
 * kept for provenance), with its source position. A <em>sentinel</em> carries only a key and an
 * instant: ordered after every reading of that instant, it tells the keyed step that the instant is
 * complete (see {@link CleanVitalSeries}).
 */
public final class VitalReading {
  final String patientId;
  final String deviceId;
  final VitalMetric metric;

  /** In the metric's unit. */
  final double value;

  final long timestamp;
  final String sourcePosition;

  /** The value as sent. */
  final double originalValue;

  /** The unit as sent (null when the reading named none). */
  final @Nullable String originalUnit;

  final boolean pseudonymised;
  final boolean sentinel;

  VitalReading(
      String patientId,
      String deviceId,
      VitalMetric metric,
      double value,
      long timestamp,
      String sourcePosition,
      double originalValue,
      @Nullable String originalUnit,
      boolean pseudonymised,
      boolean sentinel) {
    this.patientId = patientId;
    this.deviceId = deviceId;
    this.metric = metric;
    this.value = value;
    this.timestamp = timestamp;
    this.sourcePosition = sourcePosition;
    this.originalValue = originalValue;
    this.originalUnit = originalUnit;
    this.pseudonymised = pseudonymised;
    this.sentinel = sentinel;
  }

  /**
   * {@code sign} in the metric's unit: Fahrenheit temperatures become Celsius, rounded to 0.01
   * ({@code round((f - 32) * 5 / 9, 2)}), the original kept.
   */
  public static VitalReading of(VitalSign sign, boolean pseudonymised) {
    String position = sign.getSourcePosition() == null ? "unknown" : sign.getSourcePosition();
    double value = sign.getValue();
    if (sign.getMetric() == VitalMetric.TEMPERATURE
        && VitalMetric.FAHRENHEIT.equals(sign.getUnit())) {
      value = Math.round((value - 32) * 5 / 9 * 100) / 100.0;
    }
    return new VitalReading(
        sign.getPatientId(),
        sign.getDeviceId(),
        sign.getMetric(),
        value,
        sign.getTimestamp().getMillis(),
        position,
        sign.getValue(),
        sign.getUnit(),
        pseudonymised,
        false);
  }

  /** The sentinel that closes this reading's instant. */
  VitalReading sentinel() {
    return new VitalReading(patientId, "", metric, 0, timestamp, "", Double.NaN, null, false, true);
  }

  /** Key of the cleaning step: one patient's metric, all devices. */
  String seriesKey() {
    return patientId + "|" + metric.wireName();
  }

  /** True when the value was converted from the unit sent. */
  boolean converted() {
    return originalUnit != null && !originalUnit.equals(metric.unit());
  }

  /** Readings before sentinels; then device, value, source position. */
  static int compare(VitalReading a, VitalReading b) {
    int c = Boolean.compare(a.sentinel, b.sentinel);
    if (c == 0) {
      c = a.deviceId.compareTo(b.deviceId);
    }
    if (c == 0) {
      c = Double.compare(a.value, b.value);
    }
    return c != 0 ? c : a.sourcePosition.compareTo(b.sourcePosition);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VitalReading)) {
      return false;
    }
    VitalReading r = (VitalReading) o;
    return patientId.equals(r.patientId)
        && deviceId.equals(r.deviceId)
        && metric == r.metric
        && Double.compare(value, r.value) == 0
        && timestamp == r.timestamp
        && sourcePosition.equals(r.sourcePosition)
        && Double.compare(originalValue, r.originalValue) == 0
        && Objects.equals(originalUnit, r.originalUnit)
        && pseudonymised == r.pseudonymised
        && sentinel == r.sentinel;
  }

  @Override
  public int hashCode() {
    return Objects.hash(patientId, deviceId, metric, value, timestamp, sentinel);
  }

  @Override
  public String toString() {
    // No patient id: readings may end up in logs.
    return (sentinel ? "sentinel " : "")
        + metric.wireName()
        + " "
        + value
        + " @"
        + timestamp
        + " from "
        + deviceId
        + " ("
        + sourcePosition
        + ")";
  }

  /** Hand-written, deterministic; readings pass two keyed steps. */
  public static final class Coder extends AtomicCoder<VitalReading> {
    private static final Coder INSTANCE = new Coder();
    private static final VitalMetric[] METRICS = VitalMetric.values();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(VitalReading r, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeByte(
          (r.sentinel ? 1 : 0) | (r.pseudonymised ? 2 : 0) | (r.originalUnit != null ? 4 : 0));
      d.writeUTF(r.patientId);
      d.writeUTF(r.deviceId);
      d.writeByte(r.metric.ordinal());
      d.writeDouble(r.value);
      d.writeLong(r.timestamp);
      d.writeUTF(r.sourcePosition);
      d.writeDouble(r.originalValue);
      if (r.originalUnit != null) {
        d.writeUTF(r.originalUnit);
      }
    }

    @Override
    public VitalReading decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      int flags = d.readByte();
      String patient = d.readUTF();
      String device = d.readUTF();
      VitalMetric metric = METRICS[d.readByte()];
      double value = d.readDouble();
      long ts = d.readLong();
      String position = d.readUTF();
      double original = d.readDouble();
      String unit = (flags & 4) != 0 ? d.readUTF() : null;
      return new VitalReading(
          patient,
          device,
          metric,
          value,
          ts,
          position,
          original,
          unit,
          (flags & 2) != 0,
          (flags & 1) != 0);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
