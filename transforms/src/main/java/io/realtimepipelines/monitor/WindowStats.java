package io.realtimepipelines.monitor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** Statistics of one series (source and metric) in one fixed event-time window. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "source",
  "metric",
  "unit",
  "windowStart",
  "windowEnd",
  "count",
  "ratePerSecond",
  "mean",
  "min",
  "max",
  "p50",
  "p95",
  "p99",
  "timing"
})
@AutoValue
public abstract class WindowStats {
  /** Source of the samples (cell, link, node, host). */
  public abstract String getSource();

  /** Metric name. */
  public abstract String getMetric();

  /** Unit of the samples, when they carried one (the alphabetically first if they differ). */
  public abstract @Nullable String getUnit();

  /** Window start, inclusive, UTC. */
  public abstract Instant getWindowStart();

  /** Window end, exclusive, UTC. */
  public abstract Instant getWindowEnd();

  /** Samples in the window. */
  public abstract long getCount();

  /** Samples per second of window. */
  public abstract double getRatePerSecond();

  /** Mean value. */
  public abstract double getMean();

  /** Smallest value. */
  public abstract double getMin();

  /** Largest value. */
  public abstract double getMax();

  /** Median, from the t-digest sketch. */
  public abstract double getP50();

  /** 95th percentile, from the t-digest sketch. */
  public abstract double getP95();

  /** 99th percentile, from the t-digest sketch. */
  public abstract double getP99();

  /** ON_TIME for the first result of a window, LATE for an update with late samples. */
  public abstract String getTiming();

  /** {@code source|metric}. */
  public String seriesKey() {
    return getSource() + "|" + getMetric();
  }

  public static WindowStats of(
      String source,
      String metric,
      @Nullable String unit,
      Instant windowStart,
      Instant windowEnd,
      long count,
      double mean,
      double min,
      double max,
      double p50,
      double p95,
      double p99,
      String timing) {
    double seconds = (windowEnd.getMillis() - windowStart.getMillis()) / 1000.0;
    return new AutoValue_WindowStats(
        source,
        metric,
        unit,
        windowStart,
        windowEnd,
        count,
        count / seconds,
        mean,
        min,
        max,
        p50,
        p95,
        p99,
        timing);
  }
}
