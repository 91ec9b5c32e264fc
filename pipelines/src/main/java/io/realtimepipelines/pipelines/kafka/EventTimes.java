package io.realtimepipelines.pipelines.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads one top-level field of a JSON record without building a tree: the event time of a Kafka
 * record for its watermark, and entity ids for record keys. A record that is not JSON, or lacks the
 * field, gives no value; validation later turns such a record into a dead letter.
 */
public final class EventTimes {
  private static final JsonFactory JSON = new JsonFactory();

  private EventTimes() {}

  /**
   * The {@code timestamp} field as epoch millis (ISO-8601 with an offset, or epoch millis), or
   * {@code fallback} when it is missing or unreadable.
   */
  public static long timestampMillis(byte[] payload, long fallback) {
    if (payload == null || payload.length == 0) {
      return fallback;
    }
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return fallback;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("timestamp".equals(name)) {
          if (value == JsonToken.VALUE_STRING) {
            return OffsetDateTime.parse(p.getText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant()
                .toEpochMilli();
          }
          return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : fallback;
        }
        p.skipChildren();
      }
      return fallback;
    } catch (IOException | DateTimeParseException | ArithmeticException e) {
      return fallback;
    }
  }

  /** A top-level string field, or null. */
  public static String stringField(byte[] payload, String field) {
    if (payload == null || payload.length == 0) {
      return null;
    }
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals(name)) {
          return value == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
