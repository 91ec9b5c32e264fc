package io.realtimepipelines.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job's live metrics, in one JVM-wide Prometheus registry that the counting points of every
 * transform and sink also feed, next to their Beam counters. Beam's own metrics are not readable
 * inside the job while it runs on every runner; these are, on Direct, embedded Flink and local
 * Spark alike, because the DoFns run in the JVM that serves them ({@code --metricsPort}).
 *
 * <p>Names follow Prometheus conventions: {@code rtp_} prefix, {@code _total} counters, seconds.
 * Labels: {@code job} (set once per JVM by {@link #setJob}), {@code stage} (an event type, an
 * ordered processor or an output), {@code code} (an error or review code), {@code action}. Nothing
 * here opens a socket: the pipelines module serves the registry.
 */
public final class JobMetrics {
  /** Upper bounds of the latency histogram, in seconds: 1 ms to 10 min. */
  private static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600
  };

  private static volatile String job = "unknown";

  /** Newest event time (epoch ms) seen at each output, keyed by job and stage. */
  private static final Map<JobStage, AtomicLong> NEWEST_OUTPUT = new ConcurrentHashMap<>();

  private record JobStage(String job, String stage) {}

  static final Counter RECORDS_IN =
      Counter.builder()
          .name("rtp_records_in_total")
          .help("Records read by a parse stage (stage = event type), valid or not")
          .labelNames("job", "stage")
          .register();
  static final Counter RECORDS_VALID =
      Counter.builder()
          .name("rtp_records_valid_total")
          .help(
              "Records that decoded and validated (duplicates among them included;"
                  + " in = valid + dead letters)")
          .labelNames("job", "stage")
          .register();
  static final Counter DEAD_LETTERS =
      Counter.builder()
          .name("rtp_dead_letters_total")
          .help("Records sent to the dead letters, by error code")
          .labelNames("job", "stage", "code")
          .register();
  static final Counter DUPLICATES =
      Counter.builder()
          .name("rtp_duplicates_total")
          .help("Valid records dropped to the duplicates output (same id within the horizon)")
          .labelNames("job", "stage")
          .register();
  static final Counter LATE =
      Counter.builder()
          .name("rtp_late_records_total")
          .help("Records that arrived behind the watermark and went to a late output")
          .labelNames("job", "stage")
          .register();
  static final Counter OUT_OF_ORDER =
      Counter.builder()
          .name("rtp_out_of_order_records_total")
          .help(
              "Records applied on arrival after a newer one of their key (fraud"
                  + " --decideOnArrival): decided from the state as it was when they arrived")
          .labelNames("job", "stage")
          .register();
  static final Counter DECISIONS =
      Counter.builder()
          .name("rtp_decisions_total")
          .help("Fraud decisions by action (APPROVE, REVIEW, BLOCK)")
          .labelNames("job", "action")
          .register();
  static final Counter PRICE_UPDATES =
      Counter.builder()
          .name("rtp_price_updates_total")
          .help("Price updates emitted")
          .labelNames("job")
          .register();
  static final Counter RECOMMENDATIONS =
      Counter.builder()
          .name("rtp_recommendations_total")
          .help("Recommendation lists emitted")
          .labelNames("job")
          .register();
  static final Counter VITALS_FLAGGED =
      Counter.builder()
          .name("rtp_vitals_flagged_total")
          .help("Vital-sign readings flagged for review, by review code")
          .labelNames("job", "code")
          .register();
  static final Counter VITALS_IMPUTED =
      Counter.builder()
          .name("rtp_vitals_imputed_total")
          .help("Vital-sign readings imputed to fill gaps")
          .labelNames("job")
          .register();
  static final Counter VITALS_ALERTS =
      Counter.builder()
          .name("rtp_vitals_alerts_total")
          .help("Early-warning (NEWS2) alerts raised")
          .labelNames("job")
          .register();
  static final Counter RECORDS_OUT =
      Counter.builder()
          .name("rtp_records_out_total")
          .help("Records written to an output (stage = output name)")
          .labelNames("job", "stage")
          .register();
  static final Histogram LATENCY =
      Histogram.builder()
          .name("rtp_end_to_end_latency_seconds")
          .help("Processing time at the output minus the record's event time")
          .labelNames("job", "stage")
          .classicOnly()
          .classicUpperBounds(LATENCY_BUCKETS)
          .register();
  static final Histogram KAFKA_LATENCY =
      Histogram.builder()
          .name("rtp_kafka_read_latency_seconds")
          .help("Processing time when a record is read minus its Kafka append (log) time")
          .labelNames("job", "topic")
          .classicOnly()
          .classicUpperBounds(LATENCY_BUCKETS)
          .register();
  static final Counter REDIS_ROUND_TRIPS =
      Counter.builder()
          .name("rtp_redis_round_trips_total")
          .help("Round trips to Redis (a pipeline of commands counts once)")
          .labelNames("job")
          .register();
  static final Counter REDIS_RETRIES =
      Counter.builder()
          .name("rtp_redis_retries_total")
          .help("Redis round trips retried after a connection error")
          .labelNames("job")
          .register();
  static final Counter REDIS_FAILURES =
      Counter.builder()
          .name("rtp_redis_failures_total")
          .help("Redis operations that failed after their retries")
          .labelNames("job")
          .register();

  static {
    GaugeWithCallback.builder()
        .name("rtp_event_time_lag_seconds")
        .help(
            "Wall clock minus the newest event time written to an output: how far the output"
                + " is behind real time (grows while a job stalls); a watermark-lag proxy")
        .labelNames("job", "stage")
        .callback(
            cb -> {
              long now = System.currentTimeMillis();
              NEWEST_OUTPUT.forEach(
                  (k, v) -> cb.call(Math.max(0, now - v.get()) / 1000.0, k.job(), k.stage()));
            })
        .register();
  }

  private JobMetrics() {}

  /** Names the job whose metrics this JVM exports (the {@code job} label). */
  public static void setJob(String name) {
    job = name;
  }

  /** The {@code job} label of this JVM's metrics. */
  public static String job() {
    return job;
  }

  /** The registry every metric here is in (the default one, also holding the JVM metrics). */
  public static PrometheusRegistry registry() {
    return PrometheusRegistry.defaultRegistry;
  }

  public static void recordIn(String stage) {
    RECORDS_IN.labelValues(job, stage).inc();
  }

  public static void recordValid(String stage) {
    RECORDS_VALID.labelValues(job, stage).inc();
  }

  public static void deadLetter(String stage, String code) {
    DEAD_LETTERS.labelValues(job, stage, code).inc();
  }

  public static void duplicate(String stage) {
    DUPLICATES.labelValues(job, stage).inc();
  }

  public static void late(String stage) {
    LATE.labelValues(job, stage).inc();
  }

  public static void outOfOrder(String stage) {
    OUT_OF_ORDER.labelValues(job, stage).inc();
  }

  public static void decision(String action) {
    DECISIONS.labelValues(job, action).inc();
  }

  public static void priceUpdate() {
    PRICE_UPDATES.labelValues(job).inc();
  }

  public static void recommendation() {
    RECOMMENDATIONS.labelValues(job).inc();
  }

  public static void vitalFlagged(String code) {
    VITALS_FLAGGED.labelValues(job, code).inc();
  }

  public static void vitalImputed() {
    VITALS_IMPUTED.labelValues(job).inc();
  }

  public static void vitalAlert() {
    VITALS_ALERTS.labelValues(job).inc();
  }

  /**
   * One record written to the output {@code stage}: counts it, observes its end-to-end latency
   * ({@code nowMillis - eventTimeMillis}, clamped at 0) and moves the output's newest event time.
   */
  public static void output(String stage, long eventTimeMillis, long nowMillis) {
    String j = job;
    RECORDS_OUT.labelValues(j, stage).inc();
    LATENCY.labelValues(j, stage).observe(Math.max(0, nowMillis - eventTimeMillis) / 1000.0);
    NEWEST_OUTPUT
        .computeIfAbsent(new JobStage(j, stage), k -> new AtomicLong(Long.MIN_VALUE))
        .accumulateAndGet(eventTimeMillis, Math::max);
  }

  /** A Kafka record read from {@code topic}, appended to its log at {@code appendMillis}. */
  public static void kafkaRead(String topic, long appendMillis, long nowMillis) {
    KAFKA_LATENCY.labelValues(job, topic).observe(Math.max(0, nowMillis - appendMillis) / 1000.0);
  }

  public static void redisRoundTrip() {
    REDIS_ROUND_TRIPS.labelValues(job).inc();
  }

  public static void redisRetry() {
    REDIS_RETRIES.labelValues(job).inc();
  }

  public static void redisFailure() {
    REDIS_FAILURES.labelValues(job).inc();
  }
}
