package io.realtimepipelines.tools;

import io.realtimepipelines.pipelines.Launcher;
import io.realtimepipelines.tools.fraud.FraudEvaluation;
import io.realtimepipelines.tools.fraud.HandbookConverter;
import io.realtimepipelines.tools.ledger.LedgerEvaluation;
import io.realtimepipelines.tools.ledger.LedgerGenerator;
import io.realtimepipelines.tools.monitor.NabConverter;
import io.realtimepipelines.tools.monitor.NabEvaluation;
import io.realtimepipelines.tools.pricing.PriceAuditCli;
import io.realtimepipelines.tools.pricing.RetailConverter;
import io.realtimepipelines.tools.recommend.EvaluateRecs;
import io.realtimepipelines.tools.recommend.Rees46Converter;
import io.realtimepipelines.tools.redrive.Redrive;
import io.realtimepipelines.tools.vitals.FitbitConverter;
import io.realtimepipelines.tools.vitals.SepsisConverter;
import io.realtimepipelines.tools.vitals.VitalsEvaluation;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The entry point of the offline tools (dataset converters, quality evaluators, the price audit,
 * dead-letter redrive): {@code rtp <tool> [--option=value …]}. They are plain programs, not
 * pipelines, and live outside the job jar; a name that is not a tool is handed to the job launcher,
 * so the quality checks can chain converters, jobs and evaluators in one JVM.
 *
 * <pre>
 * java -cp tools/target/tools-bundled.jar:pipelines/target/pipelines-bundled.jar \
 *   io.realtimepipelines.tools.Tools audit-prices --help
 * </pre>
 *
 * <p>Exit codes, the same for every tool: 0 ok, 1 the tool's check failed (or it could not read or
 * write), 2 the command line was wrong.
 */
public final class Tools {
  /** Exit code of a tool whose check failed or that could not read or write. */
  public static final int FAILED = 1;

  /** Exit code of a run whose command line was wrong (as the job launcher's). */
  public static final int USAGE = 2;

  /** Every tool, in the order {@code --help} lists them; each call makes a fresh command. */
  private static final List<Supplier<ToolCommand>> TOOLS =
      List.of(
          HandbookConverter.Cli::new,
          FraudEvaluation.Cli::new,
          LedgerGenerator.Cli::new,
          LedgerEvaluation.Cli::new,
          RetailConverter.Cli::new,
          PriceAuditCli::new,
          Rees46Converter.Cli::new,
          EvaluateRecs.Cli::new,
          FitbitConverter.Cli::new,
          SepsisConverter.Cli::new,
          VitalsEvaluation.Cli::new,
          NabConverter.Cli::new,
          NabEvaluation.Cli::new,
          Redrive.Cli::new);

  /** The tools by name; their names and descriptions come from their {@code @Command}s. */
  private static final Map<String, Supplier<ToolCommand>> BY_NAME = new LinkedHashMap<>();

  static {
    for (Supplier<ToolCommand> tool : TOOLS) {
      BY_NAME.put(new CommandLine(tool.get()).getCommandName(), tool);
    }
  }

  private Tools() {}

  /** The tool names, in the order {@code --help} lists them. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(BY_NAME.keySet());
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs a tool's command line, or a job's through the job launcher; returns the exit code. {@code
   * --help} (or no arguments) lists the tools only; {@code ./rtp --help} lists jobs and tools.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || isHelp(args[0])) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? USAGE : 0;
    }
    Supplier<ToolCommand> tool = BY_NAME.get(args[0]);
    if (tool == null) {
      return Launcher.run(args, out, err);
    }
    return ToolCommand.run(tool.get(), Arrays.copyOfRange(args, 1, args.length), out, err);
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private static void usage(PrintStream out) {
    out.println("tools:            rtp <tool> --help for a tool's options");
    for (Map.Entry<String, Supplier<ToolCommand>> t : BY_NAME.entrySet()) {
      String[] description =
          new CommandLine(t.getValue().get()).getCommandSpec().usageMessage().description();
      out.printf("  %-17s %s%n", t.getKey(), description.length > 0 ? description[0] : "");
    }
  }
}
