package io.realtimepipelines.model;

/** The input event types, with the name used on command lines, in metrics and in dead letters. */
public enum EventType {
  TRANSACTION("transaction", Transaction.class),
  CLICK("click", ClickEvent.class),
  INVENTORY("inventory", InventoryUpdate.class),
  COMPETITOR_PRICE("competitor_price", CompetitorPrice.class),
  VITAL("vital", VitalSign.class),
  FEEDBACK("feedback", FraudFeedback.class),
  METRIC("metric", MetricSample.class);

  private final String wireName;
  private final Class<? extends Event> eventClass;

  EventType(String wireName, Class<? extends Event> eventClass) {
    this.wireName = wireName;
    this.eventClass = eventClass;
  }

  public String wireName() {
    return wireName;
  }

  public Class<? extends Event> eventClass() {
    return eventClass;
  }

  /** The type for a command-line or JSON name, or null when there is none. */
  public static EventType fromWireName(String value) {
    for (EventType t : values()) {
      if (t.wireName.equals(value)) {
        return t;
      }
    }
    return null;
  }
}
