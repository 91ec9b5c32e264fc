package io.realtimepipelines.tools.vitals;

import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.tools.ConversionSummary;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolOutput;
import io.realtimepipelines.tools.Tools;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns Fitbit second-level heart-rate exports ({@code heartrate_seconds*.csv}: Id, Time, Value;
 * see {@code shared/datasets/fitbit-heartrate-seconds/SOURCE.md}) into VitalSign readings:
 * patientId "fitbit-" + Id, deviceId "fitbit-wrist-" + Id, metric heart_rate, unit bpm, timestamp =
 * Time (device-local, no zone given) read as UTC. Rows that cannot be read are counted per reason,
 * never silently dropped.
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
  record Summary(long rows, long readings, RejectedLines rejected, List<Path> files) {}

  static Summary convert(Path dir, Path out) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(f -> f.getFileName().toString().matches("heartrate_seconds.*\\.csv"))
              .sorted()
              .collect(Collectors.toList());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " has no heartrate_seconds*.csv files (looked in "
              + dir.toAbsolutePath().normalize()
              + ")");
    }
    long rows = 0;
    long readings = 0;
    RejectedLines rejected = new RejectedLines();
    try (Writer w = ToolOutput.open(out)) {
      for (Path f : files) {
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
            CSVParser csv = CSVParser.parse(in, FORMAT)) {
          if (!csv.getHeaderMap().keySet().containsAll(List.of("Id", "Time", "Value"))) {
            throw new IllegalArgumentException(
                f
                    + " is not a Fitbit heart-rate export: its header is "
                    + csv.getHeaderNames()
                    + ", expected Id, Time, Value");
          }
          for (CSVRecord r : csv) {
            rows++;
            String reason = null;
            try {
              long millis =
                  LocalDateTime.parse(r.get("Time").trim(), TIME)
                      .toInstant(ZoneOffset.UTC)
                      .toEpochMilli();
              double bpm = Double.parseDouble(r.get("Value").trim());
              String id = r.get("Id").trim();
              if (id.isEmpty()) {
                reason = "empty Id";
              } else if (!Double.isFinite(bpm)) {
                reason = "Value not a number";
              } else {
                w.write(
                    EventJson.toJson(
                        VitalSign.of(
                            "fitbit-" + id,
                            "fitbit-wrist-" + id,
                            VitalMetric.HEART_RATE,
                            bpm,
                            "bpm",
                            new Instant(millis)),
                        VitalSign.class));
                w.write('\n');
                readings++;
              }
            } catch (DateTimeParseException e) {
              reason = "Time not M/D/YYYY h:mm:ss AM/PM";
            } catch (NumberFormatException e) {
              reason = "Value not a number";
            }
            if (reason != null) {
              rejected.add(f, r, reason);
            }
          }
        }
      }
    }
    return new Summary(rows, readings, rejected, files);
  }

  /** {@code rtp convert-fitbit}: heart-rate CSVs in, VitalSign JSON Lines out. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code convert-fitbit}. */
  @Command(
      name = COMMAND,
      description = "convert Fitbit per-second heart rate CSVs to vital-sign readings",
      footer = {
        "",
        "Exit codes: 0 done, 1 rows = readings + rejected does not hold or reading or"
            + " writing failed, 2 wrong command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--dir",
        required = true,
        paramLabel = "<folder>",
        description =
            "the folder with heartrate_seconds*.csv, e.g."
                + " ../shared/datasets/fitbit-heartrate-seconds")
    Path dir;

    @Option(
        names = "--readings",
        required = true,
        paramLabel = "<path>",
        description = "where to write the readings (.jsonl, or .jsonl.gz for gzip)")
    Path readings;

    @Override
    protected int execute() throws IOException {
      Summary s = convert(existingFolder("dir", dir), readings);
      boolean balanced = s.rows() == s.readings() + s.rejected().count();
      ConversionSummary.of(
              COMMAND,
              s.files().size()
                  + " files, "
                  + ConversionSummary.rows(s.rows(), s.readings(), "readings", s.rejected()),
              0)
          .accounting("rows = readings + rejected", balanced)
          .line("readings", readings)
          .print(out);
      return balanced ? 0 : Tools.FAILED;
    }
  }
}
