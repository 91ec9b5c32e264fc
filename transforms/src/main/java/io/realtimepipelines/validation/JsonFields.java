package io.realtimepipelines.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.realtimepipelines.model.ErrorCode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Typed, strict reads of fields from a JSON object. Every failure names the field and the rule,
 * so that a dead letter says exactly what to fix.
 */
public final class JsonFields {
  /** No event of this project can be older than this. */
  public static final Instant EARLIEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");

  private static final int MAX_ID_LENGTH = 256;

  private final JsonNode object;
  private final Instant now;
  private final Duration maxFutureSkew;

  JsonFields(JsonNode object, Instant now, Duration maxFutureSkew) {
    this.object = object;
    this.now = now;
    this.maxFutureSkew = maxFutureSkew;
  }

  private @Nullable JsonNode present(String field) {
    JsonNode node = object.get(field);
    return node == null || node.isNull() ? null : node;
  }

  private static String typeName(JsonNode node) {
    JsonNodeType t = node.getNodeType();
    return t == JsonNodeType.POJO ? "object" : t.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static ValidationException wrongType(String field, String expected, JsonNode node) {
    return new ValidationException(
        ErrorCode.WRONG_TYPE,
        field,
        "field '" + field + "' must be " + expected + " but is a " + typeName(node));
  }

  static ValidationException missing(String field) {
    return new ValidationException(
        ErrorCode.MISSING_FIELD, field, "required field '" + field + "' is missing or null");
  }

  static ValidationException invalid(String field, String rule) {
    return new ValidationException(ErrorCode.INVALID_VALUE, field, "field '" + field + "' " + rule);
  }

  /** A required non-blank string of at most 256 characters (an identifier). */
  public String requiredId(String field) throws ValidationException {
    String value = optionalId(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** An optional non-blank string of at most 256 characters, or null. */
  public @Nullable String optionalId(String field) throws ValidationException {
    String value = optionalString(field);
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      throw invalid(field, "must not be blank");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw invalid(field, "must be at most " + MAX_ID_LENGTH + " characters, got " + value.length());
    }
    return value;
  }

  /** An optional string, or null. */
  public @Nullable String optionalString(String field) throws ValidationException {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(field, "a string", node);
    }
    return node.textValue();
  }

  /** An optional boolean, or null. */
  public @Nullable Boolean optionalBoolean(String field) throws ValidationException {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      throw wrongType(field, "true or false", node);
    }
    return node.booleanValue();
  }

  /** A required JSON number as an exact decimal; must be finite. */
  public BigDecimal requiredDecimal(String field) throws ValidationException {
    BigDecimal value = optionalDecimal(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** An optional JSON number as an exact decimal, or null. */
  public @Nullable BigDecimal optionalDecimal(String field) throws ValidationException {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      throw wrongType(field, "a number", node);
    }
    return node.decimalValue();
  }

  /** A required finite double. */
  public double requiredDouble(String field) throws ValidationException {
    Double value = optionalDouble(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** An optional finite double, or null. */
  public @Nullable Double optionalDouble(String field) throws ValidationException {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      throw wrongType(field, "a number", node);
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw invalid(field, "must be a finite number, got " + node.asText());
    }
    return value;
  }

  /** An optional whole number within long range, or null. */
  public @Nullable Long optionalLong(String field) throws ValidationException {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      throw wrongType(field, "a whole number", node);
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      BigDecimal d = node.decimalValue();
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw invalid(field, "must be a whole number, got " + node.asText());
      }
    }
    return node.longValue();
  }

  /** A required whole number. */
  public long requiredLong(String field) throws ValidationException {
    Long value = optionalLong(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /**
   * The required event time: ISO-8601 with an offset ({@code 2026-11-23T10:15:30.123Z}) or
   * epoch milliseconds, not before 2000-01-01 and not more than the allowed skew ahead of now.
   */
  public Instant requiredTimestamp(String field) throws ValidationException {
    JsonNode node = present(field);
    if (node == null) {
      throw missing(field);
    }
    long millis;
    if (node.isTextual()) {
      try {
        millis =
            OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant()
                .toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw invalid(
            field,
            "must be ISO-8601 with an offset (e.g. 2026-11-23T10:15:30.123Z) or epoch"
                + " milliseconds, got '" + abbreviate(node.textValue()) + "'");
      }
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      millis = node.longValue();
    } else if (node.isNumber()) {
      throw invalid(field, "as a number must be whole epoch milliseconds, got " + node.asText());
    } else {
      throw wrongType(field, "an ISO-8601 string or epoch milliseconds", node);
    }
    Instant ts = new Instant(millis);
    if (ts.isBefore(EARLIEST_TIMESTAMP)) {
      throw new ValidationException(
          ErrorCode.TIMESTAMP_OUT_OF_RANGE,
          field,
          "field '" + field + "' is " + ts + ", before the earliest accepted " + EARLIEST_TIMESTAMP);
    }
    Instant latest = now.plus(maxFutureSkew);
    if (ts.isAfter(latest)) {
      throw new ValidationException(
          ErrorCode.TIMESTAMP_OUT_OF_RANGE,
          field,
          "field '" + field + "' is " + ts + ", more than " + maxFutureSkew.getStandardMinutes()
              + " min ahead of processing time " + now);
    }
    return ts;
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
