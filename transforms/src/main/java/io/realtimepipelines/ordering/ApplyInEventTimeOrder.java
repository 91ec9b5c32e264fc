package io.realtimepipelines.ordering;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.metrics.JobMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Applies each key's events to its state in event-time order, whatever order they arrive in: events
 * are buffered per key until the watermark passes them (plus the allowed lateness), then sorted and
 * applied. An event older than one its key already applied is late: it goes to the late output
 * unchanged and is counted ({@code rtp/<name>.late}), unless the processor applies such events
 * anyway. The key's state is dropped after the processor's TTL without events.
 *
 * <p>This is what makes stateful jobs deterministic: given the same events, any runner, any
 * parallelism and any arrival order give the same outputs as a one-thread pass in event-time order.
 * {@link #onArrival()} gives that up for latency on live streams: events are applied as they
 * arrive. Needs event-time timers (Spark: batch only, at Beam 2.70).
 *
 * <p><b>Runner keys.</b> By default each key is its own runner key. {@link #withShards(int)}
 * spreads the keys over a fixed number of runner keys instead, each holding its keys' states in a
 * map: results are the same, but a runner that pays per key and per timer round (the Direct runner
 * handles each key's timers as a separate bundle) does a few hundred units of work instead of one
 * per key. On a cluster use at least a few times the job's parallelism. A producer that computes
 * the runner keys itself saves a step: {@link #onRunnerKeys()}. Live, with much state, 0 can be
 * faster: while Flink's heap state backend writes a checkpoint, the first access to a runner key
 * copies that key's whole map on the processing thread (fraud on arrival at 2,000/s: p99 135 ms
 * with 128, 78 ms with 0; BENCHMARKS.md, "Checkpoints copy whole runner keys").
 *
 * <p><b>Latency.</b> On a live stream an event is applied as soon as the watermark passes it. When
 * a flush fires more than 10 s of event time behind the clock (a bounded input, a replay, a
 * backlog), the next flush of that runner key waits for the newest waiting event instead (but not
 * for one stamped after the clock), so a watermark jump applies a whole buffer in one more round,
 * not one round per distinct event time (timers fire in timestamp order, so an earlier timer always
 * runs first). Results are the same either way.
 *
 * <pre>{@code
 * OrderedResult<StageEvent, StageEvent> scored =
 *     byAccount.apply("AccountStage",
 *         ApplyInEventTimeOrder.of(processor, outputCoder).withAllowedLateness(Duration.ZERO));
 * }</pre>
 */
@AutoValue
public abstract class ApplyInEventTimeOrder<E, S, O>
    extends PTransform<PCollection<KV<String, E>>, OrderedResult<E, O>> {
  /** Most runner keys {@link #withShards(int)} accepts. */
  public static final int MAX_SHARDS = 1 << 16;

  abstract KeyedProcessor<E, S, O> getProcessor();

  abstract Coder<O> getOutputCoder();

  abstract Duration getAllowedLateness();

  abstract int getShards();

  abstract boolean getOnArrival();

  abstract Builder<E, S, O> toBuilder();

  @AutoValue.Builder
  abstract static class Builder<E, S, O> {
    abstract Builder<E, S, O> setProcessor(KeyedProcessor<E, S, O> processor);

    abstract Builder<E, S, O> setOutputCoder(Coder<O> outputCoder);

    abstract Builder<E, S, O> setAllowedLateness(Duration lateness);

    abstract Builder<E, S, O> setShards(int shards);

    abstract Builder<E, S, O> setOnArrival(boolean onArrival);

    abstract ApplyInEventTimeOrder<E, S, O> build();
  }

  /** Runs {@code processor} per key; {@code outputCoder} encodes what it emits. */
  public static <E, S, O> ApplyInEventTimeOrder<E, S, O> of(
      KeyedProcessor<E, S, O> processor, Coder<O> outputCoder) {
    if (processor == null || outputCoder == null) {
      throw new IllegalArgumentException("processor and outputCoder must not be null");
    }
    return new AutoValue_ApplyInEventTimeOrder.Builder<E, S, O>()
        .setProcessor(processor)
        .setOutputCoder(outputCoder)
        .setAllowedLateness(Duration.ZERO)
        .setShards(0)
        .setOnArrival(false)
        .build();
  }

  /** How long after the watermark an event waits for older ones (0 to 1 hour). */
  public ApplyInEventTimeOrder<E, S, O> withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return toBuilder().setAllowedLateness(lateness).build();
  }

  /**
   * Spreads the keys over {@code shards} runner keys (1 to {@link #MAX_SHARDS}), or 0 for one
   * runner key per key (the default). See the class documentation.
   */
  public ApplyInEventTimeOrder<E, S, O> withShards(int shards) {
    if (shards < 0 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException(
          "shards must be between 0 (one per key) and " + MAX_SHARDS + ", got " + shards);
    }
    return toBuilder().setShards(shards).build();
  }

  /**
   * Applies each event as soon as it arrives, in arrival order per key, instead of waiting for the
   * watermark: no buffer, no flush timer, no watermark hold, so outputs come a bundle after their
   * input rather than a watermark round later. The price: outputs depend on the arrival order. An
   * event older than one its key already applied is applied anyway (never late) and counted ({@code
   * rtp/<name>.out_of_order}); with events that arrive in event-time order per key the outputs are
   * those of the ordered transform. States still expire after the processor's TTL. The allowed
   * lateness is ignored. For live streams whose per-key order the source keeps (a Kafka topic keyed
   * by the same key); measured in BENCHMARKS.md, "Deciding on arrival".
   */
  public ApplyInEventTimeOrder<E, S, O> onArrival() {
    return toBuilder().setOnArrival(true).build();
  }

  /** The runner key of {@code key} with {@code shards} runner keys (0: the key itself). */
  public static String runnerKey(String key, int shards) {
    if (shards == 0) {
      return key;
    }
    int h = key.hashCode() * 0x9E3779B9;
    return Integer.toString(Math.floorMod(h ^ (h >>> 16), shards));
  }

  @Override
  @SuppressWarnings("unchecked")
  public OrderedResult<E, O> expand(PCollection<KV<String, E>> input) {
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalArgumentException("input must have a KvCoder, got " + input.getCoder());
    }
    KvCoder<String, E> entryCoder = (KvCoder<String, E>) input.getCoder();
    int n = getShards();
    PCollection<KV<String, KV<String, E>>> byRunnerKey =
        input
            .apply(
                "ToRunnerKeys",
                MapElements.into(new TypeDescriptor<KV<String, KV<String, E>>>() {})
                    .via((KV<String, E> kv) -> KV.of(runnerKey(kv.getKey(), n), kv)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), entryCoder));
    return applyInOrder(byRunnerKey, entryCoder);
  }

  /**
   * The same transform for an input its producer already keyed by runner key: each element is
   * {@code KV.of(runnerKey(key, shards), KV.of(key, event))}, with the shards given to {@link
   * #withShards(int)} (see {@link #runnerKey}). Results are the same; the input step that computes
   * runner keys is left out.
   *
   * <p>Why a producer would do that itself: on the Flink runner (Beam 2.70) every step on the way
   * holds the watermark until its bundle ends, up to 15 ms with the launcher's 10 ms bundles, and
   * this transform applies events only once the watermark has passed them. A keyed stage whose
   * processor emits the next stage's runner-keyed input makes a chain of stages one step per hop:
   * see BENCHMARKS.md, "Fewer steps on the watermark's path".
   */
  public PTransform<PCollection<KV<String, KV<String, E>>>, OrderedResult<E, O>> onRunnerKeys() {
    return new OnRunnerKeys<>(this);
  }

  /** See {@link #onRunnerKeys()}. */
  private static final class OnRunnerKeys<E, S, O>
      extends PTransform<PCollection<KV<String, KV<String, E>>>, OrderedResult<E, O>> {
    private final ApplyInEventTimeOrder<E, S, O> spec;

    OnRunnerKeys(ApplyInEventTimeOrder<E, S, O> spec) {
      this.spec = spec;
    }

    @Override
    @SuppressWarnings("unchecked")
    public OrderedResult<E, O> expand(PCollection<KV<String, KV<String, E>>> input) {
      Coder<KV<String, KV<String, E>>> coder = input.getCoder();
      if (!(coder instanceof KvCoder)
          || !(((KvCoder<String, KV<String, E>>) coder).getValueCoder() instanceof KvCoder)) {
        throw new IllegalArgumentException(
            "input must have a KvCoder of (runner key, KvCoder of (key, event)), got " + coder);
      }
      return spec.applyInOrder(
          input, (KvCoder<String, E>) ((KvCoder<String, KV<String, E>>) coder).getValueCoder());
    }
  }

  private OrderedResult<E, O> applyInOrder(
      PCollection<KV<String, KV<String, E>>> byRunnerKey, KvCoder<String, E> entryCoder) {
    TupleTag<O> outputTag = new TupleTag<>("output");
    TupleTag<E> lateTag = new TupleTag<>("late");
    PCollectionTuple out =
        byRunnerKey.apply(
            "ApplyInOrder",
            ParDo.of(
                    new OrderedFn<>(
                        getProcessor(),
                        entryCoder,
                        getAllowedLateness(),
                        getOnArrival(),
                        lateTag,
                        outputTag))
                .withOutputTags(outputTag, TupleTagList.of(lateTag)));
    return new OrderedResult<>(
        byRunnerKey.getPipeline(),
        outputTag,
        out.get(outputTag).setCoder(getOutputCoder()),
        lateTag,
        out.get(lateTag).setCoder(entryCoder.getValueCoder()));
  }

  /** A flush this far (event time) behind the clock is catching up rather than live. */
  static final long CATCHING_UP_MILLIS = 10_000;

  /**
   * The event time the next flush of a runner key waits for (before the allowed lateness), given
   * its oldest waiting event, its newest one not stamped after the clock ({@code Long.MIN_VALUE} if
   * none) and the event time of the flush that just fired. Live, the oldest: each event as soon as
   * the watermark passes it. Catching up, the newest, so that a watermark jump applies the whole
   * buffer in one more round; but not one stamped after the clock (a producer with a fast clock, up
   * to the parser's future-skew limit, a day by default), which would hold back every other event
   * of its runner key until the clock reached it. Such an event then waits alone, as it would live.
   */
  static long nextFlushAt(long oldest, long newestNotAfterNow, long firedAt, long nowMillis) {
    if (nowMillis - firedAt < CATCHING_UP_MILLIS) {
      return oldest;
    }
    return Math.max(oldest, newestNotAfterNow);
  }

  /** Timers cannot be set beyond the global window's end. */
  private static final long MAX_TIMER = GlobalWindow.INSTANCE.maxTimestamp().getMillis();

  /**
   * Per runner key: the buffered events with their keys, and per key its state and the event time
   * of its newest applied event.
   */
  static final class OrderedFn<E, S, O> extends DoFn<KV<String, KV<String, E>>, O> {
    private final KeyedProcessor<E, S, O> processor;
    private final long latenessMillis;
    private final boolean onArrival;
    private final long sweepMillis;
    private final TupleTag<E> lateTag;
    private final TupleTag<O> outputTag;
    private final Counter late;
    private final Counter outOfOrder;

    @StateId("buffer")
    private final StateSpec<BagState<KV<String, E>>> bufferSpec;

    @StateId("states")
    private final StateSpec<MapState<String, S>> statesSpec;

    /** Per key, the event time (ms) of the newest event applied: older ones are late. */
    @StateId("frontiers")
    private final StateSpec<MapState<String, Long>> frontiersSpec =
        StateSpecs.map(StringUtf8Coder.of(), VarLongCoder.of());

    /** Event time (ms) of the oldest buffered event, which the flush timer holds. */
    @StateId("pending")
    private final StateSpec<ValueState<Long>> pendingSpec = StateSpecs.value(VarLongCoder.of());

    /** When the sweep timer is set for, if it is. */
    @StateId("sweepAt")
    private final StateSpec<ValueState<Long>> sweepAtSpec = StateSpecs.value(VarLongCoder.of());

    /** Fires when the watermark passes the buffered events: see the class documentation. */
    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    /** Drops the states of keys idle for longer than the TTL. */
    @TimerId("sweep")
    private final TimerSpec sweepSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    OrderedFn(
        KeyedProcessor<E, S, O> processor,
        KvCoder<String, E> entryCoder,
        Duration lateness,
        boolean onArrival,
        TupleTag<E> lateTag,
        TupleTag<O> outputTag) {
      this.processor = processor;
      this.latenessMillis = lateness.getMillis();
      this.onArrival = onArrival;
      // A key's state lives for at least the TTL and at most 1.1 times it.
      this.sweepMillis = Math.max(1000, Math.min(processor.ttlMillis() / 10, MAX_TIMER / 4));
      this.lateTag = lateTag;
      this.outputTag = outputTag;
      this.bufferSpec = StateSpecs.bag(entryCoder);
      this.statesSpec = StateSpecs.map(StringUtf8Coder.of(), processor.stateCoder());
      this.late = Metrics.counter("rtp", processor.name() + ".late");
      this.outOfOrder = Metrics.counter("rtp", processor.name() + ".out_of_order");
    }

    @ProcessElement
    public void process(
        @Element KV<String, KV<String, E>> element,
        @StateId("buffer") BagState<KV<String, E>> buffer,
        @StateId("states") MapState<String, S> states,
        @StateId("frontiers") MapState<String, Long> frontiers,
        @StateId("pending") ValueState<Long> pending,
        @StateId("sweepAt") ValueState<Long> sweepAt,
        @TimerId("flush") Timer flush,
        @TimerId("sweep") Timer sweep,
        MultiOutputReceiver out) {
      KV<String, E> entry = element.getValue();
      String key = entry.getKey();
      E e = entry.getValue();
      long ts = processor.timestamp(e);
      Long applied = frontiers.get(key).read();
      if (onArrival) {
        applyOnArrival(key, e, ts, applied, states, frontiers, sweepAt, sweep, out);
        return;
      }
      if (applied != null && ts < applied) {
        if (processor.applyWhenLate(e)) {
          S s = current(states.get(key).read(), ts);
          processor.apply(s, e, o -> out.get(outputTag).output(o));
          states.put(key, s);
        } else {
          late.inc();
          JobMetrics.late(processor.name());
          out.get(lateTag).output(e);
        }
        return;
      }
      buffer.add(entry);
      Long oldest = pending.read();
      if (oldest == null || ts < oldest) {
        // The flush timer always holds the watermark at the oldest buffered event.
        pending.write(ts);
        flush.withOutputTimestamp(new Instant(ts)).set(new Instant(ts + latenessMillis));
      }
    }

    /** See {@link ApplyInEventTimeOrder#onArrival()}. */
    private void applyOnArrival(
        String key,
        E e,
        long ts,
        Long applied,
        MapState<String, S> states,
        MapState<String, Long> frontiers,
        ValueState<Long> sweepAt,
        Timer sweep,
        MultiOutputReceiver out) {
      if (applied != null && ts < applied) {
        outOfOrder.inc();
        JobMetrics.outOfOrder(processor.name());
      }
      S s = current(states.get(key).read(), ts);
      processor.apply(s, e, o -> out.get(outputTag).output(o));
      states.put(key, s);
      if (applied == null || ts > applied) {
        frontiers.put(key, ts);
      }
      long expiry = expiry(s, ts);
      if (sweepAt.read() == null && expiry < MAX_TIMER) {
        long at = roundUp(expiry);
        sweepAt.write(at);
        sweep.set(new Instant(at));
      }
    }

    /**
     * Outputs carry their event's time, which can be older than the timer that emits them; the
     * flush timer's hold keeps the watermark behind them, so they are never late downstream.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }

    /** Applies, in event-time order, every buffered event the watermark has passed. */
    @OnTimer("flush")
    public void onFlush(
        OnTimerContext context,
        @StateId("buffer") BagState<KV<String, E>> buffer,
        @StateId("states") MapState<String, S> states,
        @StateId("frontiers") MapState<String, Long> frontiers,
        @StateId("pending") ValueState<Long> pending,
        @StateId("sweepAt") ValueState<Long> sweepAt,
        @TimerId("flush") Timer flush,
        @TimerId("sweep") Timer sweep) {
      long due = context.fireTimestamp().getMillis() - latenessMillis;
      List<KV<String, E>> ready = new ArrayList<>();
      List<KV<String, E>> waiting = new ArrayList<>();
      for (KV<String, E> entry : buffer.read()) {
        (processor.timestamp(entry.getValue()) <= due ? ready : waiting).add(entry);
      }
      if (ready.isEmpty()) {
        // Not expected (the timer is never earlier than every buffered event), but a buffer must
        // never be left without a timer.
        rearm(waiting, pending, flush, context.fireTimestamp().getMillis());
        return;
      }
      ready.sort(
          (a, b) -> {
            int c =
                Long.compare(processor.timestamp(a.getValue()), processor.timestamp(b.getValue()));
            return c != 0 ? c : processor.compare(a.getValue(), b.getValue());
          });
      Map<String, S> touched = new HashMap<>();
      Map<String, Long> newest = new HashMap<>();
      for (KV<String, E> entry : ready) {
        String key = entry.getKey();
        E e = entry.getValue();
        long ts = processor.timestamp(e);
        S s = touched.get(key);
        s = s == null ? current(states.get(key).read(), ts) : fresh(s, ts);
        touched.put(key, s);
        newest.put(key, ts); // ready is sorted: the last one is the newest
        Instant at = new Instant(ts);
        processor.apply(s, e, o -> context.outputWithTimestamp(o, at));
      }
      long firstExpiry = Long.MAX_VALUE;
      for (Map.Entry<String, S> t : touched.entrySet()) {
        states.put(t.getKey(), t.getValue());
        frontiers.put(t.getKey(), newest.get(t.getKey()));
        firstExpiry = Math.min(firstExpiry, expiry(t.getValue(), due));
      }
      if (sweepAt.read() == null && firstExpiry < MAX_TIMER) {
        long at = roundUp(firstExpiry);
        sweepAt.write(at);
        sweep.set(new Instant(at));
      }
      buffer.clear();
      for (KV<String, E> entry : waiting) {
        buffer.add(entry);
      }
      rearm(waiting, pending, flush, context.fireTimestamp().getMillis());
    }

    /**
     * Holds the watermark at the oldest waiting event and sets the next flush: for the oldest
     * waiting event when the timer fired close to real time (a live stream: each event as soon as
     * the watermark passes it), for the newest when it fired far behind (catching up, or a bounded
     * input: the whole buffer in one more round). Either way the outputs are the same; only how
     * they are grouped into rounds differs.
     */
    private void rearm(
        List<KV<String, E>> waiting, ValueState<Long> pending, Timer flush, long firedAt) {
      if (waiting.isEmpty()) {
        pending.clear();
        flush.clear();
        return;
      }
      long now = System.currentTimeMillis();
      long oldest = Long.MAX_VALUE;
      long newestNotAfterNow = Long.MIN_VALUE;
      for (KV<String, E> entry : waiting) {
        long ts = processor.timestamp(entry.getValue());
        oldest = Math.min(oldest, ts);
        if (ts <= now) {
          newestNotAfterNow = Math.max(newestNotAfterNow, ts);
        }
      }
      pending.write(oldest);
      long next = nextFlushAt(oldest, newestNotAfterNow, firedAt, now);
      flush.withOutputTimestamp(new Instant(oldest)).set(new Instant(next + latenessMillis));
    }

    /**
     * Forgets the keys idle for longer than the TTL, except keys with events still waiting in the
     * buffer: when a backlog is applied in two rounds (see {@link #rearm}), the sweep can fire
     * between them while a key's next event, within the TTL of its last one, is still waiting. Such
     * a key is judged when that event is applied ({@link #fresh}).
     */
    @OnTimer("sweep")
    public void onSweep(
        OnTimerContext context,
        @StateId("buffer") BagState<KV<String, E>> buffer,
        @StateId("states") MapState<String, S> states,
        @StateId("frontiers") MapState<String, Long> frontiers,
        @StateId("sweepAt") ValueState<Long> sweepAt,
        @TimerId("sweep") Timer sweep) {
      long now = context.fireTimestamp().getMillis();
      long next = Long.MAX_VALUE;
      java.util.Set<String> waiting = new java.util.HashSet<>();
      for (KV<String, E> entry : buffer.read()) {
        waiting.add(entry.getKey());
      }
      List<String> forget = new ArrayList<>();
      for (Map.Entry<String, S> entry : states.entries().read()) {
        if (expired(entry.getValue(), now) && !waiting.contains(entry.getKey())) {
          forget.add(entry.getKey());
        } else {
          next = Math.min(next, expiry(entry.getValue(), Long.MIN_VALUE));
        }
      }
      for (String key : forget) {
        states.remove(key);
        frontiers.remove(key);
      }
      if (next >= MAX_TIMER) {
        sweepAt.clear();
      } else {
        long at = Math.max(roundUp(next), Math.min(now + sweepMillis, MAX_TIMER));
        sweepAt.write(at);
        sweep.set(new Instant(at));
      }
    }

    /**
     * When a state can be dropped, counting from its last event or {@code from}; MAX_TIMER: never.
     */
    private long expiry(S s, long from) {
      long last = processor.lastSeen(s);
      if (last == Long.MIN_VALUE) {
        return MAX_TIMER;
      }
      long base = Math.max(last, from);
      return base > MAX_TIMER - processor.ttlMillis() - 1
          ? MAX_TIMER
          : base + processor.ttlMillis() + 1;
    }

    private long roundUp(long millis) {
      long r = Math.floorMod(millis, sweepMillis);
      long up = r == 0 ? millis : millis - r + sweepMillis;
      return up < millis || up > MAX_TIMER ? MAX_TIMER : up;
    }

    private boolean expired(S s, long now) {
      long last = processor.lastSeen(s);
      return last != Long.MIN_VALUE && now - last > processor.ttlMillis();
    }

    private S fresh(S s, long ts) {
      return expired(s, ts) ? processor.newState() : s;
    }

    private S current(S stored, long ts) {
      return stored == null ? processor.newState() : fresh(stored, ts);
    }
  }
}
