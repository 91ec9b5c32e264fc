package io.realtimepipelines.monitor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/** A change of an alert's state, with the evidence of the window that caused it. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "source",
  "metric",
  "rule",
  "status",
  "stat",
  "value",
  "baseline",
  "threshold",
  "windowStart",
  "windowEnd",
  "since",
  "configVersion",
  "reason"
})
@AutoValue
public abstract class MetricAlert {
  /** Source of the series. */
  public abstract String getSource();

  /** Metric of the series. */
  public abstract String getMetric();

  /** Threshold rule name, or {@code adaptive}. */
  public abstract String getRule();

  /** The new state. */
  public abstract AlertStatus getStatus();

  /** Statistic the rule compares ({@code mean}, {@code p95}, ...). */
  public abstract String getStat();

  /** The statistic in the window that caused this change, in the metric's unit. */
  public abstract double getValue();

  /** Adaptive rule: the robust baseline (median of recent windows); null for static rules. */
  public abstract @Nullable Double getBaseline();

  /** The limit the value was compared with (the nearer one when a rule has two). */
  public abstract double getThreshold();

  /** Start of the window that caused this change, UTC. */
  public abstract Instant getWindowStart();

  /** End (exclusive) of that window, UTC. */
  public abstract Instant getWindowEnd();

  /** Start of the first breaching window of this episode, UTC. */
  public abstract Instant getSince();

  /** Version of the rules file. */
  public abstract String getConfigVersion();

  /** One sentence for the on-call person. */
  public abstract String getReason();

  /** {@code source|metric}. */
  public String seriesKey() {
    return getSource() + "|" + getMetric();
  }

  public static MetricAlert of(
      String source,
      String metric,
      String rule,
      AlertStatus status,
      String stat,
      double value,
      @Nullable Double baseline,
      double threshold,
      Instant windowStart,
      Instant windowEnd,
      Instant since,
      String configVersion,
      String reason) {
    return new AutoValue_MetricAlert(
        source,
        metric,
        rule,
        status,
        stat,
        value,
        baseline,
        threshold,
        windowStart,
        windowEnd,
        since,
        configVersion,
        reason);
  }
}
