package io.realtimepipelines.tools.monitor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * NAB-style measures of the monitor job's alerts on the NAB series, against a simple static
 * threshold baseline. Per series and in total: labelled anomaly windows, windows detected (at least
 * one detection inside; a true positive), windows missed, false positives (detections outside every
 * window) and the mean delay from a window's start to its first detection. As in NAB, the first 15%
 * of each series is a probationary period: detections there are not scored.
 *
 * <p>A monitor detection is a FIRING alert (any rule), at the end of the window that fired it. The
 * baseline fits mean +- {@code sigmas} standard deviations of the window means of the probationary
 * period and detects every window whose mean leaves that band after being inside.
 *
 * <pre>
 * rtp evaluate-nab --samples=/tmp/nab.jsonl --alerts=output/monitor/alerts \
 *   --windows=../shared/datasets/nab-telemetry/labels/combined_windows.json
 * </pre>
 */
public final class NabEvaluation {
  public static final String COMMAND = "evaluate-nab";

  /** NAB's probationary share of each series. */
  static final double PROBATION = 0.15;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectReader SAMPLE = JSON.readerFor(Sample.class);
  private static final ObjectReader ALERT = JSON.readerFor(Alert.class);

  /** NAB's labels: per series file, its anomaly windows as [start, end] times. */
  private static final ObjectReader WINDOWS =
      JSON.readerFor(new TypeReference<Map<String, List<List<String>>>>() {});

  /** A line of convert-nab's samples; other fields are skipped unread. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Sample(String source, String timestamp, double value) {}

  /** A line of the monitor job's alerts; other fields are skipped unread. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Alert(String status, String source, String windowEnd) {}

  private NabEvaluation() {}

  /** Scores of one detector on one series. */
  record Score(int windows, int detected, int falsePositives, double delayHoursSum) {
    int missed() {
      return windows - detected;
    }

    Score plus(Score o) {
      return new Score(
          windows + o.windows,
          detected + o.detected,
          falsePositives + o.falsePositives,
          delayHoursSum + o.delayHoursSum);
    }

    String cells() {
      return String.format(
          Locale.ROOT,
          "%d | %d | %d | %s",
          detected,
          missed(),
          falsePositives,
          detected == 0 ? "-" : String.format(Locale.ROOT, "%.1f", delayHoursSum / detected));
    }
  }

  /** Scores {@code detections} (ms) against {@code windows} ([start, end] ms) after probation. */
  static Score score(List<long[]> windows, List<Long> detections, long probationEnd) {
    int detected = 0;
    double delay = 0;
    for (long[] w : windows) {
      long first = Long.MAX_VALUE;
      for (long d : detections) {
        if (d >= w[0] && d <= w[1] && d >= probationEnd) {
          first = Math.min(first, d);
        }
      }
      if (first != Long.MAX_VALUE) {
        detected++;
        delay += (first - w[0]) / 3_600_000.0;
      }
    }
    int fp = 0;
    for (long d : detections) {
      if (d < probationEnd) {
        continue;
      }
      boolean inside = false;
      for (long[] w : windows) {
        inside |= d >= w[0] && d <= w[1];
      }
      fp += inside ? 0 : 1;
    }
    return new Score(windows.size(), detected, fp, delay);
  }

  /** Window-end times (ms) where the baseline detects, from (time ms, value) samples. */
  static List<Long> baseline(
      List<double[]> samples, long windowMillis, double sigmas, long probationEnd) {
    TreeMap<Long, double[]> windows = new TreeMap<>();
    for (double[] s : samples) {
      long start = Math.floorDiv((long) s[0], windowMillis) * windowMillis;
      double[] acc = windows.computeIfAbsent(start, k -> new double[2]);
      acc[0] += s[1];
      acc[1]++;
    }
    List<Double> fit = new ArrayList<>();
    for (Map.Entry<Long, double[]> e : windows.entrySet()) {
      if (e.getKey() + windowMillis <= probationEnd) {
        fit.add(e.getValue()[0] / e.getValue()[1]);
      }
    }
    double mean = fit.stream().mapToDouble(d -> d).average().orElse(0);
    double sd =
        Math.sqrt(
            fit.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum()
                / Math.max(1, fit.size() - 1));
    List<Long> out = new ArrayList<>();
    boolean outside = false;
    for (Map.Entry<Long, double[]> e : windows.entrySet()) {
      double m = e.getValue()[0] / e.getValue()[1];
      boolean now = Math.abs(m - mean) > sigmas * sd;
      if (now && !outside) {
        out.add(e.getKey() + windowMillis);
      }
      outside = now;
    }
    return out;
  }

  /** The Markdown table. */
  static String evaluate(
      Path samplesFile, Path alertsDir, Path windowsFile, long windowMillis, double sigmas)
      throws IOException {
    Map<String, List<double[]>> samples = new TreeMap<>();
    try (BufferedReader r = ToolInput.open(samplesFile)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        Sample s = SAMPLE.readValue(line);
        samples
            .computeIfAbsent(s.source(), k -> new ArrayList<>())
            .add(new double[] {org.joda.time.Instant.parse(s.timestamp()).getMillis(), s.value()});
      }
    }
    Map<String, List<Long>> fired = new TreeMap<>();
    try (Stream<Path> files = Files.list(alertsDir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (!f.getFileName().toString().endsWith(".jsonl")) {
          continue;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          Alert a = ALERT.readValue(line);
          if (a.status().equals("FIRING")) {
            fired
                .computeIfAbsent(a.source(), k -> new ArrayList<>())
                .add(org.joda.time.Instant.parse(a.windowEnd()).getMillis());
          }
        }
      }
    }
    Map<String, List<List<String>>> labels = WINDOWS.readValue(windowsFile.toFile());
    StringBuilder t = new StringBuilder();
    t.append(
        "| series | windows | monitor: detected | missed | false pos. | mean delay h |"
            + " baseline: detected | missed | false pos. | mean delay h |\n");
    t.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    Score totalM = new Score(0, 0, 0, 0);
    Score totalB = new Score(0, 0, 0, 0);
    for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
      String series = e.getKey();
      List<List<String>> ws = labels.get(series + ".csv");
      if (ws == null) {
        throw new IllegalArgumentException(
            "no label windows for " + series + ".csv in " + windowsFile);
      }
      List<long[]> windows = new ArrayList<>();
      for (List<String> w : ws) {
        windows.add(new long[] {NabConverter.millis(w.get(0)), NabConverter.millis(w.get(1))});
      }
      List<double[]> s = e.getValue();
      s.sort((a, b) -> Double.compare(a[0], b[0]));
      long first = (long) s.get(0)[0];
      long last = (long) s.get(s.size() - 1)[0];
      long probationEnd = first + (long) ((last - first) * PROBATION);
      Score m = score(windows, fired.getOrDefault(series, List.of()), probationEnd);
      Score b = score(windows, baseline(s, windowMillis, sigmas, probationEnd), probationEnd);
      totalM = totalM.plus(m);
      totalB = totalB.plus(b);
      t.append("| ")
          .append(series.substring(series.indexOf('/') + 1))
          .append(" | ")
          .append(windows.size())
          .append(" | ")
          .append(m.cells())
          .append(" | ")
          .append(b.cells())
          .append(" |\n");
    }
    t.append("| **total** | ")
        .append(totalM.windows())
        .append(" | ")
        .append(totalM.cells())
        .append(" | ")
        .append(totalB.cells())
        .append(" |\n");
    return t.toString();
  }

  /** {@code rtp evaluate-nab}: the detection table of a monitor run on the NAB series. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code evaluate-nab}. */
  @Command(
      name = COMMAND,
      description =
          "NAB-style detections, misses, false positives and delay of monitor alerts vs a static threshold",
      footer = {
        "",
        "The static threshold is fitted on each series' probationary 15%%.",
        "Exit codes: 0 report printed, 1 reading failed, 2 wrong command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--samples",
        required = true,
        paramLabel = "<path>",
        description = "the samples written by convert-nab")
    Path samples;

    @Option(
        names = "--alerts",
        required = true,
        paramLabel = "<folder>",
        description = "the monitor job's alerts folder, e.g. output/monitor/alerts")
    Path alerts;

    @Option(
        names = "--windows",
        required = true,
        paramLabel = "<path>",
        description =
            "the labelled anomaly windows, e.g."
                + " ../shared/datasets/nab-telemetry/labels/combined_windows.json")
    Path windows;

    @Option(
        names = "--windowMinutes",
        paramLabel = "<min>",
        defaultValue = "60",
        description = "minutes of each labelled window (1 to 1440; default ${DEFAULT-VALUE})")
    long windowMinutes;

    @Option(
        names = "--sigmas",
        paramLabel = "<n>",
        defaultValue = "3",
        description =
            "the static threshold: mean + n standard deviations (0.5 to 100;"
                + " default ${DEFAULT-VALUE})")
    BigDecimal sigmas;

    @Override
    protected int execute() throws IOException {
      existingFile("samples", samples);
      existingFolder("alerts", alerts);
      existingFile("windows", windows);
      inRange("windowMinutes", windowMinutes, 1, 24 * 60);
      inRange("sigmas", sigmas, new BigDecimal("0.5"), new BigDecimal("100"));
      out.print(evaluate(samples, alerts, windows, windowMinutes * 60_000L, sigmas.doubleValue()));
      return 0;
    }
  }
}
