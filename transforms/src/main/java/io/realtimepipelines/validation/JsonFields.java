package io.realtimepipelines.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.realtimepipelines.model.Attributes;
import io.realtimepipelines.model.ErrorCode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Typed, strict reads of fields from a JSON object. Every failure names the field and the rule, so
 * that a dead letter says exactly what to fix.
 */
public final class JsonFields {
  /** No event of this project can be older than this. */
  public static final Instant EARLIEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");

  private static final int MAX_ID_LENGTH = 256;

  /** Decimals with more digits after the point than this are INVALID_VALUE. */
  public static final int MAX_DECIMAL_PLACES = 18;

  /** Decimals with more digits before the point than this are INVALID_VALUE. */
  public static final int MAX_INTEGER_DIGITS = 30;

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

  /**
   * A required non-blank string of at most 256 characters (an identifier), without control
   * characters (NUL included) or unpaired UTF-16 surrogates, which no output could carry intact.
   */
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
      throw invalid(
          field, "must be at most " + MAX_ID_LENGTH + " characters, got " + value.length());
    }
    int bad = unprintable(value);
    if (bad >= 0) {
      throw invalid(
          field,
          "must not contain control characters or unpaired UTF-16 surrogates;"
              + " found U+"
              + String.format("%04X", (int) value.charAt(bad))
              + " at index "
              + bad);
    }
    return value;
  }

  /**
   * Index of the first control character (below U+0020, or U+007F) or unpaired surrogate in {@code
   * s}, or -1 when there is none.
   */
  static int unprintable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return i;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code s} made safe to quote in a message: at most 64 characters, control characters and
   * unpaired surrogates written as a backslash-u escape (U+0000 as "\\u0000").
   */
  static String quote(String s) {
    return escape(abbreviate(s));
  }

  /** {@code s} with control characters and unpaired surrogates written as escapes. */
  static String escape(String cut) {
    if (unprintable(cut) < 0) {
      return cut;
    }
    StringBuilder out = new StringBuilder(cut.length() + 16);
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < cut.length()
              && Character.isLowSurrogate(cut.charAt(i + 1));
      if (pair) {
        out.append(c).append(cut.charAt(++i));
      } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The record's {@link Attributes}: the scalar values of the {@code attributes} object, over the
   * scalar top-level fields not in {@code known} (kept as attributes; unknown top-level objects and
   * lists are ignored). Inside {@code attributes} a value must be a number, string (at most {@link
   * Attributes#MAX_STRING_LENGTH} characters, as an identifier) or boolean, a name must not be a
   * field of {@code known}; at most {@link Attributes#MAX_COUNT} in all.
   */
  public Attributes attributes(java.util.Set<String> known) throws ValidationException {
    java.util.Map<String, Object> values = new java.util.TreeMap<>();
    var fields = object.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (known.contains(name) || "attributes".equals(name) || v.isNull() || v.isContainerNode()) {
        continue;
      }
      try {
        values.put(name, attributeValue(name, name, v));
      } catch (ValidationException ignored) {
        // Not a valid attribute: left out, as unknown fields always were; only the attributes
        // object is held to the attribute rules.
      }
    }
    JsonNode explicit = present("attributes");
    if (explicit != null) {
      if (!explicit.isObject()) {
        throw wrongType("attributes", "an object", explicit);
      }
      var inner = explicit.fields();
      while (inner.hasNext()) {
        var e = inner.next();
        String path = "attributes." + e.getKey();
        if (known.contains(e.getKey())) {
          throw invalid(
              path, "is a core field of the record: give it at the top level, not in attributes");
        }
        if (e.getValue().isNull()) {
          values.remove(e.getKey());
          continue;
        }
        if (e.getValue().isContainerNode()) {
          throw wrongType(path, "a number, string or boolean", e.getValue());
        }
        values.put(e.getKey(), attributeValue(e.getKey(), path, e.getValue()));
      }
    }
    int topLevel = values.size();
    if (explicit != null && explicit.size() > Attributes.MAX_COUNT) {
      throw invalid(
          "attributes",
          "must hold at most " + Attributes.MAX_COUNT + " attributes, got " + explicit.size());
    }
    if (values.size() > Attributes.MAX_COUNT && topLevel > 0) {
      // Unknown top-level fields beyond the limit are left out, in name order, before any of the
      // attributes object.
      var it = values.keySet().iterator();
      while (values.size() > Attributes.MAX_COUNT && it.hasNext()) {
        String name = it.next();
        if (explicit == null || !explicit.has(name)) {
          it.remove();
        }
      }
    }
    if (values.size() > Attributes.MAX_COUNT) {
      throw invalid(
          "attributes",
          "must hold at most " + Attributes.MAX_COUNT + " attributes, got " + values.size());
    }
    return values.isEmpty() ? Attributes.EMPTY : Attributes.of(values);
  }

  private Object attributeValue(String name, String path, JsonNode v) throws ValidationException {
    if (name.isBlank() || name.length() > Attributes.MAX_NAME_LENGTH || unprintable(name) >= 0) {
      throw invalid(
          path,
          "has an invalid name: 1 to " + Attributes.MAX_NAME_LENGTH + " printable characters");
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        throw invalid(path, "must be a finite number");
      }
      return d;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      String text = v.textValue();
      if (text.length() > Attributes.MAX_STRING_LENGTH || unprintable(text) >= 0) {
        throw invalid(
            path,
            "must be at most "
                + Attributes.MAX_STRING_LENGTH
                + " printable characters, got "
                + text.length());
      }
      return text;
    }
    throw wrongType(path, "a number, string or boolean", v);
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

  /**
   * An optional JSON number as an exact decimal, or null: at most {@link #MAX_DECIMAL_PLACES}
   * digits after the point and {@link #MAX_INTEGER_DIGITS} before it, so that {@code 1e400} or
   * {@code -1e-999999999} are INVALID_VALUE instead of numbers no writer can print.
   */
  public @Nullable BigDecimal optionalDecimal(String field) throws ValidationException {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      throw wrongType(field, "a number", node);
    }
    BigDecimal value = exact(field, node);
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    // precision() and scale() are cheap; toPlainString() of 1e-999999999 is a 1 GB string.
    if (value.scale() > MAX_DECIMAL_PLACES) {
      BigDecimal stripped = value.stripTrailingZeros();
      if (stripped.scale() > MAX_DECIMAL_PLACES) {
        throw invalid(
            field,
            "must have at most "
                + MAX_DECIMAL_PLACES
                + " decimal places, got "
                + abbreviate(value.toString()));
      }
      value = stripped;
    }
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
      throw invalid(
          field,
          "must have at most "
              + MAX_INTEGER_DIGITS
              + " digits before the decimal point, got "
              + abbreviate(value.toString()));
    }
    return value;
  }

  /** A required finite double. */
  public double requiredDouble(String field) throws ValidationException {
    Double value = optionalDouble(field);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /**
   * An optional finite double, or null. A literal beyond a double's range ({@code 1e400}), or a
   * non-zero one so small that it would round to zero or lose its precision ({@code 1e-10000}), is
   * INVALID_VALUE: the event must mean what its sender wrote.
   */
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
      throw invalid(field, "must be a finite number, got " + abbreviate(node.asText()));
    }
    if (Math.abs(value) < Double.MIN_NORMAL && exact(field, node).signum() != 0) {
      throw invalid(
          field,
          "must be 0 or at least "
              + Double.MIN_NORMAL
              + " in magnitude (it underflows a double), got "
              + abbreviate(node.asText()));
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
      BigDecimal d = exact(field, node);
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw invalid(
            field, "must be a whole number within 64 bits, got " + abbreviate(node.asText()));
      }
    }
    return node.longValue();
  }

  /**
   * The number as an exact decimal. Jackson keeps a literal beyond a double's range (1e400) as an
   * infinite double, which has no decimal value: that is INVALID_VALUE.
   */
  private static BigDecimal exact(String field, JsonNode node) throws ValidationException {
    if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      throw invalid(
          field,
          "must be a finite number within a double's range, got " + abbreviate(node.asText()));
    }
    return node.decimalValue();
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
   * The required event time: ISO-8601 with an offset ({@code 2026-11-23T10:15:30.123Z}) or epoch
   * milliseconds, not before 2000-01-01 and not more than the allowed skew ahead of now.
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
                + " milliseconds, got '"
                + quote(node.textValue())
                + "'");
      }
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      millis = node.longValue();
    } else if (node.isNumber()) {
      throw invalid(
          field, "as a number must be whole epoch milliseconds, got " + abbreviate(node.asText()));
    } else {
      throw wrongType(field, "an ISO-8601 string or epoch milliseconds", node);
    }
    Instant ts = new Instant(millis);
    if (ts.isBefore(EARLIEST_TIMESTAMP)) {
      throw new ValidationException(
          ErrorCode.TIMESTAMP_OUT_OF_RANGE,
          field,
          "field '"
              + field
              + "' is "
              + ts
              + ", before the earliest accepted "
              + EARLIEST_TIMESTAMP);
    }
    Instant latest = now.plus(maxFutureSkew);
    if (ts.isAfter(latest)) {
      throw new ValidationException(
          ErrorCode.TIMESTAMP_OUT_OF_RANGE,
          field,
          "field '"
              + field
              + "' is "
              + ts
              + ", more than "
              + maxFutureSkew.getStandardMinutes()
              + " min ahead of processing time "
              + now);
    }
    return ts;
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
