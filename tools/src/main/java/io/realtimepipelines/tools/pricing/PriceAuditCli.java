package io.realtimepipelines.tools.pricing;

import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import io.realtimepipelines.tools.Tools;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code audit-prices}: runs a {@link PriceAudit} over the updates and prints
 * its {@link PriceAuditReport} as markdown. Exit code 0 when no update breaks a guardrail, 1 when
 * one does or reading failed, 2 when the command line or the catalogue is wrong.
 *
 * <pre>
 * rtp audit-prices --updates=output/pricing/updates/ --catalog=output/retail/catalog.jsonl
 * </pre>
 */
@Command(
    name = PriceAuditCli.COMMAND,
    description = "audit price updates against the catalogue guardrails; distribution of changes",
    footer = {
      "",
      "Prints a markdown report: updates, products changed, updates per product, relative-change"
          + " histogram, every violation.",
      "Also violations: new price below floor or above ceiling, oldPrice not the previous"
          + " newPrice (basePrice for the first update), a change under 1%%, an unknown product,"
          + " a line that is not an update.",
      "Exit codes: 0 no violations, 1 violations or reading failed, 2 wrong command line or"
          + " catalogue."
    })
public final class PriceAuditCli extends ToolCommand {
  /** Subcommand name. */
  public static final String COMMAND = "audit-prices";

  /** Exit code when every update passes. */
  public static final int CLEAN = 0;

  /** Exit code when at least one update breaks a guardrail (the tools' {@link Tools#FAILED}). */
  public static final int VIOLATIONS = Tools.FAILED;

  @Option(
      names = "--updates",
      required = true,
      paramLabel = "<path>",
      description =
          "price updates as JSON Lines (plain or .gz): a file, a folder (its *.jsonl"
              + " and *.jsonl.gz files) or a glob such as 'output/pricing/updates/part-*'; one object"
              + " per line: {\"productId\",\"oldPrice\",\"newPrice\",\"timestamp\":<ISO-8601>,"
              + "\"reasons\":[...] (optional)}")
  String updates;

  @Option(
      names = "--catalog",
      required = true,
      paramLabel = "<path>",
      description = "the catalogue written by convert-retail")
  Path catalog;

  @Option(
      names = "--cooldownMinutes",
      paramLabel = "<min>",
      defaultValue = PriceAudit.DEFAULT_COOLDOWN_MINUTES,
      description =
          "two changes of a product closer than this are a violation (0 to 10080;"
              + " default ${DEFAULT-VALUE})")
  long cooldownMinutes;

  @Option(
      names = "--maxStepPct",
      paramLabel = "<pct>",
      defaultValue = PriceAudit.DEFAULT_PCT,
      description =
          "a step larger than this percent of the old price (plus half a penny) is a"
              + " violation (0 to 1000; default ${DEFAULT-VALUE})")
  BigDecimal maxStepPct;

  @Option(
      names = "--minMarginPct",
      paramLabel = "<pct>",
      defaultValue = PriceAudit.DEFAULT_PCT,
      description =
          "a new price below unitCost x (1 + pct/100) is a violation (0 to 1000;"
              + " default ${DEFAULT-VALUE})")
  BigDecimal minMarginPct;

  @Option(
      names = "--maxListed",
      paramLabel = "<N>",
      defaultValue = "0",
      description = "list at most N violations (default 0: all)")
  int maxListed;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** {@code rtp audit-prices}: prints the markdown report; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new PriceAuditCli(), args, out, err);
  }

  @Override
  protected int execute() throws IOException {
    existingFile("catalog", catalog);
    BigDecimal maxPct = BigDecimal.valueOf(1000);
    PriceAudit audit =
        PriceAudit.create()
            .withCooldown(
                Duration.ofMinutes(inRange("cooldownMinutes", cooldownMinutes, 0, 10_080)))
            .withMaxStepPct(inRange("maxStepPct", maxStepPct, BigDecimal.ZERO, maxPct))
            .withMinMarginPct(inRange("minMarginPct", minMarginPct, BigDecimal.ZERO, maxPct));
    inRange("maxListed", maxListed, 0, Integer.MAX_VALUE);
    List<InputFile> files = ToolInput.match("updates", updates);
    PriceAuditReport report = audit.audit(files, PriceUpdates.readCatalog(catalog));
    out.print(report.toMarkdown(maxListed));
    if (report.updates() == 0) {
      err.println("warning: no price updates in " + files);
    }
    return report.clean() ? CLEAN : VIOLATIONS;
  }
}
