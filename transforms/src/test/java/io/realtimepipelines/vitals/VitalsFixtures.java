package io.realtimepipelines.vitals;

import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import org.joda.time.Instant;

/** Small builders: {@code sign("p1", "mon-1", HEART_RATE, 72, sec(30))}. */
final class VitalsFixtures {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private VitalsFixtures() {}

  static Instant sec(long seconds) {
    return T0.plus(seconds * 1000);
  }

  static VitalSign sign(
      String patient, String device, VitalMetric metric, double value, Instant at) {
    return VitalSign.of(patient, device, metric, value, null, at)
        .withSourcePosition("test:" + device + "@" + (at.getMillis() - T0.getMillis()) / 1000);
  }

  static VitalSign fahrenheit(String patient, String device, double value, Instant at) {
    return VitalSign.of(patient, device, VitalMetric.TEMPERATURE, value, VitalMetric.FAHRENHEIT, at)
        .withSourcePosition("test:" + device + "@" + (at.getMillis() - T0.getMillis()) / 1000);
  }

  static VitalReading reading(String device, VitalMetric metric, double value, long second) {
    return VitalReading.of(sign("p1", device, metric, value, sec(second)), false);
  }
}
