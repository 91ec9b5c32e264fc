package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;

/** Creates the generator for an event type. */
public final class EventGenerators {
  private EventGenerators() {}

  /** The generator of {@code type} events under {@code config}. */
  /**
   * The event types that have a generator (fraud feedback is derived from labels, not generated).
   */
  public static final java.util.Set<EventType> GENERATED =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(
              EventType.TRANSACTION,
              EventType.CLICK,
              EventType.INVENTORY,
              EventType.COMPETITOR_PRICE,
              EventType.VITAL,
              EventType.METRIC));

  public static EventGenerator create(EventType type, GeneratorConfig config) {
    if (type == null || config == null) {
      throw new IllegalArgumentException(
          "type and config must not be null, got " + type + ", " + config);
    }
    switch (type) {
      case TRANSACTION:
        return new TransactionGenerator(config);
      case CLICK:
        return new ClickGenerator(config);
      case INVENTORY:
        return new InventoryGenerator(config);
      case COMPETITOR_PRICE:
        return new CompetitorPriceGenerator(config);
      case VITAL:
        return new VitalGenerator(config);
      case METRIC:
        return new MetricGenerator(config);
      default:
        throw new IllegalArgumentException(
            "no generator for event type " + type + "; generated types: " + GENERATED);
    }
  }
}
