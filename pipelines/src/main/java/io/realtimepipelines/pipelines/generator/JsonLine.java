package io.realtimepipelines.pipelines.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Writes one flat JSON object as UTF-8 with Jackson's streaming {@link JsonGenerator}, without
 * building trees. Strings get Jackson's escaping: quote, backslash and control characters, and
 * every surrogate (a pair as two {@code \u005Cuxxxx} escapes, an unpaired one alone), so the
 * payload is always valid UTF-8; hex digits are lowercase. Decimals are written in plain notation
 * with their scale, timestamps as ISO-8601 UTC with milliseconds.
 */
final class JsonLine {
  /** Shared by every line (a factory is thread-safe); each line gets its own generator. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  /** {@code 2026-11-23T10:15:30.123Z}: always three fraction digits. */
  private static final DateTimeFormatter ISO_MILLIS =
      new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  /** The UTF-8 bytes written so far. */
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(320);

  /** Writes into {@link #bytes}. */
  private final JsonGenerator json;

  JsonLine() {
    try {
      json = FACTORY.createGenerator(bytes);
      json.writeStartObject();
    } catch (IOException e) {
      throw inMemory(e);
    }
  }

  /** {@code "name":"value"}, escaped. */
  JsonLine string(String name, CharSequence value) {
    try {
      json.writeStringField(name, value.toString());
    } catch (IOException e) {
      throw inMemory(e);
    }
    return this;
  }

  /** {@code "name":"<prefix><n>"}. */
  JsonLine id(String name, String prefix, long n) {
    return string(name, prefix + n);
  }

  /** {@code "name":"<prefix><a>-<b>"}. */
  JsonLine id(String name, String prefix, long a, long b) {
    return string(name, prefix + a + '-' + b);
  }

  /** {@code "name":n}. */
  JsonLine number(String name, long value) {
    try {
      json.writeNumberField(name, value);
    } catch (IOException e) {
      throw inMemory(e);
    }
    return this;
  }

  /** {@code "name":d.dd}: the decimal {@code unscaled / 10^scale}, plain notation. */
  JsonLine decimal(String name, long unscaled, int scale) {
    try {
      json.writeNumberField(name, BigDecimal.valueOf(unscaled, scale));
    } catch (IOException e) {
      throw inMemory(e);
    }
    return this;
  }

  /** {@code "name":"d.dd"}: a decimal written as a string (a wrong type on purpose). */
  JsonLine decimalAsString(String name, long unscaled, int scale) {
    return string(name, BigDecimal.valueOf(unscaled, scale).toPlainString());
  }

  /** {@code "name":"2026-11-23T10:15:30.123Z"}. */
  JsonLine timestamp(String name, long epochMillis) {
    return string(name, ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis)));
  }

  /** The finished object. */
  String close() {
    try {
      json.writeEndObject();
      json.close();
    } catch (IOException e) {
      throw inMemory(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Writing into memory has no I/O to fail; an exception here is a bug. */
  private static IllegalStateException inMemory(IOException e) {
    return new IllegalStateException("writing JSON into memory failed", e);
  }
}
