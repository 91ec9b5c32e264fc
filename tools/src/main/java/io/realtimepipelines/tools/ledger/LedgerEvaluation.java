package io.realtimepipelines.tools.ledger;

import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import io.realtimepipelines.tools.fraud.ActionTally;
import io.realtimepipelines.tools.fraud.Decisions;
import io.realtimepipelines.tools.fraud.Ratio;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scores fraud decisions on a generated ledger against its labels ({@code generate-ledger
 * --labels}): precision, recall and F1 of alerts (REVIEW or BLOCK) and of BLOCK alone, and how the
 * fraud and the genuine transactions were decided. A labelled transaction without a decision counts
 * as APPROVE and is reported as missing; decisions are read as {@code evaluate-fraud} reads them
 * ({@link Decisions}).
 *
 * <pre>
 * rtp evaluate-ledger --decisions=output/fraud/decisions/ --labels=testdata/mobile-money-labels.csv
 * </pre>
 */
public final class LedgerEvaluation {
  /** Subcommand name. */
  public static final String COMMAND = "evaluate-ledger";

  /** The header of a labels file. */
  static final String HEADER = "txnId,isFraud";

  /** Row of the genuine transactions in a report's tallies. */
  private static final int GENUINE = 0;

  /** Row of the fraud transactions in a report's tallies. */
  private static final int FRAUD = 1;

  private LedgerEvaluation() {}

  /** txnId to isFraud in file order, and the rows that could not be read. */
  record Labels(Map<String, Boolean> fraud, RejectedLines rejected) {
    long count(boolean isFraud) {
      return fraud.values().stream().filter(f -> f == isFraud).count();
    }
  }

  /** Reads a labels CSV written by {@code generate-ledger}: a header, then txnId,0 or txnId,1. */
  static Labels readLabels(Path csv) throws IOException {
    Map<String, Boolean> fraud = new LinkedHashMap<>();
    RejectedLines rejected = new RejectedLines();
    String name = csv.getFileName().toString();
    try (BufferedReader reader = ToolInput.open(csv);
        CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).get().parse(reader)) {
      var records = parser.iterator();
      CSVRecord header = null;
      try {
        header = records.hasNext() ? records.next() : null;
      } catch (java.io.UncheckedIOException e) {
        header = null;
      }
      String found = header == null ? null : String.join(",", header.toList());
      if (found == null || !found.equals(HEADER)) {
        throw new IllegalArgumentException(
            "--labels="
                + csv
                + " does not start with the header '"
                + HEADER
                + "' (found '"
                + found
                + "'); write it with rtp generate-ledger --labels=...");
      }
      while (true) {
        CSVRecord r;
        try {
          if (!records.hasNext()) {
            break;
          }
          r = records.next();
        } catch (java.io.UncheckedIOException e) {
          // A broken quote makes the rest of the file unreadable: say where, keep what was read.
          rejected.add(name + ":" + parser.getCurrentLineNumber(), "not valid CSV", "");
          break;
        }
        String position = name + ":" + r.getRecordNumber();
        String line = String.join(",", r.toList());
        if (r.size() != 2 || r.get(0).isBlank()) {
          rejected.add(position, "not txnId,isFraud", line);
        } else if (!r.get(1).equals("0") && !r.get(1).equals("1")) {
          rejected.add(position, "isFraud not 0 or 1", line);
        } else if (fraud.putIfAbsent(r.get(0), r.get(1).equals("1")) != null) {
          rejected.add(position, "repeated txnId", line);
        }
      }
    }
    return new Labels(fraud, rejected);
  }

  /** Reads every decision in {@code decisionFiles} (in this order) and scores them. */
  static Report evaluate(List<InputFile> decisionFiles, Labels labels) throws IOException {
    Decisions decisions = Decisions.read(decisionFiles, labels.fraud()::containsKey);
    Report report = new Report(labels, decisions);
    for (Map.Entry<String, Boolean> label : labels.fraud().entrySet()) {
      report.tally.add(
          label.getValue() ? FRAUD : GENUINE, decisions.action(label.getKey()), label.getKey());
    }
    return report;
  }

  /** The scores of one set of decisions. */
  static final class Report {
    private final Labels labels;
    private final Decisions decisions;

    /** Labelled transactions, genuine and fraud, by action; a missing decision is APPROVE. */
    private final ActionTally tally = new ActionTally(2);

    private Report(Labels labels, Decisions decisions) {
      this.labels = labels;
      this.decisions = decisions;
    }

    private long flagged(int row, boolean blockOnly) {
      return tally.flagged(row, blockOnly);
    }

    /** Of the transactions flagged (REVIEW or BLOCK; BLOCK alone), the fraction that is fraud. */
    Ratio precision(boolean blockOnly) {
      return new Ratio(
          flagged(FRAUD, blockOnly), flagged(FRAUD, blockOnly) + flagged(GENUINE, blockOnly));
    }

    /** Of the fraud transactions, the fraction flagged. */
    Ratio recall(boolean blockOnly) {
      return new Ratio(flagged(FRAUD, blockOnly), labels.count(true));
    }

    /** The harmonic mean of precision and recall: 2 TP / (2 TP + FP + FN). */
    Ratio f1(boolean blockOnly) {
      long truePositives = flagged(FRAUD, blockOnly);
      long falsePositives = flagged(GENUINE, blockOnly);
      long falseNegatives = labels.count(true) - truePositives;
      return new Ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    /** Labelled transactions without a decision. */
    long missing() {
      return tally.missing();
    }

    /** The scores, the action table and the data-quality notes, as markdown. */
    String toMarkdown() {
      StringBuilder s = new StringBuilder();
      s.append("## Ledger evaluation\n\n");
      List<String> warnings = new ArrayList<>();
      if (missing() > 0) {
        warnings.add(
            Decisions.count(missing(), "labelled transaction")
                + " without a decision, scored as APPROVE (see below).");
      }
      warnings.addAll(decisions.warnings());
      if (labels.rejected().count() > 0) {
        warnings.add(
            Decisions.count(labels.rejected().count(), "label row") + " could not be read.");
      }
      for (String warning : warnings) {
        s.append("**WARNING:** ").append(warning).append("\n\n");
      }
      s.append("| | alerts (REVIEW+BLOCK) | BLOCK |\n| --- | --- | --- |\n");
      s.append("| precision | ")
          .append(precision(false).format())
          .append(" | ")
          .append(precision(true).format())
          .append(" |\n");
      s.append("| recall | ")
          .append(recall(false).format())
          .append(" | ")
          .append(recall(true).format())
          .append(" |\n");
      s.append("| F1 | ")
          .append(f1(false).format())
          .append(" | ")
          .append(f1(true).format())
          .append(" |\n\n");
      s.append("| | APPROVE | REVIEW | BLOCK | of which without a decision |\n");
      s.append("| --- | --- | --- | --- | --- |\n");
      actionRow(s, "fraud", FRAUD);
      actionRow(s, "genuine", GENUINE);
      s.append('\n');
      decisions.appendCounts(s);
      s.append("- labels: ")
          .append(labels.fraud().size())
          .append(" transactions (fraud ")
          .append(labels.count(true))
          .append(", genuine ")
          .append(labels.count(false))
          .append("); unreadable label rows: ")
          .append(labels.rejected().describe())
          .append('\n');
      s.append("- missing decisions (scored as APPROVE): ").append(missing());
      if (missing() > 0) {
        s.append(" (e.g. ").append(String.join(", ", tally.missingExamples())).append(')');
      }
      s.append('\n');
      decisions.appendProblems(s);
      return s.toString();
    }

    private void actionRow(StringBuilder s, String name, int row) {
      s.append("| ")
          .append(name)
          .append(" | ")
          .append(tally.count(Action.APPROVE, row))
          .append(" | ")
          .append(tally.count(Action.REVIEW, row))
          .append(" | ")
          .append(tally.count(Action.BLOCK, row))
          .append(" | ")
          .append(tally.missing(row))
          .append(" |\n");
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** {@code rtp evaluate-ledger}: the markdown report of a run's decisions against the labels. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code evaluate-ledger}. */
  @Command(
      name = COMMAND,
      description = "precision, recall and F1 of fraud decisions on a generated ledger's labels",
      footer = {
        "",
        "Prints markdown: precision, recall and F1 of alerts (REVIEW+BLOCK) and of BLOCK, and the"
            + " actions taken on fraud and genuine transactions.",
        "Decisions: {\"txnId\":\"mm-<n>\",\"action\":\"APPROVE\"|\"REVIEW\"|\"BLOCK\",...};"
            + " labels: the CSV of generate-ledger --labels (txnId,isFraud).",
        "A labelled transaction without a decision is scored as APPROVE and reported as missing;"
            + " decisions for unknown txnIds, repeated txnIds (the first in file order is scored)"
            + " and unreadable lines are counted and reported.",
        "Exit codes: 0 report printed, 1 reading failed, 2 wrong command line."
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
        names = "--labels",
        required = true,
        paramLabel = "<path>",
        description = "the labels CSV of generate-ledger, e.g. testdata/mobile-money-labels.csv")
    Path labels;

    @Override
    protected int execute() throws IOException {
      Labels truth = readLabels(existingFile("labels", labels));
      List<InputFile> files = ToolInput.match("decisions", decisions);
      out.print(evaluate(files, truth).toMarkdown());
      return 0;
    }
  }
}
