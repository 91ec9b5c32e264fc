package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A source of synthetic raw events of one type, for the {@code generate} command, demos and
 * benchmarks: event n is {@link EventGenerator#generate}(n) as UTF-8 JSON with source position
 * {@code generator:<n>} and its event time as element timestamp. Bounded by a count or endless,
 * optionally throttled; the same configuration always yields the same records.
 *
 * <pre>{@code
 * PCollection<RawEvent> raw =
 *     p.apply("GenerateTransactions", GenerateEvents.of(EventType.TRANSACTION)
 *         .withCount(1_000_000)
 *         .withSeed(7)
 *         .withAnomalyRate(0.02));
 * }</pre>
 */
public final class GenerateEvents extends PTransform<PBegin, PCollection<RawEvent>> {
  /** Type of events generated. */
  private final EventType type;

  /** Number of events, or null for an endless stream. */
  private final @Nullable Long count;

  /** Most events per second of processing time, or null for as fast as possible. */
  private final @Nullable Long rateLimit;

  /** Shape of the events. */
  private final GeneratorConfig config;

  private GenerateEvents(
      EventType type, @Nullable Long count, @Nullable Long rateLimit, GeneratorConfig config) {
    this.type = type;
    this.count = count;
    this.rateLimit = rateLimit;
    this.config = config;
  }

  /**
   * Endless, unthrottled events of {@code type} with {@link GeneratorConfig#defaults()}: seed 42,
   * 1% anomalies, no invalid records, 100,000 accounts, 5,000 merchants, 20,000 products, 2,000
   * patients, from 2026-11-23T00:00:00Z at 100 events/s of event time.
   */
  public static GenerateEvents of(EventType type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    return new GenerateEvents(type, null, null, GeneratorConfig.defaults());
  }

  /** Stops after {@code count} events (at least 1); the output is then bounded. */
  public GenerateEvents withCount(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    return new GenerateEvents(type, count, rateLimit, config);
  }

  /** Emits at most {@code eventsPerSecond} (at least 1) events per second of processing time. */
  public GenerateEvents withRateLimit(long eventsPerSecond) {
    if (eventsPerSecond < 1) {
      throw new IllegalArgumentException(
          "rateLimit must be at least 1 event/s, got " + eventsPerSecond);
    }
    return new GenerateEvents(type, count, eventsPerSecond, config);
  }

  /** Replaces the whole event configuration. */
  public GenerateEvents withConfig(GeneratorConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new GenerateEvents(type, count, rateLimit, config);
  }

  /** See {@link GeneratorConfig#withSeed}. */
  public GenerateEvents withSeed(long seed) {
    return withConfig(config.withSeed(seed));
  }

  /** See {@link GeneratorConfig#withAnomalyRate}. */
  public GenerateEvents withAnomalyRate(double rate) {
    return withConfig(config.withAnomalyRate(rate));
  }

  /** See {@link GeneratorConfig#withBadRate}. */
  public GenerateEvents withBadRate(double rate) {
    return withConfig(config.withBadRate(rate));
  }

  /** See {@link GeneratorConfig#withAccounts}. */
  public GenerateEvents withAccounts(int accounts) {
    return withConfig(config.withAccounts(accounts));
  }

  /** See {@link GeneratorConfig#withMerchants}. */
  public GenerateEvents withMerchants(int merchants) {
    return withConfig(config.withMerchants(merchants));
  }

  /** See {@link GeneratorConfig#withProducts}. */
  public GenerateEvents withProducts(int products) {
    return withConfig(config.withProducts(products));
  }

  /** See {@link GeneratorConfig#withPatients}. */
  public GenerateEvents withPatients(int patients) {
    return withConfig(config.withPatients(patients));
  }

  /** See {@link GeneratorConfig#withStart}. */
  public GenerateEvents withStart(Instant start) {
    return withConfig(config.withStart(start));
  }

  /** See {@link GeneratorConfig#withEventTimeRate}. */
  public GenerateEvents withEventTimeRate(double eventsPerSecond) {
    return withConfig(config.withEventTimeRate(eventsPerSecond));
  }

  public EventType getType() {
    return type;
  }

  public @Nullable Long getCount() {
    return count;
  }

  public @Nullable Long getRateLimit() {
    return rateLimit;
  }

  public GeneratorConfig getConfig() {
    return config;
  }

  @Override
  public PCollection<RawEvent> expand(PBegin input) {
    GenerateSequence indices = GenerateSequence.from(0);
    if (count != null) {
      indices = indices.to(count);
    }
    if (count == null || rateLimit != null) {
      // Unbounded read: the source's timestamps (and so its watermark) must be event time.
      indices = indices.withTimestampFn(new EventTimeOf(type, config));
    }
    if (rateLimit != null) {
      indices = indices.withRate(rateLimit, Duration.standardSeconds(1));
    }
    return input
        .apply("GenerateIndices", indices)
        .apply("BuildEvents", ParDo.of(new BuildEventFn(type, config)));
  }

  /** Event time of an index, for the source's timestamps. */
  static final class EventTimeOf implements SerializableFunction<Long, Instant> {
    private static final long serialVersionUID = 1L;

    /** Type of events to time or build. */
    private final EventType type;

    /** Shape of the events. */
    private final GeneratorConfig config;

    /** Built on the worker, not serialised. */
    private transient @Nullable EventGenerator generator;

    EventTimeOf(EventType type, GeneratorConfig config) {
      this.type = type;
      this.config = config;
    }

    @Override
    public Instant apply(Long index) {
      if (generator == null) {
        generator = EventGenerators.create(type, config);
      }
      if (index < 0) {
        // The counting source asks for the watermark before its first element (index -stride):
        // just before the first event.
        return new Instant(generator.eventTimeMillis(0) - 1);
      }
      return new Instant(generator.eventTimeMillis(index));
    }
  }

  /** Turns index n into the n-th raw event, stamped with its event time. */
  private static final class BuildEventFn extends DoFn<Long, RawEvent> {
    /** Type of events to time or build. */
    private final EventType type;

    /** Shape of the events. */
    private final GeneratorConfig config;

    /** Built on the worker, not serialised. */
    private transient @Nullable EventGenerator generator;

    BuildEventFn(EventType type, GeneratorConfig config) {
      this.type = type;
      this.config = config;
    }

    @Setup
    public void setup() {
      generator = EventGenerators.create(type, config);
    }

    @ProcessElement
    public void process(@Element Long index, OutputReceiver<RawEvent> out) {
      GeneratedEvent event = generator.generate(index);
      out.outputWithTimestamp(
          RawEvent.of(event.payload(), event.sourcePosition()), event.eventTime());
    }
  }
}
