package io.realtimepipelines.tools.recommend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns the REES46 e-commerce clickstream CSV ({@code
 * shared/datasets/rees46-ecommerce-clickstream/SOURCE.md}: event_time, event_type, product_id,
 * category_id, category_code, brand, price, user_id, user_session) into {@code ClickEvent} JSON
 * Lines for the {@code recommend} job, row by row, in file order.
 *
 * <p>Mapping: eventId {@code r46-<row>} (the data row number, zero-padded to 9 digits, so that ids
 * sort in file order), sessionId = user_session, userId = user_id, productId = product_id, category
 * = category_code, or {@code cid-<category_id>} when the code is empty, brand = brand (left out
 * when empty), action view / add_to_cart (cart) / purchase, price as written, quantity 1, timestamp
 * = event_time (UTC). Rows of other event types ({@code remove_from_cart}) are skipped and counted.
 * Empty required values are left out of the record, so the job turns such rows into dead letters
 * with the field named (e.g. a click without a session); the converter does not judge them.
 *
 * <pre>
 * rtp convert-rees46 --csv=../shared/datasets/rees46-ecommerce-clickstream/2019-Oct_first_17434_rows.csv \
 *   --clicks=/tmp/rec/clicks.jsonl
 * </pre>
 */
public final class Rees46Converter {
  /** Subcommand name. */
  public static final String COMMAND = "convert-rees46";

  static final List<String> HEADER =
      List.of(
          "event_time",
          "event_type",
          "product_id",
          "category_id",
          "category_code",
          "brand",
          "price",
          "user_id",
          "user_session");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

  private static final Map<String, String> ACTIONS =
      Map.of("view", "view", "cart", "add_to_cart", "purchase", "purchase");

  private Rees46Converter() {}

  /** What a conversion read and wrote. */
  public record Counts(long rows, long written, Map<String, Long> skipped) {
    long skippedTotal() {
      return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** {@code rtp convert-rees46}: the clickstream CSV in, ClickEvent JSON Lines out. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code convert-rees46}. */
  @Command(
      name = COMMAND,
      description = "convert the REES46 clickstream CSV to clicks for the recommend job",
      footer = {
        "",
        "Exit codes: 0 done, 1 rows = clicks + skipped does not hold or reading or"
            + " writing failed, 2 wrong command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--csv",
        required = true,
        paramLabel = "<path>",
        description = "the REES46 CSV, plain or .gz, e.g. 2019-Oct.csv")
    Path csv;

    @Option(
        names = "--clicks",
        required = true,
        paramLabel = "<path>",
        description = "where to write the clicks (.jsonl, or .jsonl.gz for gzip)")
    Path clicks;

    @Override
    protected int execute() throws IOException {
      existingFile("csv", csv);
      Counts c;
      try {
        c = convert(csv, clicks);
      } catch (IllegalArgumentException e) {
        err.println(COMMAND + " failed: " + e.getMessage());
        return Tools.FAILED;
      }
      out.printf(
          Locale.ROOT,
          "%s: %,d rows -> %,d clicks in %s; skipped %,d %s%n",
          COMMAND,
          c.rows(),
          c.written(),
          clicks,
          c.skippedTotal(),
          c.skipped());
      boolean balanced = c.rows() == c.written() + c.skippedTotal();
      out.println("accounting     rows = clicks + skipped: " + (balanced ? "ok" : "MISMATCH"));
      return balanced ? 0 : Tools.FAILED;
    }
  }

  /** Converts {@code csv} into {@code clicks} (gzip when its name ends in .gz). */
  public static Counts convert(Path csv, Path clicks) throws IOException {
    if (clicks.getParent() != null) {
      Files.createDirectories(clicks.getParent());
    }
    long rows = 0;
    long written = 0;
    Map<String, Long> skipped = new TreeMap<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (InputStream raw = open(csv);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
        CSVParser parser = CSVParser.parse(reader, format);
        OutputStream file = create(clicks);
        JsonGenerator json = new JsonFactory().createGenerator(file).setRootValueSeparator(null)) {
      if (!parser.getHeaderNames().equals(HEADER)) {
        throw new IllegalArgumentException(
            csv + " has columns " + parser.getHeaderNames() + ", expected " + HEADER);
      }
      for (CSVRecord r : parser) {
        rows++;
        String action = ACTIONS.get(r.get("event_type"));
        if (action == null) {
          skipped.merge("event_type " + r.get("event_type"), 1L, Long::sum);
          continue;
        }
        json.writeStartObject();
        json.writeStringField("eventId", String.format(Locale.ROOT, "r46-%09d", rows));
        optional(json, "sessionId", r.get("user_session"));
        optional(json, "userId", r.get("user_id"));
        optional(json, "productId", r.get("product_id"));
        String code = r.get("category_code");
        String id = r.get("category_id");
        optional(json, "category", !code.isEmpty() ? code : id.isEmpty() ? "" : "cid-" + id);
        optional(json, "brand", r.get("brand"));
        json.writeStringField("action", action);
        price(json, r.get("price"));
        json.writeNumberField("quantity", 1);
        optional(json, "timestamp", time(r.get("event_time")));
        json.writeEndObject();
        json.writeRaw('\n');
        written++;
      }
    }
    return new Counts(rows, written, skipped);
  }

  /** A decimal as a JSON number; anything else as a string, which validation rejects. */
  private static void price(JsonGenerator json, String text) throws IOException {
    if (text.isEmpty()) {
      return;
    }
    if (NUMBER.matcher(text).matches()) {
      json.writeFieldName("price");
      json.writeRawValue(text);
    } else {
      json.writeStringField("price", text);
    }
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("-?\\d{1,15}(\\.\\d{1,10})?");

  private static void optional(JsonGenerator json, String field, String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      json.writeStringField(field, value);
    }
  }

  /** ISO-8601 UTC, or the text as it was when it is not the data set's time format. */
  static String time(String text) {
    try {
      return LocalDateTime.parse(text, TIME).toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  private static InputStream open(Path file) throws IOException {
    return ToolInput.file(file).openStream();
  }

  private static OutputStream create(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
  }
}
