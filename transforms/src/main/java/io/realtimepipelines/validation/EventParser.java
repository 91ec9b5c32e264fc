package io.realtimepipelines.validation;

import io.realtimepipelines.model.Event;
import java.io.Serializable;

/** Builds one event type from the fields of a JSON object, enforcing its contract. */
@FunctionalInterface
public interface EventParser<T extends Event> extends Serializable {
  T parse(JsonFields fields) throws ValidationException;
}
