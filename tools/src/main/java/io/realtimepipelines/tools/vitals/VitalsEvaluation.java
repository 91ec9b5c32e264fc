package io.realtimepipelines.tools.vitals;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's real-data tables from a vitals run's outputs: readings, review by reason, gaps and
 * their lengths, imputed points, completeness before and after cleaning; with {@code --labels}
 * (from {@code convert-sepsis}) also how many septic patients got an alert before their sepsis
 * label turned on and how many non-septic patients got one. NEWS2 is not a sepsis model: this is a
 * table, not a target.
 *
 * <pre>
 * rtp evaluate-vitals --output=/tmp/icu-out/vitals --labels=/tmp/icu-labels.jsonl
 * </pre>
 */
public final class VitalsEvaluation {
  public static final String COMMAND = "evaluate-vitals";
  private static final ObjectMapper JSON = new ObjectMapper();

  private VitalsEvaluation() {}

  /** What the tables are made of. */
  static final class Tables {
    long measured;
    long imputed;
    long late;
    final Map<String, Long> review = new TreeMap<>();
    final List<Double> gapSeconds = new ArrayList<>();
    long expected;
    long received;
    long usable;
    int septic;
    int septicAlertBefore;
    int septicHighBefore;
    int septicLabelledFirstRow;
    final List<Double> leadHours = new ArrayList<>();
    int nonSeptic;
    int nonSepticAlert;
    int nonSepticHigh;
    long alerts;
    long alertsUnlabelled;
    boolean labelled;

    long readings() {
      return measured + late + review.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  // The job's output lines, bound to what the tables read; other fields are skipped unread.

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Cleaned(boolean imputed) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Review(String reason) {}

  /** A line only counted. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Counted() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Gap(double lengthSeconds) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Quality(
      String deviceId, long accepted, long imputed, long missingReadings, long readings) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Alert(String patientId, String timestamp, int score) {}

  /** A line of convert-sepsis's labels. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Label(String patientId, boolean septic, String labelFrom) {}

  /** Every record of an output folder, bound to {@code type}. */
  static <T> void each(Path folder, Class<T> type, Consumer<T> f) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(folder + " is not an output folder of rtp vitals");
    }
    List<InputFile> files;
    try {
      files = ToolInput.match("output", folder.toString());
    } catch (IllegalArgumentException e) {
      return; // an output without files has no records
    }
    ObjectReader reader = JSON.readerFor(type);
    for (InputFile file : files) {
      try (BufferedReader r = file.open()) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            f.accept(reader.readValue(line));
          }
        }
      }
    }
  }

  static Tables evaluate(Path output, Path labels) throws IOException {
    Tables t = new Tables();
    each(
        output.resolve("cleaned"),
        Cleaned.class,
        c -> {
          if (c.imputed()) {
            t.imputed++;
          } else {
            t.measured++;
          }
        });
    each(output.resolve("review"), Review.class, r -> t.review.merge(r.reason(), 1L, Long::sum));
    each(output.resolve("late"), Counted.class, r -> t.late++);
    each(output.resolve("gaps"), Gap.class, g -> t.gapSeconds.add(g.lengthSeconds()));
    each(
        output.resolve("quality"),
        Quality.class,
        q -> {
          if ("*".equals(q.deviceId())) {
            long expected = q.accepted() + q.imputed() + q.missingReadings();
            t.expected += expected;
            t.received += Math.min(q.readings(), expected);
            t.usable += q.accepted() + q.imputed();
          }
        });
    Map<String, List<Alert>> alerts = new HashMap<>();
    each(
        output.resolve("alerts"),
        Alert.class,
        a -> {
          t.alerts++;
          alerts.computeIfAbsent(a.patientId(), k -> new ArrayList<>()).add(a);
        });
    if (labels != null) {
      t.labelled = true;
      ObjectReader labelReader = JSON.readerFor(Label.class);
      Map<String, Label> byPatient = new HashMap<>();
      for (String line : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          Label l = labelReader.readValue(line);
          byPatient.put(l.patientId(), l);
        }
      }
      for (Map.Entry<String, List<Alert>> e : alerts.entrySet()) {
        if (!byPatient.containsKey(e.getKey())) {
          t.alertsUnlabelled += e.getValue().size();
        }
      }
      for (Label l : byPatient.values()) {
        List<Alert> mine = alerts.getOrDefault(l.patientId(), List.of());
        if (l.septic()) {
          t.septic++;
          String from = l.labelFrom();
          String first = null;
          String firstHigh = null;
          for (Alert a : mine) {
            String at = a.timestamp();
            if (at.compareTo(from) < 0) {
              first = first == null || at.compareTo(first) < 0 ? at : first;
              if (a.score() >= 7) {
                firstHigh = firstHigh == null || at.compareTo(firstHigh) < 0 ? at : firstHigh;
              }
            }
          }
          if (first != null) {
            t.septicAlertBefore++;
            t.leadHours.add(
                (org.joda.time.Instant.parse(from).getMillis()
                        - org.joda.time.Instant.parse(first).getMillis())
                    / 3_600_000.0);
          }
          if (firstHigh != null) {
            t.septicHighBefore++;
          }
        } else {
          t.nonSeptic++;
          if (!mine.isEmpty()) {
            t.nonSepticAlert++;
          }
          if (mine.stream().anyMatch(a -> a.score() >= 7)) {
            t.nonSepticHigh++;
          }
        }
      }
    }
    return t;
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }

  static String duration(double seconds) {
    if (Double.isNaN(seconds)) {
      return "-";
    }
    return seconds < 120
        ? String.format(Locale.ROOT, "%.0f s", seconds)
        : seconds < 7200
            ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
            : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }

  static void print(Tables t, PrintStream out) {
    long flagged = t.review.values().stream().mapToLong(Long::longValue).sum();
    out.println("| vitals | |");
    out.println("| --- | --- |");
    out.printf(
        Locale.ROOT,
        "| readings | %,d (accepted %,d, review %,d, late %,d) |%n",
        t.readings(),
        t.measured,
        flagged,
        t.late);
    StringBuilder reasons = new StringBuilder();
    t.review.forEach(
        (k, v) ->
            reasons
                .append(reasons.length() == 0 ? "" : ", ")
                .append(k)
                .append(' ')
                .append(String.format(Locale.ROOT, "%,d", v)));
    out.printf(
        Locale.ROOT,
        "| flagged for review | %,d (%.2f%%): %s |%n",
        flagged,
        100.0 * flagged / Math.max(1, t.readings()),
        reasons.length() == 0 ? "none" : reasons);
    int[] buckets = new int[5];
    for (double s : t.gapSeconds) {
      buckets[s < 60 ? 0 : s < 600 ? 1 : s < 3600 ? 2 : s < 6 * 3600 ? 3 : 4]++;
    }
    double total = t.gapSeconds.stream().mapToDouble(Double::doubleValue).sum();
    out.printf(
        Locale.ROOT,
        "| gaps too long to fill | %,d, %s in all; length median %s, p90 %s," + " max %s |%n",
        t.gapSeconds.size(),
        duration(total),
        duration(percentile(t.gapSeconds, 0.5)),
        duration(percentile(t.gapSeconds, 0.9)),
        duration(t.gapSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
    out.printf(
        Locale.ROOT,
        "| gap lengths | < 1 min %,d; 1-10 min %,d; 10-60 min %,d; 1-6 h %,d;" + " > 6 h %,d |%n",
        buckets[0],
        buckets[1],
        buckets[2],
        buckets[3],
        buckets[4]);
    out.printf(
        Locale.ROOT,
        "| points imputed | %,d (%.2f%% of the cleaned series) |%n",
        t.imputed,
        100.0 * t.imputed / Math.max(1, t.imputed + t.measured));
    out.printf(
        Locale.ROOT,
        "| completeness before / after cleaning | %.1f%% / %.1f%% of %,d"
            + " expected readings |%n",
        100.0 * t.received / Math.max(1, t.expected),
        100.0 * t.usable / Math.max(1, t.expected),
        t.expected);
    out.printf(Locale.ROOT, "| NEWS2 alerts | %,d |%n", t.alerts);
    if (t.labelled) {
      out.println();
      out.println(
          "| patients | count | with an alert before the sepsis label | with a score >= 7"
              + " before it | median lead (h) |");
      out.println("| --- | --- | --- | --- | --- |");
      out.printf(
          Locale.ROOT,
          "| septic | %d | %d (%.0f%%) | %d | %s |%n",
          t.septic,
          t.septicAlertBefore,
          100.0 * t.septicAlertBefore / Math.max(1, t.septic),
          t.septicHighBefore,
          t.leadHours.isEmpty()
              ? "-"
              : String.format(Locale.ROOT, "%.0f", percentile(t.leadHours, 0.5)));
      out.printf(
          Locale.ROOT,
          "| non-septic | %d | %d (%.0f%%) with any alert | %d | |%n",
          t.nonSeptic,
          t.nonSepticAlert,
          100.0 * t.nonSepticAlert / Math.max(1, t.nonSeptic),
          t.nonSepticHigh);
      if (t.alertsUnlabelled > 0) {
        out.printf(
            Locale.ROOT,
            "(%,d alerts of patients without a label: pseudonymised run?)%n",
            t.alertsUnlabelled);
      }
    }
  }

  /** {@code rtp evaluate-vitals}: the data-quality table, and the alert table with labels. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code evaluate-vitals}. */
  @Command(
      name = COMMAND,
      description =
          "data-quality table of a vitals run; with sepsis labels, alerts before the label",
      footer = {"", "Exit codes: 0 report printed, 1 reading failed, 2 wrong command line."})
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--output",
        required = true,
        paramLabel = "<folder>",
        description = "the vitals job's output folder, <outputDir>/vitals")
    Path output;

    @Option(
        names = "--labels",
        paramLabel = "<path>",
        description = "per-patient sepsis labels written by convert-sepsis")
    Path labels;

    @Override
    protected int execute() throws IOException {
      existingFolder("output", output);
      if (labels != null) {
        existingFile("labels", labels);
      }
      print(evaluate(output, labels), out);
      return 0;
    }
  }
}
