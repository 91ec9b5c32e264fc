package io.realtimepipelines.tools.monitor;

import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.MetricSample;
import io.realtimepipelines.tools.ConversionSummary;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolOutput;
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
 * Turns NAB series ({@code data/<category>/<name>.csv}: timestamp, value; see {@code
 * shared/datasets/nab-telemetry/SOURCE.md}) into metric samples: source = the NAB path without
 * {@code .csv} (e.g. {@code realKnownCause/machine_temperature_system_failure}), metric from the
 * file name ({@code cpu}, {@code disk_write_bytes}, {@code temperature}, {@code travel_time}, else
 * {@code value}), timestamp read as UTC (NAB gives no zone). Rows that cannot be read are counted
 * per reason.
 *
 * <pre>
 * rtp convert-nab --dir=../shared/datasets/nab-telemetry --samples=/tmp/nab.jsonl
 * </pre>
 */
public final class NabConverter {
  public static final String COMMAND = "convert-nab";
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

  private NabConverter() {}

  /** Rows read, samples written, rejected rows per reason, series converted. */
  record Summary(long rows, long samples, RejectedLines rejected, List<String> series) {}

  /** The metric name of a NAB file. */
  static String metric(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.contains("cpu")) {
      return "cpu";
    }
    if (n.contains("disk_write_bytes")) {
      return "disk_write_bytes";
    }
    if (n.contains("temperature")) {
      return "temperature";
    }
    if (n.contains("traveltime")) {
      return "travel_time";
    }
    return "value";
  }

  /** UTC millis of a NAB timestamp ({@code 2014-02-18 16:02:00}, fractions ignored). */
  static long millis(String nabTime) {
    String t = nabTime.trim();
    return LocalDateTime.parse(t.length() > 19 ? t.substring(0, 19) : t, TIME)
        .toInstant(ZoneOffset.UTC)
        .toEpochMilli();
  }

  static Summary convert(Path nabDir, Path out) throws IOException {
    Path data = nabDir.resolve("data");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(data)) {
      files =
          walk.filter(f -> f.getFileName().toString().endsWith(".csv"))
              .sorted()
              .collect(Collectors.toList());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(data + " has no NAB .csv files");
    }
    long rows = 0;
    long samples = 0;
    RejectedLines rejected = new RejectedLines();
    List<String> series = new java.util.ArrayList<>();
    try (Writer w = ToolOutput.open(out)) {
      for (Path f : files) {
        String rel = data.relativize(f).toString().replace('\\', '/');
        String source = rel.substring(0, rel.length() - ".csv".length());
        String metric = metric(f.getFileName().toString());
        series.add(source);
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
            CSVParser csv = CSVParser.parse(in, FORMAT)) {
          if (!csv.getHeaderMap().keySet().containsAll(List.of("timestamp", "value"))) {
            throw new IllegalArgumentException(
                f
                    + " is not a NAB series: its header is "
                    + csv.getHeaderNames()
                    + ", expected timestamp, value");
          }
          for (CSVRecord r : csv) {
            rows++;
            try {
              long t = millis(r.get("timestamp"));
              double v = Double.parseDouble(r.get("value").trim());
              if (!Double.isFinite(v)) {
                rejected.add(f, r, "value not a finite number");
                continue;
              }
              w.write(
                  EventJson.toJson(
                      MetricSample.of(source, metric, v, null, new Instant(t)),
                      MetricSample.class));
              w.write('\n');
              samples++;
            } catch (DateTimeParseException e) {
              rejected.add(f, r, "timestamp not YYYY-MM-DD HH:MM:SS");
            } catch (NumberFormatException e) {
              rejected.add(f, r, "value not a number");
            }
          }
        }
      }
    }
    return new Summary(rows, samples, rejected, series);
  }

  /** {@code rtp convert-nab}: the NAB series in, metric samples out. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code convert-nab}. */
  @Command(
      name = COMMAND,
      description = "convert the NAB telemetry series (CSV) to metric samples for the monitor job",
      footer = {"", "Exit codes: 0 done, 1 reading or writing failed, 2 wrong command line."})
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--dir",
        required = true,
        paramLabel = "<folder>",
        description =
            "the nab-telemetry folder (series under <dir>/data), e.g."
                + " ../shared/datasets/nab-telemetry")
    Path dir;

    @Option(
        names = "--samples",
        required = true,
        paramLabel = "<path>",
        description = "where to write the samples (.jsonl, or .jsonl.gz for gzip)")
    Path samples;

    @Override
    protected int execute() throws IOException {
      Summary s = convert(existingFolder("dir", dir), samples);
      ConversionSummary.of(
              COMMAND,
              s.series().size()
                  + " series, "
                  + ConversionSummary.rows(s.rows(), s.samples(), "samples", s.rejected()),
              0)
          .line("samples", samples)
          .print(out);
      return 0;
    }
  }
}
