package io.realtimepipelines.tools.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.realtimepipelines.pipelines.pricing.CatalogFile;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import java.io.IOException;
import java.math.BigDecimal;
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

  private static final ObjectReader JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .reader();

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
                entry = CatalogFile.fromJson(JSON.readTree(line));
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

  /** One update line; the exception message says what is wrong with it. */
  static PriceUpdate parse(String line, String position) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode id = node.get("productId");
    if (id == null || !id.isTextual() || id.textValue().isBlank()) {
      throw new IllegalArgumentException("productId missing or not a string");
    }
    BigDecimal oldPrice = CatalogFile.positive(node, "oldPrice");
    JsonNode newNode = node.get("newPrice");
    if (newNode == null || !newNode.isNumber()) {
      throw new IllegalArgumentException("newPrice missing or not a number");
    }
    JsonNode ts = node.get("timestamp");
    Instant timestamp;
    if (ts != null && ts.isTextual()) {
      try {
        timestamp =
            OffsetDateTime.parse(ts.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("timestamp is not ISO-8601 with an offset");
      }
    } else if (ts != null && ts.isIntegralNumber() && ts.canConvertToLong()) {
      timestamp = Instant.ofEpochMilli(ts.longValue());
    } else {
      throw new IllegalArgumentException("timestamp missing or not ISO-8601 or epoch millis");
    }
    List<String> reasons = new ArrayList<>();
    JsonNode list = node.get("reasons");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new IllegalArgumentException("reasons is not an array of strings");
      }
      for (JsonNode r : list) {
        if (!r.isTextual()) {
          throw new IllegalArgumentException("reasons is not an array of strings");
        }
        reasons.add(r.textValue());
      }
    }
    return new PriceUpdate(
        id.textValue(),
        oldPrice,
        newNode.decimalValue(),
        timestamp,
        List.copyOf(reasons),
        position);
  }
}
