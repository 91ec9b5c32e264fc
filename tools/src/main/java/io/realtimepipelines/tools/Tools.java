package io.realtimepipelines.tools;

import io.realtimepipelines.pipelines.Launcher;
import io.realtimepipelines.tools.fraud.FraudEvaluation;
import io.realtimepipelines.tools.fraud.HandbookConverter;
import io.realtimepipelines.tools.monitor.NabConverter;
import io.realtimepipelines.tools.monitor.NabEvaluation;
import io.realtimepipelines.tools.pricing.PriceAudit;
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
import java.util.Map;
import java.util.Set;

/**
 * The entry point of the offline tools (dataset converters, quality evaluators, the price audit,
 * dead-letter redrive): {@code rtp <tool> [--option=value …]}. They are plain programs, not
 * pipelines, and live outside the job jar; a name that is not a tool is handed to the job
 * launcher, so the quality checks can chain converters, jobs and evaluators in one JVM.
 *
 * <pre>
 * java -cp tools/target/tools-bundled.jar:pipelines/target/pipelines-bundled.jar \
 *   io.realtimepipelines.tools.Tools audit-prices --help
 * </pre>
 *
 * <p>Exit codes, the same for every tool: 0 ok, 1 the tool's check failed (or it could not read
 * or write), 2 the command line was wrong.
 */
public final class Tools {
  /** Exit code of a tool whose check failed or that could not read or write. */
  public static final int FAILED = 1;

  /** Exit code of a run whose command line was wrong (as the job launcher's). */
  public static final int USAGE = 2;

  /** The entry point of one tool. */
  @FunctionalInterface
  interface Entry {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  /** A tool: its description and its entry point. */
  private record Tool(String description, Entry entry) {}

  private static final Map<String, Tool> TOOLS = new LinkedHashMap<>();

  static {
    add("convert-handbook",
        "convert the Fraud Detection Handbook CSV to transactions and delayed fraud feedback",
        HandbookConverter::run);
    add("evaluate-fraud",
        "precision and recall of fraud decisions against the Handbook labels, per scenario",
        FraudEvaluation::run);
    add("convert-retail",
        "convert the UCI Online Retail CSVs to purchases, a seeded catalogue and initial stock",
        RetailConverter::run);
    add("audit-prices",
        "audit price updates against the catalogue guardrails; distribution of changes",
        PriceAudit::run);
    add("convert-rees46",
        "convert the REES46 clickstream CSV to clicks for the recommend job",
        Rees46Converter::run);
    add("evaluate-recs",
        "hit rate, MRR and purchase recall of session recommendations vs popularity baselines",
        EvaluateRecs::run);
    add("convert-fitbit",
        "convert Fitbit per-second heart rate CSVs to vital-sign readings",
        FitbitConverter::run);
    add("convert-sepsis",
        "convert PhysioNet 2019 hourly ICU vitals to readings and per-patient sepsis labels",
        SepsisConverter::run);
    add("evaluate-vitals",
        "data-quality table of a vitals run; with sepsis labels, alerts before the label",
        VitalsEvaluation::run);
    add("convert-nab",
        "convert the NAB telemetry series (CSV) to metric samples for the monitor job",
        NabConverter::run);
    add("evaluate-nab",
        "NAB-style detections, misses, false positives and delay of monitor alerts vs a static threshold",
        NabEvaluation::run);
    add("redrive",
        "send dead letters' raw payloads (by error code or stage) back to an input topic or file",
        Redrive::run);
  }

  private Tools() {}

  private static void add(String name, String description, Entry entry) {
    TOOLS.put(name, new Tool(description, entry));
  }

  /** The tool names, in the order {@code --help} lists them. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(TOOLS.keySet());
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs a tool's command line, or a job's through the job launcher; returns the exit code.
   * {@code --help} (or no arguments) lists the tools only; {@code ./rtp --help} lists jobs and tools.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || isHelp(args[0])) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? USAGE : 0;
    }
    Tool tool = TOOLS.get(args[0]);
    if (tool == null) {
      return Launcher.run(args, out, err);
    }
    return tool.entry().run(Arrays.copyOfRange(args, 1, args.length), out, err);
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private static void usage(PrintStream out) {
    out.println("tools:            rtp <tool> --help for a tool's options");
    for (Map.Entry<String, Tool> t : TOOLS.entrySet()) {
      out.printf("  %-17s %s%n", t.getKey(), t.getValue().description());
    }
  }
}
