package io.realtimepipelines.tools.pricing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.realtimepipelines.pipelines.pricing.CatalogFile;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.tools.JsonLine;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the price audit's inputs: the catalogue written by {@code convert-retail}, and price
 * updates, one JSON object per line with at least {@code {"productId":"sku-85123A",
 * "oldPrice":2.55,"newPrice":2.68,"timestamp":"2010-12-01T09:00:00Z"}} (the timestamp ISO-8601 with
 * an offset, or epoch millis) and optionally {@code "reasons":["low stock"]}; other fields are
 * ignored.
 */
public final class PriceUpdates {
  /** What an update line must hold, as the report's limit of {@link Check#UNREADABLE}. */
  static final String REQUIRED = "productId, oldPrice > 0, newPrice, timestamp";

  /** Numbers exactly as written: "2.50" stays 2.50. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  /** CatalogFile, shared with the pricing job, checks a catalogue line as a tree. */
  private static final ObjectReader CATALOG_LINE = MAPPER.reader();

  private static final ObjectReader UPDATE = MAPPER.readerFor(Line.class);

  /** Where the lines of an update file go. */
  interface Sink {
    /** A line that is a price update. */
    void update(PriceUpdate update);

    /** A line that is not; {@code why} says what is wrong with it. */
    void unreadable(String position, String why, String line);
  }

  private PriceUpdates() {}

  /**
   * Reads a catalogue written by {@code convert-retail}.
   *
   * @throws IllegalArgumentException naming the line that is not a catalogue entry, or a repeated
   *     productId
   */
  public static Map<String, CatalogEntry> readCatalog(Path file) throws IOException {
    Map<String, CatalogEntry> catalog = new HashMap<>();
    ToolInput.file(file)
        .forEachLine(
            (position, line) -> {
              if (line.isBlank()) {
                return;
              }
              CatalogEntry entry;
              try {
                entry = CatalogFile.fromJson(CATALOG_LINE.readTree(line));
              } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof JsonProcessingException ? "not JSON" : e.getMessage();
                throw new IllegalArgumentException(
                    "--catalog "
                        + position
                        + " is not a catalogue entry ("
                        + why
                        + "): '"
                        + RejectedLines.abbreviate(line)
                        + "'");
              }
              if (catalog.put(entry.getProductId(), entry) != null) {
                throw new IllegalArgumentException(
                    "--catalog " + position + " repeats productId " + entry.getProductId());
              }
            });
    if (catalog.isEmpty()) {
      throw new IllegalArgumentException("--catalog " + file + " has no entries");
    }
    return catalog;
  }

  /** Reads every line of {@code file} into {@code sink}; blank lines are skipped. */
  static void read(InputFile file, Sink sink) throws IOException {
    file.forEachLine(
        (position, line) -> {
          if (line.isBlank()) {
            return;
          }
          PriceUpdate update;
          try {
            update = parse(line, position);
          } catch (IllegalArgumentException e) {
            sink.unreadable(position, e.getMessage(), line);
            return;
          }
          sink.update(update);
        });
  }

  /**
   * One update line. The checked fields are bound as whatever JSON holds, so that a value of the
   * wrong type gets this tool's message, in the order {@link #parse} checks them, whatever their
   * order in the line; other fields are skipped unread. Fields, not a record: a repeated key keeps
   * its last value (a record's constructor cannot take one twice).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Line {
    public Object productId;
    public Object oldPrice;
    public Object newPrice;
    public Object timestamp;
    public Object reasons;
  }

  /** One update line; the exception message says what is wrong with it. */
  static PriceUpdate parse(String line, String position) {
    Line u = JsonLine.bind(UPDATE, line);
    if (!(u.productId instanceof String id) || id.isBlank()) {
      throw new IllegalArgumentException("productId missing or not a string");
    }
    BigDecimal oldPrice = decimal(u.oldPrice);
    if (oldPrice == null || oldPrice.signum() <= 0) {
      throw new IllegalArgumentException("oldPrice missing or not a number above 0");
    }
    BigDecimal newPrice = decimal(u.newPrice);
    if (newPrice == null) {
      throw new IllegalArgumentException("newPrice missing or not a number");
    }
    return new PriceUpdate(
        id, oldPrice, newPrice, timestamp(u.timestamp), reasons(u.reasons), position);
  }

  /** A JSON number, exactly as written; null for anything else. */
  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    return null;
  }

  /** ISO-8601 with an offset, or epoch millis. */
  private static Instant timestamp(Object value) {
    if (value instanceof String text) {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("timestamp is not ISO-8601 with an offset");
      }
    }
    // Jackson binds an integer beyond long as BigInteger: not epoch millis either.
    if (value instanceof Integer || value instanceof Long) {
      return Instant.ofEpochMilli(((Number) value).longValue());
    }
    throw new IllegalArgumentException("timestamp missing or not ISO-8601 or epoch millis");
  }

  /** The reasons, none when absent or null. */
  private static List<String> reasons(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("reasons is not an array of strings");
    }
    List<String> reasons = new ArrayList<>(list.size());
    for (Object r : list) {
      if (!(r instanceof String text)) {
        throw new IllegalArgumentException("reasons is not an array of strings");
      }
      reasons.add(text);
    }
    return List.copyOf(reasons);
  }
}
