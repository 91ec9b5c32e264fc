package io.realtimepipelines.ordering;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.BagState;
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
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
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
 * <pre>{@code
 * OrderedResult<StageEvent, StageEvent> scored =
 *     byAccount.apply("AccountStage",
 *         ApplyInEventTimeOrder.of(processor, outputCoder).withAllowedLateness(Duration.ZERO));
 * }</pre>
 */
public final class ApplyInEventTimeOrder<E, S, O>
    extends PTransform<PCollection<KV<String, E>>, OrderedResult<E, O>> {
  private final KeyedProcessor<E, S, O> processor;
  private final Coder<O> outputCoder;
  private final Duration allowedLateness;

  private ApplyInEventTimeOrder(
      KeyedProcessor<E, S, O> processor, Coder<O> outputCoder, Duration allowedLateness) {
    this.processor = processor;
    this.outputCoder = outputCoder;
    this.allowedLateness = allowedLateness;
  }

  /** Runs {@code processor} per key; {@code outputCoder} encodes what it emits. */
  public static <E, S, O> ApplyInEventTimeOrder<E, S, O> of(
      KeyedProcessor<E, S, O> processor, Coder<O> outputCoder) {
    if (processor == null || outputCoder == null) {
      throw new IllegalArgumentException("processor and outputCoder must not be null");
    }
    return new ApplyInEventTimeOrder<>(processor, outputCoder, Duration.ZERO);
  }

  /** How long after the watermark an event waits for older ones (0 to 1 hour). */
  public ApplyInEventTimeOrder<E, S, O> withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return new ApplyInEventTimeOrder<>(processor, outputCoder, lateness);
  }

  @Override
  @SuppressWarnings("unchecked")
  public OrderedResult<E, O> expand(PCollection<KV<String, E>> input) {
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalArgumentException("input must have a KvCoder, got " + input.getCoder());
    }
    Coder<E> eventCoder = ((KvCoder<String, E>) input.getCoder()).getValueCoder();
    TupleTag<O> outputTag = new TupleTag<>("output");
    TupleTag<E> lateTag = new TupleTag<>("late");
    PCollectionTuple out =
        input.apply(
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

  static final class OrderedFn<E, S, O> extends DoFn<KV<String, E>, O> {
    private final KeyedProcessor<E, S, O> processor;
    private final long latenessMillis;
    private final TupleTag<E> lateTag;
    private final Counter late;

    @StateId("buffer")
    private final StateSpec<BagState<E>> bufferSpec;

    @StateId("state")
    private final StateSpec<ValueState<S>> stateSpec;

    /** Event time (ms) of the newest event applied: older ones are late. */
    @StateId("frontier")
    private final StateSpec<ValueState<Long>> frontierSpec = StateSpecs.value(VarLongCoder.of());

    /** Event time (ms) of the oldest buffered event, which the flush timer is set for. */
    @StateId("pending")
    private final StateSpec<ValueState<Long>> pendingSpec = StateSpecs.value(VarLongCoder.of());

    /**
     * Fires when the watermark passes the oldest buffered event (low latency). After a flush that
     * leaves events waiting, it is set for the newest of them, so that a watermark jump (a bounded
     * input ending, a backlog) applies a key's whole buffer in one more round instead of one round
     * per distinct event time: timers fire in timestamp order, so an earlier timer would always
     * run first.
     */
    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @TimerId("expire")
    private final TimerSpec expireSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    OrderedFn(
        KeyedProcessor<E, S, O> processor,
        Coder<E> eventCoder,
        Duration lateness,
        TupleTag<E> lateTag) {
      this.processor = processor;
      this.latenessMillis = lateness.getMillis();
      this.lateTag = lateTag;
      this.bufferSpec = StateSpecs.bag(eventCoder);
      this.stateSpec = StateSpecs.value(processor.stateCoder());
      this.late = Metrics.counter("rtp", processor.name() + ".late");
    }

    @ProcessElement
    public void process(
        @Element KV<String, E> element,
        @StateId("buffer") BagState<E> buffer,
        @StateId("state") ValueState<S> state,
        @StateId("frontier") ValueState<Long> frontier,
        @StateId("pending") ValueState<Long> pending,
        @TimerId("flush") Timer flush,
        MultiOutputReceiver out) {
      E e = element.getValue();
      long ts = processor.timestamp(e);
      Long applied = frontier.read();
      if (applied != null && ts < applied) {
        if (processor.applyWhenLate(e)) {
          S s = current(state, ts);
          processor.apply(s, e, o -> out.get(new TupleTag<O>("output")).output(o));
          state.write(s);
        } else {
          late.inc();
          out.get(lateTag).output(e);
        }
        return;
      }
      buffer.add(e);
      Long oldest = pending.read();
      if (oldest == null || ts < oldest) {
        // The flush timer always holds the watermark at the oldest buffered event.
        pending.write(ts);
        flush.withOutputTimestamp(new Instant(ts)).set(new Instant(ts + latenessMillis));
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
        @StateId("buffer") BagState<E> buffer,
        @StateId("state") ValueState<S> state,
        @StateId("frontier") ValueState<Long> frontier,
        @StateId("pending") ValueState<Long> pending,
        @TimerId("flush") Timer flush,
        @TimerId("expire") Timer expire) {
      long due = context.fireTimestamp().getMillis() - latenessMillis;
      List<E> ready = new ArrayList<>();
      List<E> waiting = new ArrayList<>();
      for (E e : buffer.read()) {
        (processor.timestamp(e) <= due ? ready : waiting).add(e);
      }
      if (ready.isEmpty()) {
        // Not expected (the timer is never earlier than every buffered event), but a buffer must
        // never be left without a timer.
        rearm(waiting, pending, flush);
        return;
      }
      ready.sort(
          (a, b) -> {
            int c = Long.compare(processor.timestamp(a), processor.timestamp(b));
            return c != 0 ? c : processor.compare(a, b);
          });
      S s = null;
      Long applied = frontier.read();
      long newest = applied == null ? Long.MIN_VALUE : applied;
      for (E e : ready) {
        long ts = processor.timestamp(e);
        s = s == null ? current(state, ts) : fresh(s, ts);
        Instant at = new Instant(ts);
        processor.apply(s, e, o -> context.outputWithTimestamp(o, at));
        newest = Math.max(newest, ts);
      }
      state.write(s);
      long base = Math.max(processor.lastSeen(s), due);
      long expireAt = base > MAX_TIMER - processor.ttlMillis() - 1
          ? MAX_TIMER : base + processor.ttlMillis() + 1;
      expire.set(new Instant(expireAt));
      frontier.write(newest);
      buffer.clear();
      for (E e : waiting) {
        buffer.add(e);
      }
      rearm(waiting, pending, flush);
    }

    /** Holds the watermark at the oldest waiting event and sets the flush for the newest. */
    private void rearm(List<E> waiting, ValueState<Long> pending, Timer flush) {
      if (waiting.isEmpty()) {
        pending.clear();
        flush.clear();
        return;
      }
      long oldest = Long.MAX_VALUE;
      long youngest = Long.MIN_VALUE;
      for (E e : waiting) {
        long ts = processor.timestamp(e);
        oldest = Math.min(oldest, ts);
        youngest = Math.max(youngest, ts);
      }
      pending.write(oldest);
      flush.withOutputTimestamp(new Instant(oldest)).set(new Instant(youngest + latenessMillis));
    }

    @OnTimer("expire")
    public void onExpire(
        OnTimerContext context,
        @StateId("state") ValueState<S> state,
        @StateId("frontier") ValueState<Long> frontier,
        @StateId("pending") ValueState<Long> pending) {
      S s = state.read();
      if (pending.read() == null && s != null && expired(s, context.fireTimestamp().getMillis())) {
        state.clear();
        frontier.clear();
      }
    }

    private boolean expired(S s, long now) {
      long last = processor.lastSeen(s);
      return last != Long.MIN_VALUE && now - last > processor.ttlMillis();
    }

    private S fresh(S s, long ts) {
      return expired(s, ts) ? processor.newState() : s;
    }

    private S current(ValueState<S> state, long ts) {
      S s = state.read();
      return s == null ? processor.newState() : fresh(s, ts);
    }
  }
}
