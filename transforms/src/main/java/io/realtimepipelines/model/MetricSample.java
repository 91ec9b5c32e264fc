package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** One measurement of a metric of a network element (cell, link, node) or a server. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"source", "metric", "value", "unit", "timestamp"})
@AutoValue
public abstract class MetricSample implements Event {

  /** What was measured: a cell, link, node or host id, e.g. {@code cell-0042}. */
  public abstract String getSource();

  /** Metric name: lower case letters, digits, {@code _ . -}, e.g. {@code latency_ms}. */
  public abstract String getMetric();

  /** Measured value, a finite number in {@link #getUnit()}. */
  public abstract double getValue();

  /** Unit as sent ({@code ms}, {@code %}, {@code bytes}), when the source sent one. */
  public abstract @Nullable String getUnit();

  /** Event time (when measured), UTC. */
  public abstract Instant getTimestamp();

  /** A sample is identified by source, metric and time. */
  @Override
  public String dedupKey() {
    return getSource() + "|" + getMetric() + "@" + getTimestamp().getMillis();
  }

  @Override
  public Instant eventTime() {
    return getTimestamp();
  }

  /** The series this sample belongs to: {@code source|metric}. */
  public String seriesKey() {
    return getSource() + "|" + getMetric();
  }

  public static MetricSample of(
      String source, String metric, double value, @Nullable String unit, Instant timestamp) {
    return new AutoValue_MetricSample(source, metric, value, unit, timestamp);
  }
}
