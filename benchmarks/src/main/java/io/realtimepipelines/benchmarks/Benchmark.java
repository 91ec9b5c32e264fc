package io.realtimepipelines.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
  static final List<String> OPTIONS =
      List.of(
          "events",
          "runs",
          "runners",
          "jobs",
          "out",
          "jar",
          "heap",
          "parallelism",
          "work",
          "timeoutMinutes",
          "repo",
          "jmh",
          "jmhArgs",
          "help");

  static final String USAGE =
      """
      scripts/benchmark [--option=value ...]
        --events=N            events per input file (default 1000000)
        --runs=N              runs per job and runner; the table shows medians (default 3)
        --runners=LIST        of direct, flink, spark (default all three)
        --jobs=LIST           of validate, fraud, pricing, recommend, vitals (default all five); none: only --jmh
        --out=DIR             report folder (default benchmarks/results)
        --jar=FILE            bundled jar (default pipelines/target/pipelines-bundled.jar)
        --heap=SIZE           -Xmx of every child JVM (default 4g)
        --parallelism=N       Flink parallelism and Spark local[N] (default 2)
        --work=DIR            cached inputs and scratch (default benchmarks/target/bench)
        --timeoutMinutes=N    a run taking longer is stopped and reported failed (default 60)
        --repo=DIR            repository root, for rules/*.json (default .)
        --jmh                 also run the JMH microbenchmarks (a few minutes)
        --jmhArgs='ARGS'      extra JMH options, e.g. '-wi 1 -i 2 Parse'
      """;

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
      List<String> commandLine) {

    static Settings parse(String[] args) {
      Map<String, String> a = Args.parse(args, OPTIONS);
      String heap = a.getOrDefault("heap", "4g");
      if (!heap.matches("[0-9]+[kKmMgG]?")) {
        throw new Args.UsageException("--heap must be a JVM size such as 4g or 3072m, got " + heap);
      }
      Settings s =
          new Settings(
              Args.positiveLong(a, "events", 1_000_000),
              (int) Args.positiveLong(a, "runs", 3),
              list(a.getOrDefault("runners", "direct,flink,spark"), RunnerKind::fromName),
              "none".equals(a.get("jobs"))
                  ? List.of()
                  : list(
                      a.getOrDefault("jobs", "validate,fraud,pricing,recommend,vitals"),
                      JobKind::fromName),
              Path.of(a.getOrDefault("out", "benchmarks/results")),
              Path.of(a.getOrDefault("jar", "pipelines/target/pipelines-bundled.jar")),
              heap,
              (int) Args.positiveLong(a, "parallelism", 2),
              Path.of(a.getOrDefault("work", "benchmarks/target/bench")),
              Args.positiveLong(a, "timeoutMinutes", 60),
              Path.of(a.getOrDefault("repo", ".")),
              Boolean.parseBoolean(a.getOrDefault("jmh", "false")),
              a.containsKey("jmhArgs") && !a.get("jmhArgs").isBlank()
                  ? List.of(a.get("jmhArgs").trim().split("\\s+"))
                  : List.of(),
              List.of(args));
      if (!Files.isRegularFile(s.jar())) {
        throw new Args.UsageException(
            "no bundled jar at "
                + s.jar()
                + "; build it with"
                + " 'mvn -B -DskipTests -pl pipelines -am package' or pass --jar=<file>");
      }
      for (String rules :
          List.of("rules/fraud-rules.json", "rules/pricing.json", "rules/vitals.json")) {
        if (!Files.isRegularFile(s.repo().resolve(rules))) {
          throw new Args.UsageException(
              "no "
                  + rules
                  + " under --repo="
                  + s.repo()
                  + "; run from the repository root or pass --repo=<root>");
        }
      }
      return s;
    }

    private static <T> List<T> list(String csv, Function<String, T> parse) {
      Set<T> out = new LinkedHashSet<>();
      for (String s : csv.split(",")) {
        if (!s.isBlank()) {
          out.add(parse.apply(s));
        }
      }
      if (out.isEmpty()) {
        throw new Args.UsageException("empty list: " + csv);
      }
      return List.copyOf(out);
    }
  }

  Benchmark(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(USAGE);
      return;
    }
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (Args.UsageException e) {
      System.err.println("benchmark: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    List<Cell> cells = new Benchmark(settings, System.out).run();
    System.exit(cells.stream().allMatch(Cell::ok) ? 0 : 1);
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
            case FRAUD ->
                args.add("--rulesFile=" + settings.repo().resolve("rules/fraud-rules.json"));
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
            case FRAUD -> args.add("--topAlerts=0");
            case PRICING -> {
              args.add("--catalog=" + catalog);
              args.add("--topUpdates=0");
            }
            case RECOMMEND -> args.add("--topSessions=0");
            case VITALS, MONITOR -> args.add("--topAlerts=0");
            case VALIDATE -> {}
          }
          return args;
        },
        launcher::run);
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
      JarLauncher.delete(outputDir);
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
        settings.parallelism());
  }
}
