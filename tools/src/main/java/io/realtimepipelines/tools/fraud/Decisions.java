package io.realtimepipelines.tools.fraud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.tools.JsonLine;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolInput.InputFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The fraud job's decisions as the evaluators read them: one JSON object per line with at least
 * {@code {"txnId": "t1", "action": "APPROVE"|"REVIEW"|"BLOCK"}} (other fields are ignored). The
 * first decision per txnId in file order counts; repeated txnIds, txnIds without a label and
 * unreadable lines are counted with examples, never silently skipped.
 */
public final class Decisions {
  private static final ObjectReader JSON = new ObjectMapper().readerFor(DecisionLine.class);

  private final int files;
  private final Map<String, Action> first = new HashMap<>();
  private final Map<Action, Long> actions = new EnumMap<>(Action.class);
  private long lines;
  private long unknown;
  private final List<String> unknownExamples = new ArrayList<>();
  private long duplicates;
  private long conflictingDuplicates;
  private final List<String> conflictExamples = new ArrayList<>();
  private final RejectedLines rejected = new RejectedLines();

  private Decisions(int files) {
    this.files = files;
    for (Action a : Action.values()) {
      actions.put(a, 0L);
    }
  }

  /**
   * Reads every decision in {@code files} (in this order); {@code labelled} tells which txnIds the
   * evaluation has a label for.
   */
  public static Decisions read(List<InputFile> files, Predicate<String> labelled)
      throws IOException {
    Decisions d = new Decisions(files.size());
    for (InputFile file : files) {
      d.read(file, labelled);
    }
    return d;
  }

  private void read(InputFile file, Predicate<String> labelled) throws IOException {
    String name = file.name();
    try (BufferedReader reader = file.open()) {
      long lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        lines++;
        if (line.isBlank()) {
          rejected.add(name + ":" + lineNumber, "empty line", line);
          continue;
        }
        DecisionLine d;
        try {
          d = JsonLine.bind(JSON, line);
        } catch (IllegalArgumentException e) {
          rejected.add(name + ":" + lineNumber, e.getMessage(), line);
          continue;
        }
        if (!(d.txnId instanceof String txnId) || txnId.isBlank()) {
          rejected.add(name + ":" + lineNumber, "txnId missing or not a string", line);
          continue;
        }
        Action action = action(d.action);
        if (action == null) {
          rejected.add(
              name + ":" + lineNumber, "action missing or not APPROVE, REVIEW or BLOCK", line);
          continue;
        }
        actions.merge(action, 1L, Long::sum);
        String id = txnId;
        Action earlier = first.putIfAbsent(id, action);
        if (earlier != null) {
          duplicates++;
          if (earlier != action) {
            conflictingDuplicates++;
            addExample(conflictExamples, id + " (" + earlier + " counted, then " + action + ")");
          }
        } else if (!labelled.test(id)) {
          unknown++;
          addExample(unknownExamples, id + " at " + name + ":" + lineNumber);
        }
      }
    }
  }

  /**
   * One decision line. Both fields are bound as whatever JSON holds, so that a value of the wrong
   * type gets this tool's message, txnId's before action's, whatever their order in the line; other
   * fields (score, reasons, ...) are skipped unread. Fields, not a record: a repeated key keeps its
   * last value (a record's constructor cannot take one twice).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class DecisionLine {
    public Object txnId;
    public Object action;
  }

  /** The scorer's {@link Action} named by {@code value}, or null when it names none. */
  private static Action action(Object value) {
    if (!(value instanceof String name)) {
      return null;
    }
    for (Action a : Action.values()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** Adds {@code example} while {@code examples} has fewer than the reports show. */
  public static void addExample(List<String> examples, String example) {
    if (examples.size() < RejectedLines.MAX_EXAMPLES) {
      examples.add(example);
    }
  }

  /** The first decision of {@code txnId}, or null when it has none. */
  public Action action(String txnId) {
    return first.get(txnId);
  }

  /** Decision lines read, rejected ones included. */
  public long lines() {
    return lines;
  }

  /** Decisions whose txnId has no label (first decision per txnId; not scored). */
  public long unknown() {
    return unknown;
  }

  /** Decisions for a txnId that already had one; the first in file order is scored. */
  public long duplicates() {
    return duplicates;
  }

  /** Duplicates whose action differs from the scored one. */
  public long conflictingDuplicates() {
    return conflictingDuplicates;
  }

  /** Decision lines that could not be read. */
  public RejectedLines rejected() {
    return rejected;
  }

  /** Readable decision lines per action, duplicates included. */
  public Map<Action, Long> actions() {
    return Collections.unmodifiableMap(actions);
  }

  /** The warnings about the decisions, for the top of a report. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (unknown > 0) {
      warnings.add(count(unknown, "decision") + " for txnIds without a label, not scored.");
    }
    if (rejected.count() > 0) {
      warnings.add(count(rejected.count(), "decision line") + " could not be read.");
    }
    if (conflictingDuplicates > 0) {
      warnings.add(
          count(conflictingDuplicates, "repeated decision") + " disagreeing with the first one.");
    }
    return warnings;
  }

  /** "- decisions: 12 lines in 1 file (APPROVE 9, REVIEW 2, BLOCK 1)" and a newline. */
  public void appendCounts(StringBuilder s) {
    s.append("- decisions: ")
        .append(lines)
        .append(" lines in ")
        .append(files)
        .append(files == 1 ? " file" : " files")
        .append(" (APPROVE ")
        .append(actions.get(Action.APPROVE))
        .append(", REVIEW ")
        .append(actions.get(Action.REVIEW))
        .append(", BLOCK ")
        .append(actions.get(Action.BLOCK))
        .append(')')
        .append('\n');
  }

  /** The unknown, duplicate and unreadable lines of a report, each with examples. */
  public void appendProblems(StringBuilder s) {
    s.append("- decisions for unknown txnIds (not scored): ").append(unknown);
    if (unknown > 0) {
      s.append(" (e.g. ").append(String.join(", ", unknownExamples)).append(')');
    }
    s.append('\n');
    s.append("- duplicate decisions (the first in file order is scored): ")
        .append(duplicates)
        .append(", with a different action: ")
        .append(conflictingDuplicates);
    if (conflictingDuplicates > 0) {
      s.append(" (e.g. ").append(String.join(", ", conflictExamples)).append(')');
    }
    s.append('\n');
    s.append("- unreadable decision lines: ").append(rejected.describe()).append('\n');
  }

  /** "1 decision", "3 decisions". */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
