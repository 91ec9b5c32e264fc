package io.realtimepipelines.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Binds one JSON Lines line to a small record with Jackson, rejecting it the way every tool reports
 * a bad line: "not JSON" or "not a JSON object". The record's own fields are checked by the caller,
 * which gives each its own message.
 */
public final class JsonLine {
  private JsonLine() {}

  /**
   * The line bound by {@code reader} (made once, for the record type).
   *
   * @throws IllegalArgumentException "not JSON" or "not a JSON object"
   */
  public static <T> T bind(ObjectReader reader, String line) {
    T value;
    try {
      value = reader.readValue(line);
    } catch (MismatchedInputException e) {
      // The line does not start with an object, which is only "not a JSON object" when the whole
      // line is JSON; this rare path parses it again to tell the two apart.
      throw new IllegalArgumentException(isJson(reader, line) ? "not a JSON object" : "not JSON");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (value == null) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return value;
  }

  private static boolean isJson(ObjectReader reader, String line) {
    try {
      reader.readTree(line);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
