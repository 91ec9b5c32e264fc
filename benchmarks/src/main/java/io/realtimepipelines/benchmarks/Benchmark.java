package io.realtimepipelines.benchmarks;

import io.realtimepipelines.benchmarks.reference.FlinkFraudReference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The throughput benchmark of issue #6: every job on every runner, each run its own JVM started
 * from the bundled jar over the same generated input file, against the plain-Java {@link Baseline}
 * over that file; medians of {@code --runs} runs, CPU time and peak memory of each child;
 * optionally the JMH microbenchmarks. Writes {@code results.md}, {@code results.json} and {@code
 * throughput.png} to {@code --out}.
 *
 * <pre>
 * scripts/benchmark --events=200000 --runs=1 --jobs=fraud
 * </pre>
 */
public final class Benchmark {
  private final Settings settings;
  private final PrintStream log;

  /** The parsed command line. */
  record Settings(
      long events,
      int runs,
      List<RunnerKind> runners,
      List<JobKind> jobs,
      Path out,
      Path jar,
      String heap,
      int parallelism,
      Path work,
      long timeoutMinutes,
      Path repo,
      boolean jmh,
      List<String> jmhArgs,
      Path fraudRules,
      boolean reference,
      boolean keepOutputs,
      List<String> jobOpts,
      List<String> commandLine) {

    /** The settings of a command line; a {@link ParameterException} says what is wrong. */
    static Settings parse(String[] args) {
      Cli cli = new Cli();
      Args.commandLine(cli).parseArgs(args);
      return cli.settings();
    }
  }

  /** The command line of {@code scripts/benchmark}. */
  @Command(
      name = "scripts/benchmark",
      sortOptions = false,
      description =
          "Throughput of every job on every runner against the plain-Java baseline; writes"
              + " results.md, results.json and throughput.png to --out.")
  static final class Cli implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Args.Help help;

    @Mixin Args.JarAndOut files;

    @Option(
        names = "--events",
        paramLabel = "N",
        defaultValue = "1000000",
        converter = Args.PositiveNumber.class,
        description = "events per input file (default ${DEFAULT-VALUE})")
    long events;

    @Option(
        names = "--runs",
        paramLabel = "N",
        defaultValue = "3",
        converter = Args.PositiveNumber.class,
        description = "runs per job and runner; the table shows medians (default ${DEFAULT-VALUE})")
    long runs;

    @Option(
        names = "--runners",
        paramLabel = "LIST",
        hideParamSyntax = true,
        split = ",",
        defaultValue = "direct,flink,spark",
        description = "of direct, flink, spark (default all three)")
    Set<RunnerKind> runners;

    @Option(
        names = "--jobs",
        paramLabel = "LIST",
        hideParamSyntax = true,
        split = ",",
        defaultValue = "validate,fraud,pricing,recommend,vitals",
        description =
            "of validate, fraud, pricing, recommend, vitals, monitor (default the first five);"
                + " none: only --jmh")
    List<String> jobs;

    @Option(
        names = "--heap",
        paramLabel = "SIZE",
        defaultValue = "4g",
        description = "-Xmx of every child JVM (default ${DEFAULT-VALUE})")
    String heap;

    @Option(
        names = "--parallelism",
        paramLabel = "N",
        defaultValue = "2",
        converter = Args.PositiveNumber.class,
        description = "Flink parallelism and Spark local[N] (default ${DEFAULT-VALUE})")
    long parallelism;

    @Option(
        names = "--work",
        paramLabel = "DIR",
        defaultValue = "benchmarks/target/bench",
        description = "cached inputs and scratch (default ${DEFAULT-VALUE})")
    Path work;

    @Option(
        names = "--timeoutMinutes",
        paramLabel = "N",
        defaultValue = "60",
        converter = Args.PositiveNumber.class,
        description =
            "a run taking longer is stopped and reported failed (default ${DEFAULT-VALUE})")
    long timeoutMinutes;

    @Option(
        names = "--repo",
        paramLabel = "DIR",
        defaultValue = ".",
        description = "repository root, for rules/*.json (default ${DEFAULT-VALUE})")
    Path repo;

    @Option(
        names = "--jmh",
        arity = "0..1",
        paramLabel = "true|false",
        description = "also run the JMH microbenchmarks (a few minutes)")
    boolean jmh;

    @Option(
        names = "--fraudRules",
        paramLabel = "FILE",
        description =
            "the fraud job's and its baseline's rules file (default: the shipped"
                + " rules/fraud-rules.json), e.g. rules/examples/benchmark-20-user-rules.json")
    Path fraudRules;

    @Option(
        names = "--reference",
        arity = "0..1",
        paramLabel = "true|false",
        description =
            "also run the fraud job hand-written on Flink's DataStream API (FlinkFraudReference,"
                + " --parallelism), the reference of issue #19")
    boolean reference;

    @Option(
        names = "--keepOutputs",
        arity = "0..1",
        paramLabel = "true|false",
        description =
            "keep each cell's outputs of its last run under --work/output (to compare decisions)")
    boolean keepOutputs;

    @Option(
        names = "--jobOpts",
        paramLabel = "'OPTIONS'",
        defaultValue = "",
        description =
            "extra options for every run of a job (not the baseline or the reference), e.g."
                + " '--useDataStreamForBatch=true'")
    String jobOpts;

    @Option(
        names = "--jmhArgs",
        paramLabel = "'ARGS'",
        defaultValue = "",
        description = "extra JMH options, e.g. '-wi 1 -i 2 Parse'")
    String jmhArgs;

    @Override
    public Integer call() throws IOException, InterruptedException {
      List<Cell> cells = new Benchmark(settings(), System.out).run();
      return cells.stream().allMatch(Cell::ok) ? 0 : 1;
    }

    private Path fraudRulesFile() {
      Path file = fraudRules != null ? fraudRules : repo.resolve("rules/fraud-rules.json");
      if (!Files.isRegularFile(file)) {
        throw usage("--fraudRules: no file " + file);
      }
      return file.toAbsolutePath();
    }

    /** The settings, after the checks that span options or look at files. */
    Settings settings() {
      if (!heap.matches("[0-9]+[kKmMgG]?")) {
        throw usage("--heap must be a JVM size such as 4g or 3072m, got " + heap);
      }
      List<JobKind> jobKinds = new ArrayList<>();
      if (!jobs.equals(List.of("none"))) {
        for (String job : jobs) {
          try {
            jobKinds.add(JobKind.fromName(job));
          } catch (IllegalArgumentException e) {
            throw usage("--jobs: " + e.getMessage() + "; or none");
          }
        }
      }
      if (!Files.isRegularFile(files.jar)) {
        throw usage(
            "no bundled jar at "
                + files.jar
                + "; build it with"
                + " 'mvn -B -DskipTests -pl pipelines -am package' or pass --jar=<file>");
      }
      for (String rules :
          List.of("rules/fraud-rules.json", "rules/pricing.json", "rules/vitals.json")) {
        if (!Files.isRegularFile(repo.resolve(rules))) {
          throw usage(
              "no "
                  + rules
                  + " under --repo="
                  + repo
                  + "; run from the repository root or pass --repo=<root>");
        }
      }
      return new Settings(
          events,
          (int) runs,
          List.copyOf(runners),
          List.copyOf(new LinkedHashSet<>(jobKinds)),
          files.out,
          files.jar,
          heap,
          (int) parallelism,
          work,
          timeoutMinutes,
          repo,
          jmh,
          jmhArgs.isBlank() ? List.of() : List.of(jmhArgs.trim().split("\\s+")),
          fraudRulesFile(),
          reference,
          keepOutputs,
          jobOpts.isBlank() ? List.of() : List.of(jobOpts.trim().split("\\s+")),
          spec.commandLine().getParseResult().originalArgs());
    }

    private ParameterException usage(String message) {
      return new ParameterException(spec.commandLine(), message);
    }
  }

  Benchmark(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public static void main(String[] args) {
    System.exit(Args.commandLine(new Cli()).execute(args));
  }

  /** Runs everything the settings ask for, writes the report, returns the cells. */
  List<Cell> run() throws IOException, InterruptedException {
    Machine machine = Machine.describe();
    JarLauncher launcher =
        new JarLauncher(
            settings.jar(), settings.heap(), Path.of("."), settings.timeoutMinutes() * 60);
    Inputs inputs = new Inputs(launcher, settings.work().resolve("inputs"), log);
    List<Cell> cells = new ArrayList<>();
    for (JobKind job : settings.jobs()) {
      Path input = inputs.events(job.inputType(), settings.events());
      Path catalog = job == JobKind.PRICING ? inputs.catalog() : null;
      cells.add(baseline(launcher, job, input, catalog));
      for (RunnerKind runner : settings.runners()) {
        cells.add(runner(launcher, job, runner, input, catalog));
      }
      if (job == JobKind.FRAUD && settings.reference()) {
        cells.add(reference(launcher, input));
      }
      report(machine, cells, null);
    }
    JmhSection jmh = null;
    if (settings.jmh()) {
      log.println("running the JMH microbenchmarks ...");
      jmh = JmhSection.run(launcher, settings.out(), settings.work(), settings.jmhArgs());
    }
    report(machine, cells, jmh);
    log.println();
    log.println(Files.readString(settings.out().resolve("results.md")));
    log.println(
        "report: " + settings.out().resolve("results.md") + ", results.json, throughput.png");
    return cells;
  }

  private Cell baseline(JarLauncher launcher, JobKind job, Path input, Path catalog)
      throws IOException, InterruptedException {
    Cell cell = new Cell(job, Cell.BASELINE, "plain Java (1 thread)", settings.events());
    measure(
        cell,
        outputDir -> {
          List<String> args =
              new ArrayList<>(
                  List.of(
                      "--job=" + job.jobName(), "--input=" + input, "--outputDir=" + outputDir));
          switch (job) {
            case FRAUD -> args.add("--rulesFile=" + settings.fraudRules());
            case PRICING -> {
              args.add("--pricingConfig=" + settings.repo().resolve("rules/pricing.json"));
              args.add("--catalog=" + catalog);
            }
            case RECOMMEND ->
                args.add("--recommendConfig=" + settings.repo().resolve("rules/recommend.json"));
            case VITALS ->
                args.add("--vitalsConfig=" + settings.repo().resolve("rules/vitals.json"));
            case MONITOR ->
                args.add("--monitorConfig=" + settings.repo().resolve("rules/monitor.json"));
            case VALIDATE -> {}
          }
          return args;
        },
        (args, tmp, logFile) -> launcher.runClass(Baseline.class.getName(), args, tmp, logFile));
    return cell;
  }

  private Cell runner(
      JarLauncher launcher, JobKind job, RunnerKind runner, Path input, Path catalog)
      throws IOException, InterruptedException {
    Cell cell =
        new Cell(job, runner.optionName(), runner.label(settings.parallelism()), settings.events());
    measure(
        cell,
        outputDir -> {
          // The jobs' defaults otherwise: built-in rules and policy (= rules/*.json), 1 shard per
          // output.
          List<String> args = new ArrayList<>(List.of(job.jobName()));
          args.addAll(runner.jobArgs(settings.parallelism()));
          args.add("--source=FILE");
          args.add("--input=" + input);
          args.add("--outputDir=" + outputDir);
          switch (job) {
            case FRAUD -> {
              args.add("--topAlerts=0");
              args.add("--rulesFile=" + settings.fraudRules());
            }
            case PRICING -> {
              args.add("--catalog=" + catalog);
              args.add("--topUpdates=0");
            }
            case RECOMMEND -> args.add("--topSessions=0");
            case VITALS, MONITOR -> args.add("--topAlerts=0");
            case VALIDATE -> {}
          }
          args.addAll(settings.jobOpts());
          return args;
        },
        launcher::run);
    return cell;
  }

  /**
   * The fraud job hand-written on Flink's DataStream API ({@link FlinkFraudReference}), its own JVM
   * on this module's classpath like the baseline, with the same rules and input.
   */
  private Cell reference(JarLauncher launcher, Path input)
      throws IOException, InterruptedException {
    Cell cell =
        new Cell(
            JobKind.FRAUD,
            Cell.REFERENCE,
            "Flink DataStream, hand-written (p=" + settings.parallelism() + ")",
            settings.events());
    measure(
        cell,
        outputDir ->
            List.of(
                "--input=" + input,
                "--rulesFile=" + settings.fraudRules(),
                "--outputDir=" + outputDir,
                "--parallelism=" + settings.parallelism()),
        (args, tmp, logFile) ->
            launcher.runClass(
                FlinkFraudReference.class.getName(),
                FlinkFraudReference.JAVA_17_OPENS,
                args,
                tmp,
                logFile));
    return cell;
  }

  /** Starts one measured child. */
  private interface Starter {
    ChildRun.Measurement start(List<String> args, Path tmpDir, Path log)
        throws IOException, InterruptedException;
  }

  private void measure(Cell cell, Function<Path, List<String>> args, Starter starter)
      throws IOException, InterruptedException {
    String name = cell.job().jobName() + "-" + cell.runner();
    for (int i = 1; i <= settings.runs(); i++) {
      Path outputDir = settings.work().resolve("output").resolve(name);
      Path tmp = settings.work().resolve("tmp").resolve(name);
      Path logFile = settings.out().resolve("logs").resolve(name + "-" + i + ".log");
      JarLauncher.delete(outputDir);
      double load = Machine.loadAverage();
      log.printf(
          Locale.ROOT,
          "[%s %s %d/%d] %,d events ...",
          cell.job().jobName(),
          cell.label(),
          i,
          settings.runs(),
          cell.events());
      log.flush();
      ChildRun.Measurement m = starter.start(args.apply(outputDir.toAbsolutePath()), tmp, logFile);
      JobSummary s = JobSummary.parse(m.output());
      String failure =
          m.timedOut()
              ? "stopped after "
                  + settings.timeoutMinutes()
                  + " min"
                  + (s.lastProgress() == null ? "" : "; last progress: " + s.lastProgress())
              : s.problem(m.exitCode(), cell.events());
      cell.add(
          new Cell.Run(
              i,
              m.wallSeconds(),
              m.cpuSeconds(),
              m.peakRssBytes(),
              s.jobSeconds(),
              load,
              m.exitCode(),
              m.timedOut(),
              failure,
              settings.out().relativize(logFile).toString()));
      if (!settings.keepOutputs()) {
        JarLauncher.delete(outputDir);
      }
      if (failure != null) {
        log.printf(
            Locale.ROOT, " FAILED after %.1f s: %s (log %s)%n", m.wallSeconds(), failure, logFile);
        break;
      }
      log.printf(
          Locale.ROOT,
          " %.1f s wall, %,.0f events/s, CPU %.1f s, peak RSS %,d MB, accounting ok%n",
          m.wallSeconds(),
          cell.events() / m.wallSeconds(),
          m.cpuSeconds(),
          m.peakRssBytes() >> 20);
    }
  }

  private void report(Machine machine, List<Cell> cells, JmhSection jmh) throws IOException {
    Files.createDirectories(settings.out());
    if (!cells.isEmpty()) {
      ThroughputChart.write(cells, settings.out().resolve("throughput.png"));
    }
    List<ReportSection> sections = new ArrayList<>();
    if (!cells.isEmpty()) {
      sections.add(new ThroughputSection(cells, method()));
    }
    if (jmh != null) {
      sections.add(jmh);
    }
    // Kafka-to-decision latency will be one more section here.
    ReportWriter.write(settings.out(), machine, settings.commandLine(), sections);
  }

  private String method() {
    return String.format(
            Locale.ROOT,
            """
        How: each job reads one file of %,d generated events (`generate --seed=42`, default \
        anomaly rate, no bad records; pricing: clicks plus the generated products' catalogue as \
        `--catalog`), the same file for every runner and the baseline. Every run is its own JVM \
        (`-Xmx%s`; `java -jar %s <job> --runner=… --source=FILE --input=… --outputDir=…`, all \
        outputs written), measured from process start to exit: events/s = events / wall time, \
        JVM start-up included ("job s" is the job's own time from its final line, without it); CPU = user + system time of the child from /proc/<pid>/stat; peak \
        RSS = VmHWM, both sampled every %d ms. A run counts only with exit code 0, the final DONE \
        line, every `accounting` line ok and all events read. Flink runs embedded with \
        parallelism %d, Spark with local[%d]. The baseline is one thread: read lines, decode and \
        validate with the pipeline's `RecordDecoder`, drop repeated ids, run the reference model \
        (`FraudModel`, `PricingModel`, `RecommendModel`, `VitalsModel`; nothing more for validate) \
        with `rules/fraud-rules.json`, `rules/pricing.json`, `rules/recommend.json` and \
        `rules/vitals.json` (the jobs' \
        built-in defaults), write the same JSON outputs.""",
            settings.events(),
            settings.heap(),
            settings.jar(),
            ChildRun.SAMPLE_MILLIS,
            settings.parallelism(),
            settings.parallelism())
        + (settings.reference()
            ? String.format(
                Locale.ROOT,
                " The hand-written Flink DataStream row (`--reference`) is"
                    + " `reference.FlinkFraudReference` in its own JVM on the harness's classpath"
                    + " (same -Xmx, same input and rules): Flink %s embedded, batch execution mode,"
                    + " parallelism %d, a parallel read of the file, the same decoder, dedup, rule"
                    + " classes and decision as the job, outputs written as JSON Lines.",
                org.apache.flink.runtime.util.EnvironmentInformation.getVersion(),
                settings.parallelism())
            : "");
  }
}
