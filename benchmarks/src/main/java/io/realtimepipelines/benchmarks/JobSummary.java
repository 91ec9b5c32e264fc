package io.realtimepipelines.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job's output says about its run: the launcher's final line ({@code fraud DONE in 51.1 s on
 * FlinkRunner}), the records read per input type and every {@code accounting} line. The baseline
 * prints the same lines, so both are checked the same way.
 */
record JobSummary(
    String state,
    double jobSeconds,
    long recordsRead,
    List<String> accounting,
    String lastError,
    String lastProgress) {

  private static final Pattern DONE =
      Pattern.compile("^(\\S+) ([A-Z_]+) in ([0-9.]+) s on (\\S+)\\s*$");
  private static final Pattern READ = Pattern.compile("^\\s+\\S+ read\\s+([0-9,]+) records.*$");
  private static final Pattern ACCOUNTING = Pattern.compile("^\\s+accounting\\s+(.*)$");

  /** The launcher's progress line, e.g. {@code [fraud 120s] read 12,345 valid …}. */
  private static final Pattern PROGRESS = Pattern.compile("^\\[\\S+\\s+[0-9]+s\\] read .*$");

  private static final Pattern ERROR =
      Pattern.compile(".*(Exception|Error|error|refused|Refused|needs |must ).*");

  static JobSummary parse(String output) {
    String state = null;
    double seconds = Double.NaN;
    long read = 0;
    List<String> accounting = new ArrayList<>();
    String lastError = null;
    String lastProgress = null;
    for (String line : output.split("\\R")) {
      Matcher m = DONE.matcher(line);
      if (m.matches()) {
        state = m.group(2);
        seconds = Double.parseDouble(m.group(3));
        continue;
      }
      m = READ.matcher(line);
      if (m.matches()) {
        read += Long.parseLong(m.group(1).replace(",", ""));
        continue;
      }
      if (PROGRESS.matcher(line).matches()) {
        lastProgress = line.trim();
        continue;
      }
      m = ACCOUNTING.matcher(line);
      if (m.matches()) {
        accounting.add(m.group(1).trim());
        continue;
      }
      if (ERROR.matcher(line).matches() && !line.contains(" WARN ") && !line.startsWith("\tat ")) {
        lastError = line.trim();
      }
    }
    return new JobSummary(state, seconds, read, List.copyOf(accounting), lastError, lastProgress);
  }

  /** True when the job said DONE and every accounting line ends in "ok". */
  boolean balanced() {
    return "DONE".equals(state)
        && !accounting.isEmpty()
        && accounting.stream().allMatch(a -> a.endsWith(": ok"));
  }

  /** Why this run does not count, or null when it does. */
  String problem(int exitCode, long expectedRecords) {
    if (exitCode != 0) {
      return "exit code " + exitCode + (lastError == null ? "" : ": " + lastError);
    }
    if (!"DONE".equals(state)) {
      return "no final DONE line" + (state == null ? "" : " (state " + state + ")");
    }
    if (!balanced()) {
      return "accounting: " + String.join("; ", accounting);
    }
    if (recordsRead != expectedRecords) {
      return "read " + recordsRead + " records, expected " + expectedRecords;
    }
    return null;
  }
}
