package io.realtimepipelines.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The runs of one job on one runner (or the baseline) over the same input file. */
final class Cell {
  /** One run: one child JVM, measured from start to exit. */
  record Run(
      int number,
      double wallSeconds,
      double cpuSeconds,
      long peakRssBytes,
      double jobSeconds,
      double loadAtStart,
      int exitCode,
      boolean timedOut,
      String failure,
      String log) {

    boolean ok() {
      return failure == null;
    }
  }

  static final String BASELINE = "baseline";

  /** The runner name of the hand-written Flink DataStream fraud job (issue #19). */
  static final String REFERENCE = "flink-datastream";

  private final JobKind job;
  private final String runner;
  private final String label;
  private final long events;
  private final List<Run> runs = new ArrayList<>();

  /**
   * {@code runner} is a {@link RunnerKind#optionName()}, {@link #BASELINE} or {@link #REFERENCE}.
   */
  Cell(JobKind job, String runner, String label, long events) {
    this.job = job;
    this.runner = runner;
    this.label = label;
    this.events = events;
  }

  void add(Run run) {
    runs.add(run);
  }

  JobKind job() {
    return job;
  }

  String runner() {
    return runner;
  }

  String label() {
    return label;
  }

  long events() {
    return events;
  }

  List<Run> runs() {
    return List.copyOf(runs);
  }

  boolean isBaseline() {
    return BASELINE.equals(runner);
  }

  /** True when there were runs and every one counted. */
  boolean ok() {
    return !runs.isEmpty() && runs.stream().allMatch(Run::ok);
  }

  /** The first failure, or null. */
  String failure() {
    return runs.stream().filter(r -> !r.ok()).map(Run::failure).findFirst().orElse(null);
  }

  /**
   * When every failed run was stopped at the time limit: events over the time it was given, an
   * upper bound of its events/s; NaN otherwise.
   */
  double timedOutUpperBound() {
    List<Run> failed = runs.stream().filter(r -> !r.ok()).toList();
    if (failed.isEmpty() || !failed.stream().allMatch(Run::timedOut)) {
      return Double.NaN;
    }
    return events / failed.stream().mapToDouble(Run::wallSeconds).min().orElseThrow();
  }

  /** Events over wall time (whole JVM: start-up, job, shut-down), median of the runs. */
  double medianEventsPerSecond() {
    return median(r -> events / r.wallSeconds());
  }

  double medianWallSeconds() {
    return median(Run::wallSeconds);
  }

  /**
   * The job's own time from its final line (pipeline built, run, summary), without JVM start-up.
   */
  double medianJobSeconds() {
    return median(Run::jobSeconds);
  }

  /** CPU seconds (user + system, all threads) per million events, median of the runs. */
  double medianCpuSecondsPerMillion() {
    return median(r -> r.cpuSeconds() * 1e6 / events);
  }

  /** Highest peak RSS over the runs. */
  long peakRssBytes() {
    return runs.stream().mapToLong(Run::peakRssBytes).max().orElse(0);
  }

  private double median(ToDoubleFunction<Run> f) {
    double[] v = runs.stream().filter(Run::ok).mapToDouble(f).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
