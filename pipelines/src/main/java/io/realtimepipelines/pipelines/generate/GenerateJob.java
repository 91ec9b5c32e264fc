package io.realtimepipelines.pipelines.generate;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.pipelines.Job;
import io.realtimepipelines.pipelines.Sinks;
import io.realtimepipelines.pipelines.Sources;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.kafka.EventTimes;
import io.realtimepipelines.pipelines.kafka.KafkaTopics;
import io.realtimepipelines.pipelines.options.EventTypeOptions;
import io.realtimepipelines.pipelines.options.SinkKind;
import io.realtimepipelines.pipelines.options.SinkOptions;
import io.realtimepipelines.pipelines.options.SourceKind;
import io.realtimepipelines.pipelines.options.SourceOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes synthetic events of one type as JSON Lines, for demos, tests and benchmarks: deterministic
 * under --seed, with injected anomalies and optionally bad records.
 *
 * <pre>
 * ./rtp generate --eventType=TRANSACTION --count=100000 --outputDir=/tmp/gen
 * </pre>
 */
public final class GenerateJob implements Job<GenerateJob.Options> {
  public static final String NAME = "generate";
  public static final String EVENTS = "events";

  /** Options of the generate job: the generator settings of SourceOptions, and a sink. */
  public interface Options extends SourceOptions, EventTypeOptions, SinkOptions {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "write synthetic events (with injected anomalies) as JSON Lines";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  /**
   * To Kafka: a producer in this process, so that each partition gets its events in index (so
   * event-time) order, and, with --ratePerSecond, at that rate in real time. A pipeline writes in
   * bundles, in any order and in bursts, which makes a replay of its output look late.
   */
  @Override
  public Integer runWithoutPipeline(Options options, java.io.PrintStream out) {
    if (options.getSink() != SinkKind.KAFKA) {
      return null;
    }
    options.setSource(SourceKind.GENERATOR);
    Sinks.check(options);
    Sources.check(options, options.getEventType());
    GeneratorConfig config =
        GeneratorConfig.defaults()
            .withSeed(options.getSeed())
            .withAnomalyRate(options.getAnomalyRate())
            .withBadRate(options.getBadRecordRate());
    if (options.getRatePerSecond() > 0) {
      config =
          config
              .withStart(org.joda.time.Instant.now())
              .withSteadyRate()
              .withEventTimeRate(
                  Math.min(GeneratorConfig.MAX_EVENT_TIME_RATE, options.getRatePerSecond()));
    }
    return PacedKafkaProducer.run(
        options.getEventType(),
        config,
        options.getCount(),
        options.getRatePerSecond(),
        options.getBootstrapServers(),
        options.getOutputTopicPrefix() + KafkaTopics.input(options.getEventType()),
        io.realtimepipelines.pipelines.kafka.KafkaClientConfig.load(options.getKafkaProperties()),
        keyField(options.getEventType()),
        out);
  }

  @Override
  public Pipeline build(Options options) {
    options.setSource(SourceKind.GENERATOR);
    Sinks.check(options);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<RawEvent> events =
        Sources.read(pipeline, options, options.getEventType())
            .apply("Count", ParDo.of(new CountFn()));
    String keyField = keyField(options.getEventType());
    // To Kafka: the topic the jobs read this event type from, keyed by the entity.
    Sinks.write(
        events,
        "WriteEvents",
        options,
        NAME,
        EVENTS,
        options.getOutputTopicPrefix() + KafkaTopics.input(options.getEventType()),
        e -> key(e, keyField),
        e -> new String(e.payload(), StandardCharsets.UTF_8));
    return pipeline;
  }

  /** The entity whose events should stay in order on one partition. */
  static String keyField(EventType type) {
    switch (type) {
      case TRANSACTION:
      case FEEDBACK:
        return "accountId";
      case VITAL:
        return "patientId";
      case METRIC:
        return "source";
      default:
        return "productId";
    }
  }

  /** The entity id, or the generator position for a record without one (a bad record). */
  static String key(RawEvent e, String field) {
    String id = EventTimes.stringField(e.payload(), field);
    return id != null ? id : e.sourcePosition();
  }

  @Override
  public String describeOutputs(Options options) {
    if (options.getSink() == SinkKind.KAFKA) {
      return "outputs:\n  events         topic "
          + options.getOutputTopicPrefix()
          + KafkaTopics.input(options.getEventType())
          + " on "
          + options.getBootstrapServers();
    }
    return Sinks.describe(options, NAME, EVENTS);
  }

  @Override
  public boolean report(Options options, Map<String, Long> counters, java.io.PrintStream out) {
    out.printf(
        "  generated      %,12d %s events%n",
        counters.getOrDefault("generate.events", 0L), options.getEventType().wireName());
    return true;
  }

  /** Counts the generated records (generated records are UTF-8, bad ones included). */
  static final class CountFn extends DoFn<RawEvent, RawEvent> {
    private final Counter events = Metrics.counter("rtp", "generate.events");

    @ProcessElement
    public void process(@Element RawEvent e, OutputReceiver<RawEvent> out) {
      events.inc();
      out.output(e);
    }
  }
}
