package io.realtimepipelines.model;

import javax.annotation.processing.Generated;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

@Generated("com.google.auto.value.processor.AutoValueProcessor")
final class AutoValue_VitalSign extends VitalSign {

  private final String patientId;

  private final String deviceId;

  private final VitalMetric metric;

  private final double value;

  private final @Nullable String unit;

  private final Instant timestamp;

  AutoValue_VitalSign(
      String patientId,
      String deviceId,
      VitalMetric metric,
      double value,
      @Nullable String unit,
      Instant timestamp) {
    if (patientId == null) {
      throw new NullPointerException("Null patientId");
    }
    this.patientId = patientId;
    if (deviceId == null) {
      throw new NullPointerException("Null deviceId");
    }
    this.deviceId = deviceId;
    if (metric == null) {
      throw new NullPointerException("Null metric");
    }
    this.metric = metric;
    this.value = value;
    this.unit = unit;
    if (timestamp == null) {
      throw new NullPointerException("Null timestamp");
    }
    this.timestamp = timestamp;
  }

  @Override
  public String getPatientId() {
    return patientId;
  }

  @Override
  public String getDeviceId() {
    return deviceId;
  }

  @Override
  public VitalMetric getMetric() {
    return metric;
  }

  @Override
  public double getValue() {
    return value;
  }

  @Override
  public @Nullable String getUnit() {
    return unit;
  }

  @Override
  public Instant getTimestamp() {
    return timestamp;
  }

  @Override
  public String toString() {
    return "VitalSign{"
        + "patientId=" + patientId + ", "
        + "deviceId=" + deviceId + ", "
        + "metric=" + metric + ", "
        + "value=" + value + ", "
        + "unit=" + unit + ", "
        + "timestamp=" + timestamp
        + "}";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof VitalSign) {
      VitalSign that = (VitalSign) o;
      return this.patientId.equals(that.getPatientId())
          && this.deviceId.equals(that.getDeviceId())
          && this.metric.equals(that.getMetric())
          && Double.doubleToLongBits(this.value) == Double.doubleToLongBits(that.getValue())
          && (this.unit == null ? that.getUnit() == null : this.unit.equals(that.getUnit()))
          && this.timestamp.equals(that.getTimestamp());
    }
    return false;
  }

  @Override
  public int hashCode() {
    int h$ = 1;
    h$ *= 1000003;
    h$ ^= patientId.hashCode();
    h$ *= 1000003;
    h$ ^= deviceId.hashCode();
    h$ *= 1000003;
    h$ ^= metric.hashCode();
    h$ *= 1000003;
    h$ ^= (int) ((Double.doubleToLongBits(value) >>> 32) ^ Double.doubleToLongBits(value));
    h$ *= 1000003;
    h$ ^= (unit == null) ? 0 : unit.hashCode();
    h$ *= 1000003;
    h$ ^= timestamp.hashCode();
    return h$;
  }

}
