package io.realtimepipelines.ordering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
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
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Applies each key's events to its state in event-time order, whatever order they arrive in:
 * events are buffered per key until the watermark passes them (plus the allowed lateness), then
 * sorted and applied. An event older than one its key already applied is late: it goes to the
 * late output unchanged and is counted ({@code rtp/<name>.late}), unless the processor applies
 * such events anyway. The key's state is dropped after the processor's TTL without events.
 *
 * <p>This is what makes stateful jobs deterministic: given the same events, any runner, any
 * parallelism and any arrival order give the same outputs as a one-thread pass in event-time
 * order. Needs event-time timers (Spark: batch only, at Beam 2.70).
 *
 * <p>Keys (accounts, IPs, products...) are spread over a fixed number of shards ({@link
 * #withShards}, default {@value #DEFAULT_SHARDS}); the runner sees the shard as its key, and each
 * shard keeps its keys' states, frontiers and expiry times in maps, with one set of timers. The
 * runner then handles a few keys instead of one per entity: the Direct runner pays a large fixed
 * cost per key and bundle. What each key sees is unchanged: the shard applies, for every key, the
 * buffered events the watermark has passed, and expires a key exactly when its own timer would
 * have.
 *
 * <pre>{@code
 * OrderedResult<StageEvent, StageEvent> scored =
 *     byAccount.apply("AccountStage",
 *         ApplyInEventTimeOrder.of(processor, outputCoder).withAllowedLateness(Duration.ZERO));
 * }</pre>
 */
public final class ApplyInEventTimeOrder<E, S, O>
    extends PTransform<PCollection<KV<String, E>>, OrderedResult<E, O>> {

  /**
   * Shards the keys are spread over unless {@link #withShards} says otherwise. Few enough that
   * the Direct runner's cost per key and bundle stays small (on a 20k-transaction fraud run, 4 to
   * 32 shards took about the same time, 128 noticeably longer), enough for a Flink or Spark job of
   * parallelism up to about 8.
   */
  public static final int DEFAULT_SHARDS = 32;

  /** Most shards allowed: more only adds per-key overhead. */
  public static final int MAX_SHARDS = 1 << 16;

  private final KeyedProcessor<E, S, O> processor;
  private final Coder<O> outputCoder;
  private final Duration allowedLateness;
  private final int shards;

  private ApplyInEventTimeOrder(
      KeyedProcessor<E, S, O> processor,
      Coder<O> outputCoder,
      Duration allowedLateness,
      int shards) {
    this.processor = processor;
    this.outputCoder = outputCoder;
    this.allowedLateness = allowedLateness;
    this.shards = shards;
  }

  /** Runs {@code processor} per key; {@code outputCoder} encodes what it emits. */
  public static <E, S, O> ApplyInEventTimeOrder<E, S, O> of(
      KeyedProcessor<E, S, O> processor, Coder<O> outputCoder) {
    if (processor == null || outputCoder == null) {
      throw new IllegalArgumentException("processor and outputCoder must not be null");
    }
    return new ApplyInEventTimeOrder<>(processor, outputCoder, Duration.ZERO, DEFAULT_SHARDS);
  }

  /** How long after the watermark an event waits for older ones (0 to 1 hour). */
  public ApplyInEventTimeOrder<E, S, O> withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return new ApplyInEventTimeOrder<>(processor, outputCoder, lateness, shards);
  }

  /**
   * How many runner keys the keys are spread over (1 to {@value #MAX_SHARDS}): the step's
   * parallelism limit. Changing it changes the state layout, so a savepoint taken with another
   * value cannot be restored.
   */
  public ApplyInEventTimeOrder<E, S, O> withShards(int count) {
    if (count < 1 || count > MAX_SHARDS) {
      throw new IllegalArgumentException(
          "shards must be between 1 and " + MAX_SHARDS + ", got " + count);
    }
    return new ApplyInEventTimeOrder<>(processor, outputCoder, allowedLateness, count);
  }

  /** The shard of {@code key} among {@code shards}: stable across JVMs and runs. */
  static int shardOf(String key, int shards) {
    // String.hashCode is specified, hence stable; the mix spreads keys that differ only in their
    // last characters (acct-0001, acct-0002...) over all shards.
    int h = key.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), shards);
  }

  @Override
  @SuppressWarnings("unchecked")
  public OrderedResult<E, O> expand(PCollection<KV<String, E>> input) {
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalArgumentException("input must have a KvCoder, got " + input.getCoder());
    }
    KvCoder<String, E> keyedCoder = (KvCoder<String, E>) input.getCoder();
    Coder<E> eventCoder = keyedCoder.getValueCoder();
    int shardCount = shards;
    TupleTag<O> outputTag = new TupleTag<>("output");
    TupleTag<E> lateTag = new TupleTag<>("late");
    PCollectionTuple out =
        input
            .apply(
                "KeyByShard",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.integers(), new TypeDescriptor<KV<String, E>>() {}))
                    .via((KV<String, E> kv) -> KV.of(shardOf(kv.getKey(), shardCount), kv)))
            .setCoder(KvCoder.of(VarIntCoder.of(), keyedCoder))
            .apply(
                "ApplyInOrder",
                ParDo.of(new OrderedFn<>(processor, eventCoder, allowedLateness, lateTag))
                    .withOutputTags(outputTag, TupleTagList.of(lateTag)));
    return new OrderedResult<>(
        input.getPipeline(),
        outputTag,
        out.get(outputTag).setCoder(outputCoder),
        lateTag,
        out.get(lateTag).setCoder(eventCoder));
  }

  /** Timers cannot be set beyond the global window's end. */
  private static final long MAX_TIMER = GlobalWindow.INSTANCE.maxTimestamp().getMillis();

  /**
   * One shard: a buffer of its keys' events waiting for the watermark, and per key the state, the
   * frontier (newest event applied) and the expiry time. Two flush timers (at the oldest and the
   * newest buffered event) and two expiry timers (at the earliest and the latest key expiry) serve
   * all keys of the shard.
   */
  static final class OrderedFn<E, S, O> extends DoFn<KV<Integer, KV<String, E>>, O> {
    private final KeyedProcessor<E, S, O> processor;
    private final long latenessMillis;
    private final Coder<E> eventCoder;
    private final TupleTag<E> lateTag;
    private final Counter late;

    /** Events of the shard's keys that wait for the watermark, with their key. */
    @StateId("buffer")
    private final StateSpec<BagState<Buffered>> bufferSpec;

    /** Per key: its state. */
    @StateId("states")
    private final StateSpec<MapState<String, S>> statesSpec;

    /** Per key: event time (ms) of the newest event applied; older ones are late. */
    @StateId("frontiers")
    private final StateSpec<MapState<String, Long>> frontiersSpec =
        StateSpecs.map(StringUtf8Coder.of(), VarLongCoder.of());

    /** Per key: event time (ms) at which its state is checked for expiry. */
    @StateId("expiries")
    private final StateSpec<MapState<String, Long>> expiriesSpec =
        StateSpecs.map(StringUtf8Coder.of(), VarLongCoder.of());

    /** Event time (ms) of the oldest buffered event, which the flush timer is set for. */
    @StateId("pending")
    private final StateSpec<ValueState<Long>> pendingSpec = StateSpecs.value(VarLongCoder.of());

    /** Event time (ms) of the newest buffered event, which the flushAll timer is set for. */
    @StateId("pendingMax")
    private final StateSpec<ValueState<Long>> pendingMaxSpec = StateSpecs.value(VarLongCoder.of());

    /** Earliest expiry time among the keys, which the expire timer is set for. */
    @StateId("expireMin")
    private final StateSpec<ValueState<Long>> expireMinSpec = StateSpecs.value(VarLongCoder.of());

    /** Latest expiry time among the keys, which the expireAll timer is set for. */
    @StateId("expireMax")
    private final StateSpec<ValueState<Long>> expireMaxSpec = StateSpecs.value(VarLongCoder.of());

    /** Fires when the watermark passes the oldest buffered event: low latency. */
    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    /**
     * Fires when the watermark passes the newest buffered event, so that a watermark jump (a
     * bounded input ending, a backlog) applies the whole buffer at once instead of one event time
     * per timer round.
     */
    @TimerId("flushAll")
    private final TimerSpec flushAllSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    /** Fires at the earliest key expiry. */
    @TimerId("expire")
    private final TimerSpec expireSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    /** Fires at the latest key expiry: a watermark jump checks every key in one round. */
    @TimerId("expireAll")
    private final TimerSpec expireAllSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    OrderedFn(
        KeyedProcessor<E, S, O> processor,
        Coder<E> eventCoder,
        Duration lateness,
        TupleTag<E> lateTag) {
      this.processor = processor;
      this.latenessMillis = lateness.getMillis();
      this.lateTag = lateTag;
      this.eventCoder = eventCoder;
      this.bufferSpec = StateSpecs.bag(Buffered.BufferedCoder.of());
      this.statesSpec = StateSpecs.map(StringUtf8Coder.of(), processor.stateCoder());
      this.late = Metrics.counter("rtp", processor.name() + ".late");
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, KV<String, E>> element,
        @StateId("buffer") BagState<Buffered> buffer,
        @StateId("states") MapState<String, S> states,
        @StateId("frontiers") MapState<String, Long> frontiers,
        @StateId("pending") ValueState<Long> pending,
        @StateId("pendingMax") ValueState<Long> pendingMax,
        @TimerId("flush") Timer flush,
        @TimerId("flushAll") Timer flushAll,
        MultiOutputReceiver out) {
      KV<String, E> keyed = element.getValue();
      String key = keyed.getKey();
      E e = keyed.getValue();
      long ts = processor.timestamp(e);
      Long applied = frontiers.get(key).read();
      if (applied != null && ts < applied) {
        if (processor.applyWhenLate(e)) {
          S s = current(states.get(key).read(), ts);
          processor.apply(s, e, o -> out.get(new TupleTag<O>("output")).output(o));
          states.put(key, s);
        } else {
          late.inc();
          out.get(lateTag).output(e);
        }
        return;
      }
      buffer.add(Buffered.of(key, ts, e, eventCoder));
      Long oldest = pending.read();
      Long newest = pendingMax.read();
      Instant at = new Instant(ts);
      if (oldest == null || ts < oldest) {
        // The flush timer always holds the watermark at the oldest buffered event.
        pending.write(ts);
        flush.withOutputTimestamp(at).set(new Instant(ts + latenessMillis));
      }
      if (newest == null || ts > newest) {
        pendingMax.write(ts);
        flushAll.withOutputTimestamp(at).set(new Instant(ts + latenessMillis));
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

    @OnTimer("flush")
    public void onFlush(
        OnTimerContext context,
        @StateId("buffer") BagState<Buffered> buffer,
        @StateId("states") MapState<String, S> states,
        @StateId("frontiers") MapState<String, Long> frontiers,
        @StateId("expiries") MapState<String, Long> expiries,
        @StateId("pending") ValueState<Long> pending,
        @StateId("pendingMax") ValueState<Long> pendingMax,
        @StateId("expireMin") ValueState<Long> expireMin,
        @StateId("expireMax") ValueState<Long> expireMax,
        @TimerId("flush") Timer flush,
        @TimerId("flushAll") Timer flushAll,
        @TimerId("expire") Timer expire,
        @TimerId("expireAll") Timer expireAll) {
      flushDue(
          context, buffer, states, frontiers, expiries, pending, pendingMax, expireMin, expireMax,
          flush, flushAll, expire, expireAll);
    }

    @OnTimer("flushAll")
    public void onFlushAll(
        OnTimerContext context,
        @StateId("buffer") BagState<Buffered> buffer,
        @StateId("states") MapState<String, S> states,
        @StateId("frontiers") MapState<String, Long> frontiers,
        @StateId("expiries") MapState<String, Long> expiries,
        @StateId("pending") ValueState<Long> pending,
        @StateId("pendingMax") ValueState<Long> pendingMax,
        @StateId("expireMin") ValueState<Long> expireMin,
        @StateId("expireMax") ValueState<Long> expireMax,
        @TimerId("flush") Timer flush,
        @TimerId("flushAll") Timer flushAll,
        @TimerId("expire") Timer expire,
        @TimerId("expireAll") Timer expireAll) {
      flushDue(
          context, buffer, states, frontiers, expiries, pending, pendingMax, expireMin, expireMax,
          flush, flushAll, expire, expireAll);
    }

    /**
     * Applies, per key and in event-time order, every buffered event the watermark has passed.
     * Each key's expiry is then set from the newest event applied to it now, as its own flush
     * timer would have had it.
     */
    private void flushDue(
        OnTimerContext context,
        BagState<Buffered> buffer,
        MapState<String, S> states,
        MapState<String, Long> frontiers,
        MapState<String, Long> expiries,
        ValueState<Long> pending,
        ValueState<Long> pendingMax,
        ValueState<Long> expireMin,
        ValueState<Long> expireMax,
        Timer flush,
        Timer flushAll,
        Timer expire,
        Timer expireAll) {
      long due = context.fireTimestamp().getMillis() - latenessMillis;
      Map<String, List<E>> ready = new HashMap<>();
      List<Buffered> waiting = new ArrayList<>();
      for (Buffered b : buffer.read()) {
        if (b.timestamp <= due) {
          ready.computeIfAbsent(b.key(), k -> new ArrayList<>()).add(b.event(eventCoder));
        } else {
          waiting.add(b);
        }
      }
      if (ready.isEmpty()) {
        return; // the other flush timer got here first
      }
      for (String key : ready.keySet()) {
        states.get(key).readLater();
        frontiers.get(key).readLater();
      }
      Long earliestExpiry = expireMin.read();
      Long latestExpiry = expireMax.read();
      long minExpiry = earliestExpiry == null ? Long.MAX_VALUE : earliestExpiry;
      long maxExpiry = latestExpiry == null ? Long.MIN_VALUE : latestExpiry;
      for (Map.Entry<String, List<E>> entry : ready.entrySet()) {
        String key = entry.getKey();
        List<E> events = entry.getValue();
        events.sort(
            (a, b) -> {
              int c = Long.compare(processor.timestamp(a), processor.timestamp(b));
              return c != 0 ? c : processor.compare(a, b);
            });
        S s = null;
        Long applied = frontiers.get(key).read();
        long newest = applied == null ? Long.MIN_VALUE : applied;
        long newestNow = Long.MIN_VALUE;
        for (E e : events) {
          long ts = processor.timestamp(e);
          s = s == null ? current(states.get(key).read(), ts) : fresh(s, ts);
          Instant at = new Instant(ts);
          processor.apply(s, e, o -> context.outputWithTimestamp(o, at));
          newest = Math.max(newest, ts);
          newestNow = Math.max(newestNow, ts);
        }
        states.put(key, s);
        frontiers.put(key, newest);
        // A per-key flush timer fires at an event of the key (the oldest or the newest waiting):
        // it applies the events up to that one, so its due time is the newest event applied.
        long base = Math.max(processor.lastSeen(s), newestNow);
        long expireAt = base > MAX_TIMER - processor.ttlMillis() - 1
            ? MAX_TIMER : base + processor.ttlMillis() + 1;
        expiries.put(key, expireAt);
        minExpiry = Math.min(minExpiry, expireAt);
        maxExpiry = Math.max(maxExpiry, expireAt);
      }
      if (earliestExpiry == null || minExpiry != earliestExpiry) {
        expireMin.write(minExpiry);
        expire.set(new Instant(minExpiry));
      }
      if (latestExpiry == null || maxExpiry != latestExpiry) {
        expireMax.write(maxExpiry);
        expireAll.set(new Instant(maxExpiry));
      }
      buffer.clear();
      if (waiting.isEmpty()) {
        pending.clear();
        pendingMax.clear();
        flush.clear();
        flushAll.clear();
      } else {
        long oldest = Long.MAX_VALUE;
        long youngest = Long.MIN_VALUE;
        for (Buffered b : waiting) {
          buffer.add(b);
          oldest = Math.min(oldest, b.timestamp);
          youngest = Math.max(youngest, b.timestamp);
        }
        pending.write(oldest);
        pendingMax.write(youngest);
        Instant hold = new Instant(oldest);
        flush.withOutputTimestamp(hold).set(new Instant(oldest + latenessMillis));
        flushAll.withOutputTimestamp(hold).set(new Instant(youngest + latenessMillis));
      }
    }

    @OnTimer("expire")
    public void onExpire(
        OnTimerContext context,
        @StateId("buffer") BagState<Buffered> buffer,
        @StateId("states") MapState<String, S> states,
        @StateId("frontiers") MapState<String, Long> frontiers,
        @StateId("expiries") MapState<String, Long> expiries,
        @StateId("pending") ValueState<Long> pending,
        @StateId("expireMin") ValueState<Long> expireMin,
        @StateId("expireMax") ValueState<Long> expireMax,
        @TimerId("expire") Timer expire,
        @TimerId("expireAll") Timer expireAll) {
      expireDue(
          context, buffer, states, frontiers, expiries, pending, expireMin, expireMax, expire,
          expireAll);
    }

    @OnTimer("expireAll")
    public void onExpireAll(
        OnTimerContext context,
        @StateId("buffer") BagState<Buffered> buffer,
        @StateId("states") MapState<String, S> states,
        @StateId("frontiers") MapState<String, Long> frontiers,
        @StateId("expiries") MapState<String, Long> expiries,
        @StateId("pending") ValueState<Long> pending,
        @StateId("expireMin") ValueState<Long> expireMin,
        @StateId("expireMax") ValueState<Long> expireMax,
        @TimerId("expire") Timer expire,
        @TimerId("expireAll") Timer expireAll) {
      expireDue(
          context, buffer, states, frontiers, expiries, pending, expireMin, expireMax, expire,
          expireAll);
    }

    /**
     * Checks every key whose expiry time the watermark has passed, as its own expiry timer would
     * have: a key with events waiting keeps its state (its next flush sets a new expiry); any
     * other key whose state is older than the TTL at its expiry time is forgotten, state and
     * frontier, so that its next event starts afresh.
     */
    private void expireDue(
        OnTimerContext context,
        BagState<Buffered> buffer,
        MapState<String, S> states,
        MapState<String, Long> frontiers,
        MapState<String, Long> expiries,
        ValueState<Long> pending,
        ValueState<Long> expireMin,
        ValueState<Long> expireMax,
        Timer expire,
        Timer expireAll) {
      long now = context.fireTimestamp().getMillis();
      Map<String, Long> due = new HashMap<>();
      long nextMin = Long.MAX_VALUE;
      long nextMax = Long.MIN_VALUE;
      for (Map.Entry<String, Long> entry : expiries.entries().read()) {
        long at = entry.getValue();
        if (at <= now) {
          due.put(entry.getKey(), at);
        } else {
          nextMin = Math.min(nextMin, at);
          nextMax = Math.max(nextMax, at);
        }
      }
      // Nothing due: the other expiry timer got here first, or the key that was earliest has
      // since been given a later expiry. Either way the timers are set again below.
      Set<String> waiting = new HashSet<>();
      if (!due.isEmpty() && pending.read() != null) {
        for (Buffered b : buffer.read()) {
          waiting.add(b.key());
        }
      }
      for (Map.Entry<String, Long> entry : due.entrySet()) {
        String key = entry.getKey();
        expiries.remove(key);
        if (waiting.contains(key)) {
          continue;
        }
        S s = states.get(key).read();
        if (s != null && expired(s, entry.getValue())) {
          states.remove(key);
          frontiers.remove(key);
        }
      }
      if (nextMin == Long.MAX_VALUE) {
        expireMin.clear();
        expireMax.clear();
        expire.clear();
        expireAll.clear();
      } else {
        expireMin.write(nextMin);
        expireMax.write(nextMax);
        expire.set(new Instant(nextMin));
        expireAll.set(new Instant(nextMax));
      }
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
