package io.realtimepipelines.tools;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The summary every converter prints after a run: a headline naming the command, then one line per
 * measure, indented, its label padded to the summary's column (" rejected rows 0"), the accounting
 * line that says whether the counts add up, and the files written.
 *
 * <pre>
 * convert-fitbit: 2 files, 26,084 rows: 26,084 readings, 0 rejected 0
 *   accounting  rows = readings + rejected: ok
 *   readings  /tmp/hr.jsonl.gz
 * </pre>
 */
public final class ConversionSummary {
  private static final String NL = System.lineSeparator();

  private final StringBuilder text = new StringBuilder();
  private final int labelWidth;

  private ConversionSummary(int labelWidth) {
    this.labelWidth = labelWidth;
  }

  /**
   * A summary whose first line is "{@code command}: {@code headline}"; labels are padded to {@code
   * labelWidth} characters, and followed by at least two spaces.
   */
  public static ConversionSummary of(String command, String headline, int labelWidth) {
    ConversionSummary s = new ConversionSummary(labelWidth);
    s.text.append(command).append(": ").append(headline);
    return s;
  }

  /** A measure: " {@code label} {@code value}", the label padded. */
  public ConversionSummary line(String label, Object value) {
    text.append(NL).append("  ").append(label);
    text.append(" ".repeat(Math.max(2, labelWidth - label.length()))).append(value);
    return this;
  }

  /** A line without a label, indented as the measures. */
  public ConversionSummary text(String line) {
    text.append(NL).append("  ").append(line);
    return this;
  }

  /** A detail of the measure above it, indented further. */
  public ConversionSummary detail(String line) {
    text.append(NL).append("    ").append(line);
    return this;
  }

  /** The accounting line: "{@code equation}: ok", or MISMATCH when the counts do not add up. */
  public ConversionSummary accounting(String equation, boolean balanced) {
    return line("accounting", equation + ": " + (balanced ? "ok" : "MISMATCH"));
  }

  /** The summary, without a line separator at the end. */
  @Override
  public String toString() {
    return text.toString();
  }

  /** Prints the summary and a line separator. */
  public void print(PrintStream out) {
    out.println(text);
  }

  /**
   * What became of the rows: "26,084 rows: 26,084 readings, 0 rejected 0" ({@code written} of them
   * written as {@code what}, the others rejected, with the reasons).
   */
  public static String rows(long rows, long written, String what, RejectedLines rejected) {
    return String.format(
        Locale.ROOT,
        "%,d rows: %,d %s, %,d rejected %s",
        rows,
        written,
        what,
        rows - written,
        rejected.describe(false));
  }

  /** Warns on {@code err} when rows were rejected (the summary above lists them). */
  public static void warnRejected(PrintStream err, RejectedLines rejected) {
    if (rejected.count() > 0) {
      err.println(
          "warning: "
              + rejected.count()
              + " CSV rows could not be parsed and were not converted (listed above)");
    }
  }

  /** A duration in seconds, 2 decimals (truncated), e.g. "1.23 s". */
  public static String seconds(Duration d) {
    long millis = d.toMillis();
    return (millis / 1000) + "." + (millis % 1000 / 100) + (millis % 100 / 10) + " s";
  }
}
