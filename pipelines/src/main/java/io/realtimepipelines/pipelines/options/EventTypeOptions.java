package io.realtimepipelines.pipelines.options;

import io.realtimepipelines.model.EventType;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The event type of a job that handles any type ({@code validate}, {@code generate}); the other
 * jobs read one fixed type and do not have this option (nor list it in {@code --help}).
 */
public interface EventTypeOptions extends PipelineOptions {
  @Description(
      "Event type to read or write: TRANSACTION, CLICK, INVENTORY, COMPETITOR_PRICE, VITAL,"
          + " METRIC or FEEDBACK.")
  @Default.Enum("TRANSACTION")
  EventType getEventType();

  void setEventType(EventType value);
}
