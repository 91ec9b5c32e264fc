package io.realtimepipelines.pipelines;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.metrics.MetricsFilter.Builder;

/**
 * Progress lines and the final summary of a run, from the job's Beam counters (namespace {@code
 * rtp}): records read per event type, valid, dead letters by error code, duplicates, late data and
 * outputs, with the accounting check read = valid + dead letters + duplicates.
 */
public final class RunReport {
  private final String job;
  private final String runner;
  private final long startNanos = System.nanoTime();

  /**
   * Highest value printed so far per progress field: a runner's attempted counters can step back
   * (Flink restarting a task from a checkpoint), and a progress line must never count backwards.
   */
  private final Map<String, Long> shown = new java.util.HashMap<>();

  RunReport(String job, String runner) {
    this.job = job;
    this.runner = runner;
  }

  /**
   * All {@code rtp} counters, by name, summed over steps: the job's own accounting (public for the
   * tests that compare the metrics endpoint with it).
   */
  public static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> out = new TreeMap<>();
    try {
      Builder filter = MetricsFilter.builder();
      filter.addNameFilter(MetricNameFilter.inNamespace("rtp"));
      MetricQueryResults metrics = result.metrics().queryMetrics(filter.build());
      for (MetricResult<Long> c : metrics.getCounters()) {
        Long v = committedElseAttempted(c);
        if (v != null) {
          out.merge(c.getName().getName(), v, Long::sum);
        }
      }
    } catch (UnsupportedOperationException | IllegalStateException e) {
      // Some runners only report metrics at the end; progress then stays silent.
    }
    return out;
  }

  /**
   * The committed value where the runner reports one (Direct: work that succeeded, counted once),
   * else the attempted value (Flink and Spark in Beam 2.70 report only attempted counters: a
   * retried or recomputed step counts again, which the Spark defaults in RunnerDefaults avoid).
   */
  static Long committedElseAttempted(MetricResult<Long> c) {
    try {
      Long committed = c.getCommitted();
      if (committed != null) {
        return committed;
      }
    } catch (UnsupportedOperationException e) {
      // attempted only
    }
    return c.getAttempted();
  }

  private static long sumEndingWith(Map<String, Long> counters, String suffix) {
    long sum = 0;
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      if (e.getKey().endsWith(suffix)) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  private double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  void progress(PipelineResult result, PrintStream out) {
    Map<String, Long> c = counters(result);
    long read = atLeastShown("read", sumEndingWith(c, ".input"));
    if (read == 0) {
      return;
    }
    double s = seconds();
    out.printf(
        Locale.ROOT,
        "[%s %5.0fs] read %,d  valid %,d  dead letters %,d  duplicates %,d  %,.0f events/s%n",
        job,
        s,
        read,
        atLeastShown("valid", sumEndingWith(c, ".valid") - sumEndingWith(c, ".duplicates")),
        atLeastShown("dead", sumEndingWith(c, ".dead_letters")),
        atLeastShown("duplicates", sumEndingWith(c, ".duplicates")),
        read / Math.max(s, 1e-3));
  }

  /** {@code value}, or the highest value shown before for {@code field} if that is higher. */
  long atLeastShown(String field, long value) {
    return shown.merge(field, value, Math::max);
  }

  /** Prints the summary; returns false when the counts do not add up. */
  boolean summary(PipelineResult result, PipelineResult.State state, PrintStream out) {
    return summary(result, state, out, false);
  }

  /**
   * As above; {@code allCounters} (the launcher's {@code --verbose}) also lists every other {@code
   * rtp} counter, which the jobs' own summaries already sum up.
   */
  boolean summary(
      PipelineResult result, PipelineResult.State state, PrintStream out, boolean allCounters) {
    Map<String, Long> c = counters(result);
    double s = seconds();
    out.printf(Locale.ROOT, "%n%s %s in %.1f s on %s%n", job, state, s, runner);
    boolean balanced = true;
    Map<String, Long> other = new TreeMap<>(c);
    for (String type : eventTypes(c)) {
      long read = c.getOrDefault(type + ".input", 0L);
      long parsed = c.getOrDefault(type + ".valid", 0L);
      long dead = c.getOrDefault(type + ".dead_letters", 0L);
      long dups = c.getOrDefault(type + ".duplicates", 0L);
      out.printf(
          Locale.ROOT,
          "  %-14s %,12d records  (%,.0f records/s)%n",
          type + " read",
          read,
          read / Math.max(s, 1e-3));
      out.printf(Locale.ROOT, "  %-14s %,12d%n", "valid", parsed - dups);
      StringBuilder codes = new StringBuilder();
      for (Map.Entry<String, Long> e : c.entrySet()) {
        String prefix = type + ".dead_letters.";
        if (e.getKey().startsWith(prefix) && e.getValue() > 0) {
          codes
              .append(codes.length() == 0 ? "  (" : ", ")
              .append(e.getKey().substring(prefix.length()))
              .append(' ')
              .append(e.getValue());
        }
      }
      out.printf(
          Locale.ROOT,
          "  %-14s %,12d%s%n",
          "dead letters",
          dead,
          codes.length() == 0 ? "" : codes + ")");
      out.printf(Locale.ROOT, "  %-14s %,12d%n", "duplicates", dups);
      boolean ok = read == parsed + dead;
      balanced &= ok;
      out.printf(
          Locale.ROOT,
          "  accounting     read = valid + dead letters + duplicates: %s%n",
          ok ? "ok" : "MISMATCH (" + read + " != " + (parsed + dead) + ")");
      other.keySet().removeIf(k -> k.startsWith(type + "."));
    }
    for (Map.Entry<String, Long> e :
        allCounters ? other.entrySet() : Map.<String, Long>of().entrySet()) {
      out.printf(Locale.ROOT, "  %-28s %,12d%n", e.getKey(), e.getValue());
    }
    return balanced;
  }

  /** Event types read (windowing steps also count {@code <name>.input}: those are not types). */
  private static Iterable<String> eventTypes(Map<String, Long> counters) {
    java.util.Set<String> types = new java.util.TreeSet<>();
    for (String k : counters.keySet()) {
      if (k.endsWith(".input")
          && io.realtimepipelines.model.EventType.fromWireName(
                  k.substring(0, k.length() - ".input".length()))
              != null) {
        types.add(k.substring(0, k.length() - ".input".length()));
      }
    }
    return types;
  }
}
