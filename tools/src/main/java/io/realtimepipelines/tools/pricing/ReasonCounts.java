package io.realtimepipelines.tools.pricing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows or lines set aside, how many per reason (in the order reasons were first seen), and the
 * first few with their position, so that a report shows them instead of dropping them silently.
 */
public final class ReasonCounts {
  /** Examples kept for the report. */
  public static final int MAX_EXAMPLES = 5;

  private static final int MAX_EXAMPLE_CHARS = 120;

  private long count;
  private final Map<String, Long> byReason = new LinkedHashMap<>();
  private final List<String> examples = new ArrayList<>();

  /** Records one line; {@code position} is e.g. "2010-12-01.csv:12". */
  void add(String position, String reason, String line) {
    count++;
    byReason.merge(reason, 1L, Long::sum);
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(position + ": " + reason + ": '" + abbreviate(line) + "'");
    }
  }

  public long count() {
    return count;
  }

  /** Count of one reason, 0 when it never occurred. */
  public long count(String reason) {
    return byReason.getOrDefault(reason, 0L);
  }

  /** Counts per reason, in the order the reasons were first seen. */
  public Map<String, Long> byReason() {
    return Collections.unmodifiableMap(byReason);
  }

  /** The first {@value #MAX_EXAMPLES} lines as "position: reason: 'line'". */
  public List<String> examples() {
    return Collections.unmodifiableList(examples);
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

  static String abbreviate(String text) {
    return text.length() <= MAX_EXAMPLE_CHARS ? text : text.substring(0, MAX_EXAMPLE_CHARS) + "…";
  }
}
