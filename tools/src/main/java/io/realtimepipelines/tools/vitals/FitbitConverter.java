package io.realtimepipelines.tools.vitals;

import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.tools.CommandLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.joda.time.Instant;

/**
 * Turns Fitbit second-level heart-rate exports ({@code heartrate_seconds*.csv}: Id, Time, Value;
 * see {@code shared/datasets/fitbit-heartrate-seconds/SOURCE.md}) into VitalSign readings:
 * patientId "fitbit-" + Id, deviceId "fitbit-wrist-" + Id, metric heart_rate, unit bpm, timestamp
 * = Time (device-local, no zone given) read as UTC. Rows that cannot be read are counted per
 * reason, never silently dropped.
 *
 * <pre>
 * rtp convert-fitbit --dir=../shared/datasets/fitbit-heartrate-seconds --readings=/tmp/fitbit.jsonl.gz
 * </pre>
 */
public final class FitbitConverter {
  public static final String COMMAND = "convert-fitbit";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

  private FitbitConverter() {}

  /** Rows read, readings written, rows rejected per reason. */
  record Summary(long rows, long readings, Map<String, Long> rejected, List<Path> files) {}

  static Summary convert(Path dir, Path out) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.getFileName().toString().matches("heartrate_seconds.*\\.csv"))
          .sorted().collect(Collectors.toList());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + " has no heartrate_seconds*.csv files (looked in "
          + dir.toAbsolutePath().normalize() + ")");
    }
    long rows = 0;
    long readings = 0;
    Map<String, Long> rejected = new TreeMap<>();
    try (Writer w = JsonLinesOut.open(out)) {
      for (Path f : files) {
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
            CSVParser csv = CSVParser.parse(in, FORMAT)) {
          if (!csv.getHeaderMap().keySet().containsAll(List.of("Id", "Time", "Value"))) {
            throw new IllegalArgumentException(f + " is not a Fitbit heart-rate export: its header is "
                + csv.getHeaderNames() + ", expected Id, Time, Value");
          }
          for (CSVRecord r : csv) {
            rows++;
            String reason = null;
            try {
              long millis = LocalDateTime.parse(r.get("Time").trim(), TIME)
                  .toInstant(ZoneOffset.UTC).toEpochMilli();
              double bpm = Double.parseDouble(r.get("Value").trim());
              String id = r.get("Id").trim();
              if (id.isEmpty()) {
                reason = "empty Id";
              } else if (!Double.isFinite(bpm)) {
                reason = "Value not a number";
              } else {
                w.write(EventJson.toJson(VitalSign.of("fitbit-" + id, "fitbit-wrist-" + id,
                    VitalMetric.HEART_RATE, bpm, "bpm", new Instant(millis)), VitalSign.class));
                w.write('\n');
                readings++;
              }
            } catch (DateTimeParseException e) {
              reason = "Time not M/D/YYYY h:mm:ss AM/PM";
            } catch (NumberFormatException e) {
              reason = "Value not a number";
            }
            if (reason != null) {
              rejected.merge(reason, 1L, Long::sum);
            }
          }
        }
      }
    }
    return new Summary(rows, readings, rejected, files);
  }

  /** The tool's entry point: {@code --dir}, {@code --readings}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (CommandLine.wantsHelp(args)) {
      out.println("usage: rtp " + COMMAND + " --dir=<folder with heartrate_seconds*.csv>"
          + " --readings=<out.jsonl[.gz]>");
      out.println("Converts Fitbit per-second heart rate to VitalSign JSON Lines for rtp vitals.");
      return 0;
    }
    try {
      CommandLine cl = CommandLine.parse(COMMAND, args, List.of("dir", "readings"));
      Path dir = cl.existingFolder("dir", "../shared/datasets/fitbit-heartrate-seconds");
      Path readings = Path.of(cl.required("readings", "/tmp/fitbit.jsonl.gz"));
      Summary s = convert(dir, readings);
      out.printf(Locale.ROOT, "%s: %d files, %,d rows: %,d readings, %,d rejected %s%n", COMMAND,
          s.files().size(), s.rows(), s.readings(), s.rows() - s.readings(), s.rejected());
      out.printf(Locale.ROOT, "  accounting  rows = readings + rejected: %s%n",
          s.rows() == s.readings() + s.rejected().values().stream().mapToLong(Long::longValue).sum()
              ? "ok" : "MISMATCH");
      out.println("  readings  " + readings);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return CommandLine.USAGE;
    } catch (IOException e) {
      err.println(COMMAND + " failed: " + e.getMessage());
      return CommandLine.FAILED;
    }
  }
}
