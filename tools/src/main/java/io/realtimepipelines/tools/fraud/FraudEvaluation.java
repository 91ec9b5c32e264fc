package io.realtimepipelines.tools.fraud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.tools.JsonLine;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scores fraud decisions against the handbook's labels: precision, recall overall and per fraud
 * scenario, and how many genuine transactions were sent to REVIEW or BLOCK, for alerts (REVIEW or
 * BLOCK) and for BLOCK alone, next to the targets of the fraud issue. Every labelled transaction
 * without a decision counts as APPROVE and is reported as missing; decisions for unknown txnIds,
 * repeated txnIds and unreadable lines are counted and reported, never silently skipped.
 *
 * <p>A decision is one JSON object per line with at least {@code {"txnId": "hb-17", "action":
 * "APPROVE"|"REVIEW"|"BLOCK"}}; other fields (such as {@code score}) are ignored.
 *
 * <pre>
 * rtp evaluate-fraud --decisions=output/fraud/decisions/ \
 *   --csv=../shared/datasets/fraud-handbook-card-transactions/transactions_2018-04-01_to_2018-04-21.csv
 * </pre>
 */
public final class FraudEvaluation {
  /** Subcommand name. */
  public static final String COMMAND = "evaluate-fraud";

  /** Scenario 1 recall of alerts must reach this (fraud issue). */
  public static final BigDecimal TARGET_RECALL_SCENARIO_1 = new BigDecimal("0.95");

  /** Scenario 2 recall of alerts must reach this (fraud issue). */
  public static final BigDecimal TARGET_RECALL_SCENARIO_2 = new BigDecimal("0.35");

  /** Scenario 3 recall of alerts must reach this (fraud issue). */
  public static final BigDecimal TARGET_RECALL_SCENARIO_3 = new BigDecimal("0.60");

  /** Precision of BLOCK must reach this (fraud issue). */
  public static final BigDecimal TARGET_BLOCK_PRECISION = new BigDecimal("0.80");

  /** The fraction of genuine transactions sent to REVIEW must stay below this (fraud issue). */
  public static final BigDecimal TARGET_GENUINE_REVIEW = new BigDecimal("0.02");

  private static final ObjectReader JSON = new ObjectMapper().readerFor(DecisionLine.class);

  private FraudEvaluation() {}

  /** Reads every decision in {@code decisionFiles} (in this order) and scores them. */
  public static Report evaluate(List<InputFile> decisionFiles, HandbookLabels labels)
      throws IOException {
    Report report = new Report(labels, decisionFiles.size());
    Map<String, Action> decisions = new HashMap<>(labels.size() * 2);
    for (InputFile file : decisionFiles) {
      read(file, decisions, labels, report);
    }
    for (Map.Entry<String, Integer> label : labels.asMap().entrySet()) {
      int scenario = label.getValue();
      Action action = decisions.get(label.getKey());
      if (action == null) {
        report.missing[scenario]++;
        addExample(report.missingExamples, label.getKey() + " (" + scenarioName(scenario) + ")");
        action = Action.APPROVE;
      }
      report.tally.get(action)[scenario]++;
    }
    return report;
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

  private static void read(
      InputFile file, Map<String, Action> decisions, HandbookLabels labels, Report report)
      throws IOException {
    file.forEachLine(
        (position, line) -> {
          report.lines++;
          if (line.isBlank()) {
            report.rejected.add(position, "empty line", line);
            return;
          }
          DecisionLine d;
          try {
            d = JsonLine.bind(JSON, line);
          } catch (IllegalArgumentException e) {
            report.rejected.add(position, e.getMessage(), line);
            return;
          }
          if (!(d.txnId instanceof String id) || id.isBlank()) {
            report.rejected.add(position, "txnId missing or not a string", line);
            return;
          }
          Action action = action(d.action);
          if (action == null) {
            report.rejected.add(position, "action missing or not APPROVE, REVIEW or BLOCK", line);
            return;
          }
          report.actions.merge(action, 1L, Long::sum);
          Action first = decisions.putIfAbsent(id, action);
          if (first != null) {
            report.duplicates++;
            if (first != action) {
              report.conflictingDuplicates++;
              addExample(
                  report.conflictExamples, id + " (" + first + " counted, then " + action + ")");
            }
          } else if (labels.scenario(id) == HandbookLabels.UNKNOWN) {
            report.unknown++;
            addExample(report.unknownExamples, id + " at " + position);
          }
        });
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

  private static void addExample(List<String> examples, String example) {
    if (examples.size() < RejectedLines.MAX_EXAMPLES) {
      examples.add(example);
    }
  }

  static String scenarioName(int scenario) {
    switch (scenario) {
      case 0:
        return "genuine";
      case 1:
        return "scenario 1";
      case 2:
        return "scenario 2";
      case 3:
        return "scenario 3";
      default:
        throw new IllegalArgumentException("scenario must be 0 to 3, got " + scenario);
    }
  }

  /** The scores of one set of decisions, and what could not be scored. */
  public static final class Report {
    private final HandbookLabels labels;
    private final int files;

    /**
     * Per action, labelled transactions by scenario (0 genuine, 1 to 3 the Handbook's fraud
     * scenarios); a missing decision counts as APPROVE.
     */
    private final Map<Action, long[]> tally = new EnumMap<>(Action.class);

    private final long[] missing = new long[4];
    private final List<String> missingExamples = new ArrayList<>();
    private final Map<Action, Long> actions = new EnumMap<>(Action.class);
    private long lines;
    private long unknown;
    private final List<String> unknownExamples = new ArrayList<>();
    private long duplicates;
    private long conflictingDuplicates;
    private final List<String> conflictExamples = new ArrayList<>();
    private final RejectedLines rejected = new RejectedLines();

    private Report(HandbookLabels labels, int files) {
      this.labels = labels;
      this.files = files;
      for (Action a : Action.values()) {
        tally.put(a, new long[4]);
        actions.put(a, 0L);
      }
    }

    private long flagged(int scenario, boolean blockOnly) {
      return tally.get(Action.BLOCK)[scenario]
          + (blockOnly ? 0 : tally.get(Action.REVIEW)[scenario]);
    }

    private Ratio precision(boolean blockOnly) {
      long fraud = flagged(1, blockOnly) + flagged(2, blockOnly) + flagged(3, blockOnly);
      return new Ratio(fraud, fraud + flagged(0, blockOnly));
    }

    private Ratio recall(boolean blockOnly) {
      long fraud = flagged(1, blockOnly) + flagged(2, blockOnly) + flagged(3, blockOnly);
      return new Ratio(fraud, labels.count(1) + labels.count(2) + labels.count(3));
    }

    private Ratio recall(int scenario, boolean blockOnly) {
      if (scenario < 1 || scenario > 3) {
        throw new IllegalArgumentException("fraud scenario must be 1 to 3, got " + scenario);
      }
      return new Ratio(flagged(scenario, blockOnly), labels.count(scenario));
    }

    /** Of the labelled transactions sent to REVIEW or BLOCK, the fraction that is fraud. */
    public Ratio alertPrecision() {
      return precision(false);
    }

    /** Of the labelled transactions sent to BLOCK, the fraction that is fraud. */
    public Ratio blockPrecision() {
      return precision(true);
    }

    /** Of all labelled frauds, the fraction sent to REVIEW or BLOCK. */
    public Ratio alertRecall() {
      return recall(false);
    }

    /** Of all labelled frauds, the fraction sent to BLOCK. */
    public Ratio blockRecall() {
      return recall(true);
    }

    /** Of the frauds of {@code scenario} (1 to 3), the fraction sent to REVIEW or BLOCK. */
    public Ratio alertRecall(int scenario) {
      return recall(scenario, false);
    }

    /** Of the frauds of {@code scenario} (1 to 3), the fraction sent to BLOCK. */
    public Ratio blockRecall(int scenario) {
      return recall(scenario, true);
    }

    /** Of the genuine transactions, the fraction sent to REVIEW. */
    public Ratio genuineReview() {
      return new Ratio(tally.get(Action.REVIEW)[0], labels.count(0));
    }

    /** Of the genuine transactions, the fraction sent to BLOCK. */
    public Ratio genuineBlock() {
      return new Ratio(tally.get(Action.BLOCK)[0], labels.count(0));
    }

    /** Of the genuine transactions, the fraction sent to REVIEW or BLOCK. */
    public Ratio genuineAlerted() {
      return new Ratio(flagged(0, false), labels.count(0));
    }

    /** Labelled transactions without a decision (scored as APPROVE). */
    public long missing() {
      return missing[0] + missing[1] + missing[2] + missing[3];
    }

    /** Labelled transactions of {@code scenario} (0 genuine) without a decision. */
    public long missing(int scenario) {
      return missing[scenario];
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

    /** Decision lines read, rejected ones included. */
    public long lines() {
      return lines;
    }

    /** Alerts must catch at least 95% of scenario 1 (amount above 220). */
    public Target scenario1Target() {
      return Target.atLeast("alerts", TARGET_RECALL_SCENARIO_1, alertRecall(1));
    }

    /** Alerts must catch at least 35% of scenario 2 (compromised terminals). */
    public Target scenario2Target() {
      return Target.atLeast("alerts", TARGET_RECALL_SCENARIO_2, alertRecall(2));
    }

    /** Alerts must catch at least 60% of scenario 3 (leaked credentials). */
    public Target scenario3Target() {
      return Target.atLeast("alerts", TARGET_RECALL_SCENARIO_3, alertRecall(3));
    }

    /** At least 80% of BLOCKs must be fraud. */
    public Target blockPrecisionTarget() {
      return Target.atLeast("BLOCK", TARGET_BLOCK_PRECISION, blockPrecision());
    }

    /** Fewer than 2% of genuine transactions may go to REVIEW. */
    public Target genuineReviewTarget() {
      return Target.belowPercent("REVIEW", TARGET_GENUINE_REVIEW, genuineReview());
    }

    /** The fraud issue's targets, each with its value and whether it passes. */
    public List<Target> targets() {
      return List.of(
          scenario1Target(),
          scenario2Target(),
          scenario3Target(),
          blockPrecisionTarget(),
          genuineReviewTarget());
    }

    /** The table and the data-quality notes, as markdown. */
    public String toMarkdown() {
      String nl = "\n";
      List<Target> targets = targets();
      long passed = targets.stream().filter(Target::passed).count();
      StringBuilder s = new StringBuilder();
      s.append("## Fraud evaluation").append(nl).append(nl);
      List<String> warnings = warnings();
      for (String warning : warnings) {
        s.append("**WARNING:** ").append(warning).append(nl).append(nl);
      }
      s.append("| | alerts (REVIEW+BLOCK) | BLOCK | target |").append(nl);
      s.append("| --- | --- | --- | --- |").append(nl);
      row(
          s,
          "precision",
          alertPrecision().format(),
          blockPrecision().format(),
          blockPrecisionTarget());
      row(s, "recall, all fraud", alertRecall().format(), blockRecall().format(), null);
      row(
          s,
          "recall, scenario 1 (amount > 220)",
          alertRecall(1).format(),
          blockRecall(1).format(),
          scenario1Target());
      row(
          s,
          "recall, scenario 2 (compromised terminal)",
          alertRecall(2).format(),
          blockRecall(2).format(),
          scenario2Target());
      row(
          s,
          "recall, scenario 3 (leaked credentials)",
          alertRecall(3).format(),
          blockRecall(3).format(),
          scenario3Target());
      row(
          s,
          "genuine sent to REVIEW / BLOCK",
          genuineReview().formatPercent(),
          genuineBlock().formatPercent(),
          genuineReviewTarget());
      s.append(nl);
      s.append("Targets met: ")
          .append(passed)
          .append(" of ")
          .append(targets.size())
          .append('.')
          .append(nl)
          .append(nl);
      s.append("- genuine alerted (REVIEW+BLOCK): ")
          .append(genuineAlerted().formatPercent())
          .append(nl);
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
          .append(nl);
      s.append("- labels: ")
          .append(labels.size())
          .append(" transactions (genuine ")
          .append(labels.count(0))
          .append(", scenario 1 ")
          .append(labels.count(1))
          .append(", scenario 2 ")
          .append(labels.count(2))
          .append(", scenario 3 ")
          .append(labels.count(3))
          .append(')')
          .append(nl);
      s.append("- missing decisions (scored as APPROVE): ").append(missing());
      if (missing() > 0) {
        s.append(" (genuine ")
            .append(missing[0])
            .append(", scenario 1 ")
            .append(missing[1])
            .append(", scenario 2 ")
            .append(missing[2])
            .append(", scenario 3 ")
            .append(missing[3])
            .append("; e.g. ")
            .append(String.join(", ", missingExamples))
            .append(')');
      }
      s.append(nl);
      s.append("- decisions for unknown txnIds (not scored): ").append(unknown);
      if (unknown > 0) {
        s.append(" (e.g. ").append(String.join(", ", unknownExamples)).append(')');
      }
      s.append(nl);
      s.append("- duplicate decisions (the first in file order is scored): ")
          .append(duplicates)
          .append(", with a different action: ")
          .append(conflictingDuplicates);
      if (conflictingDuplicates > 0) {
        s.append(" (e.g. ").append(String.join(", ", conflictExamples)).append(')');
      }
      s.append(nl);
      s.append("- unreadable decision lines: ").append(rejected.describe()).append(nl);
      labels
          .source()
          .ifPresent(
              csv ->
                  s.append("- rejected CSV rows (no label): ")
                      .append(csv.rejected().describe())
                      .append(nl));
      return s.toString();
    }

    private List<String> warnings() {
      List<String> warnings = new ArrayList<>();
      if (missing() > 0) {
        warnings.add(
            count(missing(), "labelled transaction")
                + " without a decision, scored as"
                + " APPROVE (see below).");
      }
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

    private static String count(long n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void row(StringBuilder s, String name, String alerts, String block, Target t) {
      s.append("| ")
          .append(name)
          .append(" | ")
          .append(alerts)
          .append(" | ")
          .append(block)
          .append(" | ");
      if (t != null) {
        s.append(t.rule()).append(": ").append(t.verdict());
      }
      s.append(" |\n");
    }
  }

  /**
   * One target of the fraud issue.
   *
   * @param rule the target, e.g. "alerts ≥ 0.95"
   * @param value the measured fraction
   * @param passed whether the value meets the rule (false when undefined)
   */
  public record Target(String rule, Ratio value, boolean passed) {
    static Target atLeast(String what, BigDecimal target, Ratio value) {
      return new Target(what + " ≥ " + target.toPlainString(), value, value.atLeast(target));
    }

    static Target belowPercent(String what, BigDecimal target, Ratio value) {
      return new Target(
          what + " < " + target.movePointRight(2).stripTrailingZeros().toPlainString() + "%",
          value,
          value.below(target));
    }

    /** PASS, FAIL, or n/a when nothing was measured. */
    public String verdict() {
      return !value.defined() ? "n/a" : passed ? "PASS" : "FAIL";
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** {@code rtp evaluate-fraud}: the markdown report of a run's decisions against the labels. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code evaluate-fraud}. */
  @Command(
      name = COMMAND,
      description =
          "precision and recall of fraud decisions against the Handbook labels, per scenario",
      footer = {
        "",
        "Prints a markdown table (precision, recall per scenario, genuine sent to REVIEW/BLOCK) with"
            + " the fraud issue's targets.",
        "Decisions: {\"txnId\":\"hb-<TRANSACTION_ID>\",\"action\":\"APPROVE\"|\"REVIEW\"|\"BLOCK\","
            + "\"score\":<int>,...}",
        "A labelled transaction without a decision is scored as APPROVE and reported as missing;"
            + " decisions for unknown txnIds, repeated txnIds (the first in file order is scored)"
            + " and unreadable lines are counted and reported.",
        "Exit codes: 0 report printed (targets met or not), 1 reading failed, 2 wrong command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--decisions",
        required = true,
        paramLabel = "<path>",
        description =
            "decisions as JSON Lines (plain or .gz): a file, a folder (its *.jsonl and"
                + " *.jsonl.gz files) or a glob such as 'output/fraud/decisions/part-*.jsonl'")
    String decisions;

    @Option(
        names = "--csv",
        required = true,
        paramLabel = "<path>",
        description =
            "the handbook CSV with the labels, e.g."
                + " ../shared/datasets/fraud-handbook-card-transactions/"
                + HandbookCsv.FILE_NAME)
    Path csv;

    @Option(
        names = "--limit",
        paramLabel = "<N>",
        defaultValue = "0",
        description =
            "use only the labels of the first N data rows, as after"
                + " convert-handbook --limit=N (default 0: all)")
    long limit;

    @Override
    protected int execute() throws IOException {
      existingFile("csv", csv);
      inRange("limit", limit, 0, Long.MAX_VALUE);
      List<InputFile> files = ToolInput.match("decisions", decisions);
      HandbookLabels labels = HandbookLabels.read(csv, limit);
      out.print(evaluate(files, labels).toMarkdown());
      return 0;
    }
  }
}
