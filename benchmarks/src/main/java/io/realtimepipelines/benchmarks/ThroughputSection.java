package io.realtimepipelines.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The throughput table: per job and runner the median events/s over the runs, its ratio to the
 * plain-Java baseline, CPU seconds per million events and peak RSS; a failed cell shows why. Then
 * the targets for fraud: Flink at least 0.25x the baseline, Direct at least 0.2x Flink.
 */
final class ThroughputSection implements ReportSection {
  static final double FLINK_TARGET = 0.25;
  static final double DIRECT_TARGET = 0.2;

  /** Issue #19: Beam on Flink within this factor of the hand-written job's CPU per event. */
  static final double REFERENCE_CPU_TARGET = 1.5;

  private final List<Cell> cells;
  private final String method;

  ThroughputSection(List<Cell> cells, String method) {
    this.cells = List.copyOf(cells);
    this.method = method;
  }

  @Override
  public String title() {
    return "Throughput";
  }

  @Override
  public String key() {
    return "throughput";
  }

  Optional<Cell> find(JobKind job, String runner) {
    return cells.stream().filter(c -> c.job() == job && c.runner().equals(runner)).findFirst();
  }

  /** Events/s of {@code cell} over those of {@code reference}; NaN when either failed. */
  static double ratio(Cell cell, Optional<Cell> reference) {
    if (!cell.ok() || reference.isEmpty() || !reference.get().ok()) {
      return Double.NaN;
    }
    return cell.medianEventsPerSecond() / reference.get().medianEventsPerSecond();
  }

  @Override
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(
        "| job | runner | events | median events/s | x baseline | CPU s per 1M events "
            + "| peak RSS MB | median wall s | median job s | runs ok |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Cell c : cells) {
      long ok = c.runs().stream().filter(Cell.Run::ok).count();
      if (c.ok()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,d | %,.0f | %s | %,.1f | %,d | %,.1f | %,.1f | %d/%d |%n",
                c.job().jobName(),
                c.label(),
                c.events(),
                c.medianEventsPerSecond(),
                c.isBaseline() ? "1" : fmtRatio(ratio(c, find(c.job(), Cell.BASELINE))),
                c.medianCpuSecondsPerMillion(),
                c.peakRssBytes() >> 20,
                c.medianWallSeconds(),
                c.medianJobSeconds(),
                ok,
                c.runs().size()));
      } else {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,d | **failed**: %s | | | %s | | | %d/%d |%n",
                c.job().jobName(),
                c.label(),
                c.events(),
                escape(c.failure()),
                c.peakRssBytes() == 0
                    ? ""
                    : String.format(Locale.ROOT, "%,d", c.peakRssBytes() >> 20),
                ok,
                c.runs().size()));
      }
    }
    md.append('\n');
    List<String> targets = targets();
    if (!targets.isEmpty()) {
      md.append("Targets of issues #6 and #19 (fraud):\n\n");
      targets.forEach(t -> md.append("- ").append(t).append('\n'));
      md.append('\n');
    }
    md.append("![events/s per job and runner](throughput.png)\n\n");
    md.append(method).append('\n');
    return md.toString();
  }

  private List<String> targets() {
    List<String> out = new ArrayList<>();
    Optional<Cell> flink = find(JobKind.FRAUD, RunnerKind.FLINK.optionName());
    Optional<Cell> direct = find(JobKind.FRAUD, RunnerKind.DIRECT.optionName());
    Optional<Cell> baseline = find(JobKind.FRAUD, Cell.BASELINE);
    if (flink.isPresent() && baseline.isPresent()) {
      out.add(
          target(
              "Flink >= " + FLINK_TARGET + "x baseline",
              ratio(flink.get(), baseline),
              FLINK_TARGET));
    }
    if (direct.isPresent() && flink.isPresent()) {
      String what = "Direct >= " + DIRECT_TARGET + "x Flink";
      double bound = direct.get().timedOutUpperBound();
      if (!Double.isNaN(bound) && flink.get().ok()) {
        double r = bound / flink.get().medianEventsPerSecond();
        out.add(
            String.format(
                Locale.ROOT,
                "%s: under %.3fx (Direct did not finish in time: under %,.0f events/s), %s",
                what,
                r,
                bound,
                r < DIRECT_TARGET ? "**miss**" : "not decided"));
      } else {
        out.add(target(what, ratio(direct.get(), flink), DIRECT_TARGET));
      }
    }
    Optional<Cell> reference = find(JobKind.FRAUD, Cell.REFERENCE);
    if (flink.isPresent() && reference.isPresent()) {
      String what =
          "Beam on Flink CPU per 1M <= "
              + REFERENCE_CPU_TARGET
              + "x the hand-written DataStream job's";
      if (!flink.get().ok() || !reference.get().ok()) {
        out.add(what + ": not measured (a run failed)");
      } else {
        double r =
            flink.get().medianCpuSecondsPerMillion() / reference.get().medianCpuSecondsPerMillion();
        out.add(
            String.format(
                Locale.ROOT,
                "%s: %.2fx, %s",
                what,
                r,
                r <= REFERENCE_CPU_TARGET ? "**pass**" : "**miss**"));
      }
    }
    return out;
  }

  private static String target(String what, double ratio, double goal) {
    if (Double.isNaN(ratio)) {
      return what + ": not measured (a run failed)";
    }
    return String.format(
        Locale.ROOT, "%s: %.3fx, %s", what, ratio, ratio >= goal ? "**pass**" : "**miss**");
  }

  private static String fmtRatio(double r) {
    return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.3f", r);
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  @Override
  public Object json() {
    List<Object> rows = new ArrayList<>();
    for (Cell c : cells) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("job", c.job().jobName());
      m.put("runner", c.runner());
      m.put("label", c.label());
      m.put("events", c.events());
      m.put("ok", c.ok());
      m.put("failure", c.failure());
      if (c.ok()) {
        m.put("medianEventsPerSecond", c.medianEventsPerSecond());
        double r = c.isBaseline() ? 1.0 : ratio(c, find(c.job(), Cell.BASELINE));
        m.put("ratioToBaseline", Double.isNaN(r) ? null : r);
        m.put("medianCpuSecondsPerMillionEvents", c.medianCpuSecondsPerMillion());
        m.put("medianWallSeconds", c.medianWallSeconds());
        m.put("medianJobSeconds", c.medianJobSeconds());
      }
      m.put("peakRssBytes", c.peakRssBytes());
      m.put("runs", c.runs());
      rows.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cells", rows);
    out.put("targets", targets());
    return out;
  }
}
