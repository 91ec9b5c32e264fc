package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** A vital sign a bedside or wearable device measures, with the unit it is reported in. */
public enum VitalMetric {
  HEART_RATE("heart_rate", "bpm"),
  SPO2("spo2", "%"),
  TEMPERATURE("temperature", "celsius"),
  RESP_RATE("resp_rate", "breaths/min"),
  SYSTOLIC_BP("systolic_bp", "mmHg"),
  DIASTOLIC_BP("diastolic_bp", "mmHg");

  private final String wireName;
  private final String unit;

  VitalMetric(String wireName, String unit) {
    this.wireName = wireName;
    this.unit = unit;
  }

  /** The value used in JSON events. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The unit values are kept in, and the default when a reading names none. */
  public String unit() {
    return unit;
  }

  /** Unit names a reading may carry: the metric's unit, and for temperature also Fahrenheit. */
  public boolean accepts(String unitName) {
    return unit.equals(unitName) || (this == TEMPERATURE && FAHRENHEIT.equals(unitName));
  }

  /** The other temperature unit a device may report in; the vitals job converts it. */
  public static final String FAHRENHEIT = "fahrenheit";

  /** The metric for a JSON value, or null when there is none. */
  public static VitalMetric fromWireName(String value) {
    for (VitalMetric m : values()) {
      if (m.wireName.equals(value)) {
        return m;
      }
    }
    return null;
  }
}
