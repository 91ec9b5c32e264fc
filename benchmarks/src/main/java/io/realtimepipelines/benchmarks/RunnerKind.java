package io.realtimepipelines.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Beam runners of the bundled jar, with the options of a local run on {@code parallelism}
 * cores.
 */
enum RunnerKind {
  DIRECT("Direct", "DirectRunner"),
  FLINK("Flink embedded", "FlinkRunner"),
  SPARK("Spark local", "SparkRunner");

  private final String label;
  private final String runnerClass;

  RunnerKind(String label, String runnerClass) {
    this.label = label;
    this.runnerClass = runnerClass;
  }

  String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** For tables and the chart, with the parallelism, e.g. "Flink embedded (p=2)". */
  String label(int parallelism) {
    return switch (this) {
      case DIRECT -> label;
      case FLINK -> label + " (p=" + parallelism + ")";
      case SPARK -> label + "[" + parallelism + "]";
    };
  }

  /** Command-line options that select this runner. */
  List<String> jobArgs(int parallelism) {
    return switch (this) {
      // The launcher already turns off the Direct runner's immutability and encodability checks.
      case DIRECT -> List.of("--runner=" + runnerClass);
      case FLINK -> List.of("--runner=" + runnerClass, "--parallelism=" + parallelism);
      case SPARK -> List.of("--runner=" + runnerClass, "--sparkMaster=local[" + parallelism + "]");
    };
  }

  static RunnerKind fromName(String name) {
    for (RunnerKind r : values()) {
      if (r.optionName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown runner '"
            + name
            + "'; runners: "
            + Arrays.stream(values())
                .map(RunnerKind::optionName)
                .collect(Collectors.joining(", ")));
  }
}
