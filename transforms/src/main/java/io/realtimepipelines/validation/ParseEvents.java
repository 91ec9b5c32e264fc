package io.realtimepipelines.validation;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.TransactionCoder;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Parses and validates raw records of one event type. Valid events come out stamped with their
 * event time; records that break the contract become {@link DeadLetter}s; repeats of an event id
 * within the deduplication horizon go to the duplicates output. Nothing is dropped: input = valid +
 * dead letters + duplicates, and Beam counters {@code rtp/<type>.*} count each.
 *
 * <pre>{@code
 * ParseResult<Transaction> parsed =
 *     raw.apply("ParseTransactions", ParseEvents.<Transaction>of(EventType.TRANSACTION)
 *         .withDedupHorizon(Duration.standardMinutes(10))
 *         .withPipelineInfo("fraud", "1.0.0"));
 * }</pre>
 *
 * <p>Events are coded with their type's hand-written coder when it has one ({@link
 * TransactionCoder}), else with their schema coder. To apply a schema transform to transactions,
 * first copy them into a collection coded with the schema coder from the schema registry.
 */
@AutoValue
public abstract class ParseEvents<T extends Event>
    extends PTransform<PCollection<RawEvent>, ParseResult<T>> {

  /** Metric namespace of all counters of this project. */
  public static final String METRICS_NAMESPACE = "rtp";

  public static final Duration DEFAULT_DEDUP_HORIZON = Duration.standardMinutes(10);

  /** Keys the event ids are spread over for deduplication by default (its parallelism limit). */
  public static final int DEDUP_SHARDS = 128;

  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.standardDays(1);

  abstract EventType getType();

  abstract Duration getDedupHorizon();

  abstract int getMaxPayloadBytes();

  abstract Duration getMaxFutureSkew();

  abstract String getPipelineName();

  abstract String getPipelineVersion();

  abstract int getKeyShards();

  abstract Builder<T> toBuilder();

  @AutoValue.Builder
  abstract static class Builder<T extends Event> {
    abstract Builder<T> setType(EventType type);

    abstract Builder<T> setDedupHorizon(Duration horizon);

    abstract Builder<T> setMaxPayloadBytes(int bytes);

    abstract Builder<T> setMaxFutureSkew(Duration skew);

    abstract Builder<T> setPipelineName(String name);

    abstract Builder<T> setPipelineVersion(String version);

    abstract Builder<T> setKeyShards(int shards);

    abstract ParseEvents<T> build();
  }

  /** Parses records of {@code type}, with a 10-minute dedup horizon and a 256 KiB size limit. */
  public static <T extends Event> ParseEvents<T> of(EventType type) {
    checkArgumentNotNull(type, "type must not be null");
    return new AutoValue_ParseEvents.Builder<T>()
        .setType(type)
        .setDedupHorizon(DEFAULT_DEDUP_HORIZON)
        .setMaxPayloadBytes(DEFAULT_MAX_PAYLOAD_BYTES)
        .setMaxFutureSkew(DEFAULT_MAX_FUTURE_SKEW)
        .setPipelineName(DeadLetters.UNNAMED_PIPELINE)
        .setPipelineVersion("dev")
        .setKeyShards(DEDUP_SHARDS)
        .build();
  }

  /**
   * How long (in event time, after the last copy seen) an event id is remembered to catch repeats.
   * {@link Duration#ZERO} turns deduplication off.
   */
  public ParseEvents<T> withDedupHorizon(Duration horizon) {
    if (horizon == null || horizon.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(
          "dedupHorizon must be zero (off) or positive, got " + horizon);
    }
    return toBuilder().setDedupHorizon(horizon).build();
  }

  /** Records larger than this become PAYLOAD_TOO_LARGE dead letters (1 KiB to 16 MiB). */
  public ParseEvents<T> withMaxPayloadBytes(int bytes) {
    if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be between 1024 and 16777216, got " + bytes);
    }
    return toBuilder().setMaxPayloadBytes(bytes).build();
  }

  /** Event times further than this ahead of processing time are TIMESTAMP_OUT_OF_RANGE. */
  public ParseEvents<T> withMaxFutureSkew(Duration skew) {
    if (skew == null || skew.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("maxFutureSkew must be zero or positive, got " + skew);
    }
    return toBuilder().setMaxFutureSkew(skew).build();
  }

  /**
   * How many runner keys the event ids are spread over for deduplication (1 to 65,536; default
   * {@link #DEDUP_SHARDS}): a few times the job's parallelism; on the Direct runner, which pays per
   * runner key, a handful is fastest. Which events are duplicates does not depend on it.
   */
  public ParseEvents<T> withKeyShards(int shards) {
    if (shards < 1 || shards > 65_536) {
      throw new IllegalArgumentException("keyShards must be between 1 and 65536, got " + shards);
    }
    return toBuilder().setKeyShards(shards).build();
  }

  /** Name and version of the job, written into every dead letter. */
  public ParseEvents<T> withPipelineInfo(String name, String version) {
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      throw new IllegalArgumentException(
          "pipeline name and version must be non-blank, got '" + name + "', '" + version + "'");
    }
    return toBuilder().setPipelineName(name).setPipelineVersion(version).build();
  }

  @Override
  @SuppressWarnings("unchecked")
  public ParseResult<T> expand(PCollection<RawEvent> input) {
    EventType type = getType();
    Class<T> clazz = (Class<T>) type.eventClass();
    Coder<T> eventCoder;
    Coder<DeadLetter> deadLetterCoder;
    try {
      eventCoder = eventCoder(input.getPipeline(), clazz);
      deadLetterCoder = input.getPipeline().getSchemaRegistry().getSchemaCoder(DeadLetter.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("event type " + clazz + " has no schema", e);
    }
    String stage = "Parse" + camel(type.wireName());
    TupleTag<T> validTag = new TupleTag<>("valid");
    TupleTag<KV<Integer, T>> keyedTag = new TupleTag<>("validByIdShard");
    TupleTag<DeadLetter> deadTag = new TupleTag<>("deadLetters");
    Duration dedupHorizon = getDedupHorizon();
    // With deduplication the parser keys each event by its id shard itself: a separate keying step
    // would hold the watermark once more on Flink (see ApplyInEventTimeOrder#onRunnerKeys).
    int shards = dedupHorizon.equals(Duration.ZERO) ? 0 : getKeyShards();
    PCollectionTuple decoded =
        input.apply(
            stage,
            ParDo.of(
                    new DecodeFn<T>(
                        new RecordDecoder<>(type, getMaxPayloadBytes(), getMaxFutureSkew()),
                        new DeadLetters(getPipelineName(), getPipelineVersion()),
                        stage,
                        shards,
                        validTag,
                        keyedTag,
                        deadTag))
                .withOutputTags(validTag, TupleTagList.of(keyedTag).and(deadTag)));
    PCollection<T> parsed = decoded.get(validTag).setCoder(eventCoder);
    PCollection<KV<Integer, T>> keyed =
        decoded.get(keyedTag).setCoder(KvCoder.of(VarIntCoder.of(), eventCoder));
    PCollection<DeadLetter> deadLetters = decoded.get(deadTag).setCoder(deadLetterCoder);

    TupleTag<T> uniqueTag = new TupleTag<>("unique");
    TupleTag<T> duplicateTag = new TupleTag<>("duplicates");
    PCollection<T> unique;
    PCollection<T> duplicates;
    if (shards == 0) {
      unique = parsed;
      duplicates =
          input
              .getPipeline()
              .apply("NoDuplicates", org.apache.beam.sdk.transforms.Create.empty(eventCoder));
    } else {
      PCollectionTuple deduped =
          keyed.apply(
              "Deduplicate",
              ParDo.of(new DedupFn<T>(type, dedupHorizon, uniqueTag, duplicateTag))
                  .withOutputTags(uniqueTag, TupleTagList.of(duplicateTag)));
      unique = deduped.get(uniqueTag).setCoder(eventCoder);
      duplicates = deduped.get(duplicateTag).setCoder(eventCoder);
    }
    return new ParseResult<>(
        input.getPipeline(), validTag, unique, deadTag, deadLetters, duplicateTag, duplicates);
  }

  /**
   * The event type's hand-written coder when it has one ({@link TransactionCoder}), else its schema
   * coder: the schema coder converts every element to a {@code Row} and back.
   */
  @SuppressWarnings("unchecked")
  private static <T> Coder<T> eventCoder(Pipeline pipeline, Class<T> clazz)
      throws NoSuchSchemaException {
    if (clazz == Transaction.class) {
      return (Coder<T>) TransactionCoder.of();
    }
    return pipeline.getSchemaRegistry().getSchemaCoder(clazz);
  }

  private static String camel(String wireName) {
    StringBuilder sb = new StringBuilder();
    for (String part : wireName.split("_")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }

  /**
   * Decodes each record; counts input, valid and dead letters per error code. With {@code shards}
   * above 0 a valid event goes out keyed by its id shard, for deduplication; else as it is.
   */
  static final class DecodeFn<T extends Event> extends DoFn<RawEvent, T> {
    private final RecordDecoder<T> decoder;
    private final DeadLetters deadLetters;
    private final String stage;
    private final int shards;
    private final TupleTag<T> validTag;
    private final TupleTag<KV<Integer, T>> keyedTag;
    private final TupleTag<DeadLetter> deadTag;
    private final Counter inputCount;
    private final Counter validCount;
    private final Counter deadCount;
    private transient Map<ErrorCode, Counter> perCode;

    DecodeFn(
        RecordDecoder<T> decoder,
        DeadLetters deadLetters,
        String stage,
        int shards,
        TupleTag<T> validTag,
        TupleTag<KV<Integer, T>> keyedTag,
        TupleTag<DeadLetter> deadTag) {
      this.decoder = decoder;
      this.deadLetters = deadLetters;
      this.stage = stage;
      this.shards = shards;
      this.validTag = validTag;
      this.keyedTag = keyedTag;
      this.deadTag = deadTag;
      String type = decoder.type().wireName();
      this.inputCount = Metrics.counter(METRICS_NAMESPACE, type + ".input");
      this.validCount = Metrics.counter(METRICS_NAMESPACE, type + ".valid");
      this.deadCount = Metrics.counter(METRICS_NAMESPACE, type + ".dead_letters");
    }

    @Setup
    public void setup() {
      perCode = new EnumMap<>(ErrorCode.class);
      for (ErrorCode code : ErrorCode.values()) {
        perCode.put(
            code,
            Metrics.counter(
                METRICS_NAMESPACE, decoder.type().wireName() + ".dead_letters." + code.name()));
      }
    }

    @ProcessElement
    public void process(@Element RawEvent raw, MultiOutputReceiver out) {
      inputCount.inc();
      JobMetrics.recordIn(decoder.type().wireName());
      Instant now = Instant.now();
      ErrorCode code;
      String field;
      String message;
      try {
        if (raw.isTruncated()) {
          throw decoder.tooLarge(raw.originalBytes());
        }
        @SuppressWarnings("unchecked")
        T event = (T) decoder.decode(raw.payload(), now).withSourcePosition(raw.sourcePosition());
        // Keyed before it is counted valid: an event whose key cannot be computed is a dead letter
        // and counted as one only.
        int shard = shards > 0 ? Math.floorMod(event.dedupKey().hashCode(), shards) : 0;
        validCount.inc();
        JobMetrics.recordValid(decoder.type().wireName());
        if (shards > 0) {
          out.get(keyedTag).outputWithTimestamp(KV.of(shard, event), event.eventTime());
        } else {
          out.get(validTag).outputWithTimestamp(event, event.eventTime());
        }
        return;
      } catch (ValidationException e) {
        code = e.code();
        field = e.field();
        message = e.getMessage();
      } catch (RuntimeException e) {
        // A bug in a parser must not stop the pipeline or lose the record.
        code = ErrorCode.PROCESSING_ERROR;
        field = null;
        message = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      deadCount.inc();
      perCode.get(code).inc();
      JobMetrics.deadLetter(decoder.type().wireName(), code.name());
      out.get(deadTag)
          .output(
              deadLetters.create(decoder.type().wireName(), raw, stage, code, field, message, now));
    }

    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      // Events are re-stamped from the source's time (e.g. Kafka append time) back to their own
      // event time, which can be earlier; lateness is judged downstream, not here.
      return Duration.millis(Long.MAX_VALUE);
    }
  }

  /**
   * Passes the first copy of each event id and routes repeats to the duplicates output. Ids are
   * spread over a few keys ({@link #withKeyShards}), each remembering its ids' fingerprints in
   * buckets by expiry ({@link SeenIds}), so that the runner handles a few keys instead of one per
   * event id and a checkpoint copies a key's ids as arrays of longs. An id is forgotten once the
   * watermark passes the newest copy's event time plus the horizon, rounded up to a tenth of the
   * horizon (at least a second), when a sweep drops that bucket: it is remembered for at least the
   * horizon and at most 1.1 times it.
   */
  static final class DedupFn<T extends Event> extends DoFn<KV<Integer, T>, T> {
    private final long horizonMillis;
    private final long sweepMillis;
    private final TupleTag<T> uniqueTag;
    private final TupleTag<T> duplicateTag;
    private final Counter duplicateCount;
    private final String stage;

    @StateId("ids")
    private final StateSpec<ValueState<SeenIds>> idsSpec =
        StateSpecs.value(SeenIds.SeenIdsCoder.of());

    /**
     * Where releases before {@link SeenIds} kept the ids (id to expiry): read once per key when a
     * job is restarted from such a savepoint, moved into {@code ids} and cleared.
     */
    @StateId("seen")
    private final StateSpec<MapState<String, Long>> legacySpec =
        StateSpecs.map(StringUtf8Coder.of(), VarLongCoder.of());

    @StateId("sweepAt")
    private final StateSpec<ValueState<Long>> sweepAtSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("sweep")
    private final TimerSpec sweepSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    DedupFn(EventType type, Duration horizon, TupleTag<T> uniqueTag, TupleTag<T> duplicateTag) {
      this.horizonMillis = horizon.getMillis();
      this.sweepMillis = Math.max(1000, horizonMillis / 10);
      this.uniqueTag = uniqueTag;
      this.duplicateTag = duplicateTag;
      this.duplicateCount = Metrics.counter(METRICS_NAMESPACE, type.wireName() + ".duplicates");
      this.stage = type.wireName();
    }

    private long roundUp(long millis) {
      long r = Math.floorMod(millis, sweepMillis);
      return r == 0 ? millis : millis - r + sweepMillis;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, T> element,
        @StateId("ids") ValueState<SeenIds> ids,
        @StateId("seen") MapState<String, Long> legacy,
        @StateId("sweepAt") ValueState<Long> sweepAt,
        @TimerId("sweep") Timer sweep,
        MultiOutputReceiver out) {
      T event = element.getValue();
      long[] fingerprint = SeenIds.fingerprint(event.dedupKey());
      long at = roundUp(event.eventTime().getMillis() + horizonMillis);
      SeenIds seen = ids.read();
      if (seen == null) {
        seen = fromLegacy(legacy);
      }
      long known = seen.latest(fingerprint);
      if (known == Long.MIN_VALUE) {
        out.get(uniqueTag).output(event);
      } else {
        duplicateCount.inc();
        JobMetrics.duplicate(stage);
        out.get(duplicateTag).output(event);
      }
      if (at > known) {
        seen.add(fingerprint, at);
      }
      ids.write(seen);
      Long scheduled = sweepAt.read();
      if (scheduled == null || at < scheduled) {
        sweepAt.write(at);
        sweep.set(new Instant(at));
      }
    }

    /** The ids a release before {@link SeenIds} remembered for this key (usually none). */
    private SeenIds fromLegacy(MapState<String, Long> legacy) {
      SeenIds seen = new SeenIds();
      boolean any = false;
      for (Map.Entry<String, Long> e : legacy.entries().read()) {
        seen.add(SeenIds.fingerprint(e.getKey()), roundUp(e.getValue()));
        any = true;
      }
      if (any) {
        legacy.clear();
      }
      return seen;
    }

    @OnTimer("sweep")
    public void onSweep(
        OnTimerContext context,
        @StateId("ids") ValueState<SeenIds> ids,
        @StateId("seen") MapState<String, Long> legacy,
        @StateId("sweepAt") ValueState<Long> sweepAt,
        @TimerId("sweep") Timer sweep) {
      long now = context.fireTimestamp().getMillis();
      SeenIds seen = ids.read();
      if (seen == null) {
        seen = fromLegacy(legacy);
      }
      seen.forgetUpTo(now);
      long next = seen.nextForget();
      if (next == Long.MAX_VALUE) {
        ids.clear();
        sweepAt.clear();
      } else {
        ids.write(seen);
        long at = Math.max(next, now + sweepMillis);
        sweepAt.write(at);
        sweep.set(new Instant(at));
      }
    }
  }
}
