package io.realtimepipelines.pipelines;

import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.pipelines.fraud.FraudJob;
import io.realtimepipelines.pipelines.generate.GenerateJob;
import io.realtimepipelines.pipelines.metrics.MetricsEndpoint;
import io.realtimepipelines.pipelines.monitor.MonitorJob;
import io.realtimepipelines.pipelines.options.MetricsOptions;
import io.realtimepipelines.pipelines.pricing.PricingJob;
import io.realtimepipelines.pipelines.recommend.RecommendJob;
import io.realtimepipelines.pipelines.validate.ValidateJob;
import io.realtimepipelines.pipelines.vitals.VitalsJob;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * The single entry point: {@code rtp <job> [--option=value …]}. {@code --help} lists the jobs,
 * {@code <job> --help} a job's options. Local runs print progress every few seconds and a summary.
 *
 * <pre>
 * java -jar pipelines/target/pipelines-bundled.jar validate --input=testdata/transactions.jsonl
 * </pre>
 */
public final class Launcher {
  /** Exit code of a run whose command line was wrong. */
  public static final int USAGE = 2;

  /** Exit code of a job that failed while running. */
  public static final int FAILED = 1;

  private static final Duration PROGRESS_INTERVAL = Duration.standardSeconds(5);

  private static final Map<String, Job<?>> JOBS = new LinkedHashMap<>();

  static {
    register(new FraudJob());
    register(new PricingJob());
    register(new RecommendJob());
    register(new VitalsJob());
    register(new MonitorJob());
    register(new ValidateJob());
    register(new GenerateJob());
  }

  private Launcher() {}

  private static void register(Job<?> job) {
    JOBS.put(job.name(), job);
    PipelineOptionsFactory.register(job.optionsClass());
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command line; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || isHelp(args[0])) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? USAGE : 0;
    }
    Job<?> job = JOBS.get(args[0]);
    if (job == null) {
      err.println(
          "error: unknown job '"
              + args[0]
              + "'. Jobs: "
              + String.join(", ", JOBS.keySet())
              + " (the offline tools are in the tools module: ./rtp --help)");
      err.println("Run with --help for what each does.");
      return USAGE;
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    boolean verbose = rest.remove("--verbose") | rest.remove("--verbose=true");
    if (rest.stream().anyMatch(Launcher::isHelp)) {
      out.println("rtp " + job.name() + ": " + job.description());
      out.println();
      PipelineOptionsFactory.printHelp(out, job.optionsClass());
      return 0;
    }
    return runJob(job, rest, verbose, out, err);
  }

  /**
   * Beam accepts an option of any registered options interface, and every job's is registered:
   * {@code fraud --eventType=CLICK} would be parsed and silently ignored. Refuses an option that
   * only other jobs have.
   */
  private static void refuseOtherJobsOptions(Job<?> job, List<String> args) {
    java.util.Set<String> own = properties(job.optionsClass());
    for (String a : args) {
      if (!a.startsWith("--")) {
        continue;
      }
      String name = a.substring(2).split("=", 2)[0];
      if (own.contains(name)) {
        continue;
      }
      List<String> owners = new ArrayList<>();
      for (Job<?> other : JOBS.values()) {
        if (properties(other.optionsClass()).contains(name)) {
          owners.add(other.name());
        }
      }
      if (!owners.isEmpty()) {
        throw new IllegalArgumentException(
            job.name()
                + " has no option --"
                + name
                + " (an option of "
                + String.join(", ", owners)
                + ")");
      }
    }
  }

  /** Property names of an options interface and the interfaces it extends. */
  private static java.util.Set<String> properties(Class<?> options) {
    java.util.Set<String> names = new java.util.HashSet<>();
    java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(options));
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
        String n = m.getName();
        int skip = n.startsWith("get") ? 3 : n.startsWith("is") ? 2 : 0;
        if (skip > 0 && m.getParameterCount() == 0 && n.length() > skip) {
          names.add(Character.toLowerCase(n.charAt(skip)) + n.substring(skip + 1));
        }
      }
      todo.addAll(Arrays.asList(c.getInterfaces()));
    }
    return names;
  }

  private static <O extends PipelineOptions> int runJob(
      Job<O> job, List<String> args, boolean verbose, PrintStream out, PrintStream err) {
    O options;
    Pipeline pipeline;
    List<String> effective;
    try {
      refuseOtherJobsOptions(job, args);
      effective = LiveRecovery.apply(job.name(), RunnerDefaults.apply(args), out);
      options =
          PipelineOptionsFactory.fromArgs(effective.toArray(new String[0]))
              .withValidation()
              .as(job.optionsClass());
      options.setJobName(job.name());
      Integer direct = job.runWithoutPipeline(options, out);
      if (direct != null) {
        return direct;
      }
      pipeline = job.build(options);
    } catch (IllegalArgumentException e) {
      err.println("error: " + namingTheOption(rootMessage(e), args));
      err.println("Run '" + job.name() + " --help' for the options of " + job.name() + ".");
      trace(e, verbose, err);
      return USAGE;
    }
    String runner = options.getRunner().getSimpleName();
    out.println(
        "Running " + job.name() + " on " + runner + " (version " + PipelineInfo.version() + ")");
    JobMetrics.setJob(job.name());
    MetricsEndpoint metrics = null;
    RunReport report = new RunReport(job.name(), runner);
    PipelineResult.State state;
    PipelineResult result;
    if (options instanceof MetricsOptions m && m.getMetricsPort() > 0) {
      try {
        metrics = MetricsEndpoint.start(job.name(), m.getMetricsBindAddress(), m.getMetricsPort());
      } catch (java.io.UncheckedIOException e) {
        err.println("error: " + e.getMessage()); // names the option, unlike the root cause
        return FAILED;
      }
      out.println(
          "Metrics: http://" + m.getMetricsBindAddress() + ":" + metrics.port() + "/metrics");
    }
    try {
      result = pipeline.run();
      state = result.getState();
      while (state == null || !state.isTerminal()) {
        state = result.waitUntilFinish(PROGRESS_INTERVAL);
        if (state == null || !state.isTerminal()) {
          report.progress(result, out);
        }
      }
    } catch (RuntimeException e) {
      err.println(job.name() + " failed: " + rootMessage(e));
      String hint = restoreHint(rootMessage(e));
      if (hint != null) {
        err.println(hint);
      }
      trace(e, verbose, err);
      return FAILED;
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
    boolean balanced = report.summary(result, state, out, verbose);
    balanced &= job.report(options, RunReport.counters(result), out);
    out.println(job.describeOutputs(options));
    if (state == PipelineResult.State.DONE
        && LiveRecovery.isLiveKafka(effective)
        && RunnerDefaults.isEmbeddedFlink(effective, System.getenv())) {
      err.println(job.name() + " error: " + LiveRecovery.endedByItself(job.name(), effective));
      return FAILED;
    }
    if (state != PipelineResult.State.DONE) {
      err.println(job.name() + " ended in state " + state);
      return FAILED;
    }
    return balanced ? 0 : FAILED;
  }

  /**
   * What to do when Flink cannot map a checkpoint's or savepoint's state onto this build's steps (a
   * release that removed or renamed steps, docs/clusters.md), or null for any other failure.
   */
  static String restoreHint(String message) {
    if (message == null || !message.contains("Cannot map checkpoint/savepoint state")) {
      return null;
    }
    return "This build's steps differ from those of the checkpoint or savepoint it resumes from"
        + " (an upgrade that removed or renamed steps: docs/clusters.md, \"What breaks savepoint"
        + " compatibility\"). To keep the state of the steps that remain, start it once with"
        + " --allowNonRestoredState=true; the state of the steps that are gone is dropped.";
  }

  /** The stack trace with --verbose; else a hint that it exists. */
  private static void trace(Throwable e, boolean verbose, PrintStream err) {
    if (verbose) {
      e.printStackTrace(err);
    } else {
      err.println("(add --verbose for the stack trace)");
    }
  }

  /** Jackson's enum message names no option: put the option whose value it quotes in front. */
  static String namingTheOption(String message, List<String> args) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^'([^']*)' is not an allowed value").matcher(message);
    if (m.find()) {
      for (String a : args) {
        if (a.startsWith("--") && a.endsWith("=" + m.group(1))) {
          return a + ": " + message;
        }
      }
    }
    return message;
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private static void usage(PrintStream out) {
    out.println("usage: rtp <job> [--option=value ...]      rtp <job> --help for a job's options");
    out.println();
    out.println("jobs:");
    for (Job<?> job : JOBS.values()) {
      out.printf("  %-17s %s%n", job.name(), job.description());
    }
    out.println();
    out.println("runners: --runner=DirectRunner (default) | FlinkRunner | SparkRunner");
    out.println(
        "         with e.g. --flinkMaster=host:8081, --sparkMaster=spark://host:7077,"
            + " --parallelism=N (see README)");
    out.println();
    out.println(
        "live jobs (--source=KAFKA) on Flink checkpoint every 10 s to --stateDir"
            + " (default state/<job>-<consumerGroup>):");
    out.println(
        "  stop with Ctrl-C (or lose the process), run the same command again to resume;"
            + " on a cluster: flink stop --savepointPath <dir> <job id>, then --fromSavepoint=<savepoint>"
            + " (docs/crash-safety.md)");
  }

  private static final java.util.regex.Pattern BAD_ENUM =
      java.util.regex.Pattern.compile(
          "from String \"([^\"]*)\": not one of the values accepted for Enum class: \\[([^\\]]*)\\]");

  /** The innermost message of a cause chain, which is the one that says what was wrong. */
  static String rootMessage(Throwable e) {
    String message = innermost(e);
    java.util.regex.Matcher m = BAD_ENUM.matcher(message);
    if (m.find()) {
      return "'" + m.group(1) + "' is not an allowed value; allowed: " + m.group(2);
    }
    return message;
  }

  private static String innermost(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        message = t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return message == null ? e.toString() : message;
  }
}
