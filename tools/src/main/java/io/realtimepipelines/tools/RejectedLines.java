package io.realtimepipelines.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;

/**
 * Input lines or rows that could not be used, the one reject counter of every tool: how many, how
 * many per reason, and the first few with their position, so that a report can show them instead of
 * dropping them silently.
 */
public final class RejectedLines {
  /** Examples kept for the report. */
  public static final int MAX_EXAMPLES = 5;

  private static final int MAX_EXAMPLE_CHARS = 120;

  private long count;
  private final Map<String, Long> byReason = new TreeMap<>();
  private final List<String> examples = new ArrayList<>();

  /** Records one rejected line; {@code position} is e.g. "file.csv:12". */
  public void add(String position, String reason, String line) {
    count++;
    byReason.merge(reason, 1L, Long::sum);
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(position + ": " + reason + ": '" + abbreviate(line) + "'");
    }
  }

  /**
   * Records one CSV record of {@code file} (position "file.csv row N", N from 1 after the header).
   */
  public void add(Path file, CSVRecord record, String reason) {
    add(
        file.getFileName() + " row " + record.getRecordNumber(),
        reason,
        String.join(",", record.values()));
  }

  public long count() {
    return count;
  }

  /** Count of one reason, 0 when it never occurred. */
  public long count(String reason) {
    return byReason.getOrDefault(reason, 0L);
  }

  /** Counts per reason, reasons sorted. */
  public Map<String, Long> byReason() {
    return Collections.unmodifiableMap(byReason);
  }

  /** The first {@value #MAX_EXAMPLES} rejected lines as "position: reason: 'line'". */
  public List<String> examples() {
    return Collections.unmodifiableList(examples);
  }

  /** "0", or the count, the reasons and the examples on indented lines. */
  public String describe() {
    return describe(true);
  }

  /** "0", or the count, the reasons and (with {@code withExamples}) the examples. */
  public String describe(boolean withExamples) {
    if (count == 0) {
      return "0";
    }
    StringBuilder s = new StringBuilder().append(count).append(" (");
    String sep = "";
    for (Map.Entry<String, Long> e : byReason.entrySet()) {
      s.append(sep).append(e.getKey()).append(": ").append(e.getValue());
      sep = "; ";
    }
    s.append(')');
    if (withExamples) {
      for (String example : examples) {
        s.append(System.lineSeparator()).append("    ").append(example);
      }
    }
    return s.toString();
  }

  /** The text cut to a length a report line can show. */
  public static String abbreviate(String text) {
    return text.length() <= MAX_EXAMPLE_CHARS ? text : text.substring(0, MAX_EXAMPLE_CHARS) + "…";
  }
}
