package io.realtimepipelines.fraud;

import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * One keyed stage of the scorer. Events of a key are buffered until the watermark passes their
 * time (plus the allowed lateness), then applied in event-time order, so that arrival order
 * never changes a decision. A transaction older than one the key already applied is too late:
 * it goes to the late output, counted. Reports are applied even when late (they only raise risk
 * for later transactions). The key's state is dropped after {@code stateTtlDays} without events.
 */
final class OrderedStageFn<S extends KeyState> extends DoFn<KV<String, StageEvent>, StageEvent> {
  private final StageLogic<S> logic;
  private final RulesSource rules;
  private final long latenessMillis;
  private final TupleTag<Transaction> lateTag;
  private final Counter late;

  @StateId("buffer")
  private final StateSpec<BagState<StageEvent>> bufferSpec =
      StateSpecs.bag(StageEvent.StageEventCoder.of());

  @StateId("state")
  private final StateSpec<ValueState<S>> stateSpec;

  /** Event time (ms) of the newest transaction applied: older ones are late. */
  @StateId("frontier")
  private final StateSpec<ValueState<Long>> frontierSpec = StateSpecs.value(VarLongCoder.of());

  /** Event time (ms) of the oldest buffered event, which the flush timer is set for. */
  @StateId("pending")
  private final StateSpec<ValueState<Long>> pendingSpec = StateSpecs.value(VarLongCoder.of());

  /** Event time (ms) of the newest buffered event, which the flushAll timer is set for. */
  @StateId("pendingMax")
  private final StateSpec<ValueState<Long>> pendingMaxSpec = StateSpecs.value(VarLongCoder.of());

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

  @TimerId("expire")
  private final TimerSpec expireSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  OrderedStageFn(
      StageLogic<S> logic, RulesSource rules, Duration lateness, TupleTag<Transaction> lateTag) {
    this.logic = logic;
    this.rules = rules;
    this.latenessMillis = lateness.getMillis();
    this.lateTag = lateTag;
    this.stateSpec = StateSpecs.value(logic.stateCoder());
    this.late = Metrics.counter("rtp", "fraud.late." + logic.name());
  }

  @ProcessElement
  public void process(
      @Element KV<String, StageEvent> element,
      @StateId("buffer") BagState<StageEvent> buffer,
      @StateId("state") ValueState<S> state,
      @StateId("frontier") ValueState<Long> frontier,
      @StateId("pending") ValueState<Long> pending,
      @StateId("pendingMax") ValueState<Long> pendingMax,
      @TimerId("flush") Timer flush,
      @TimerId("flushAll") Timer flushAll,
      MultiOutputReceiver out) {
    StageEvent e = element.getValue();
    long ts = e.timestamp().getMillis();
    Long applied = frontier.read();
    if (applied != null && ts < applied) {
      if (e.isTransaction()) {
        late.inc();
        out.get(lateTag).output(e.txn());
      } else {
        S s = current(state, ts);
        logic.onFeedback(s, e.feedback());
        state.write(s);
      }
      return;
    }
    buffer.add(e);
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
   * Events are emitted at their own time, which can be older than the timer that emits them (the
   * flush timer's hold keeps the watermark behind them, so they are never late downstream).
   */
  @Override
  @SuppressWarnings("deprecation")
  public Duration getAllowedTimestampSkew() {
    return Duration.millis(Long.MAX_VALUE);
  }

  private void arm(
      long min,
      long max,
      ValueState<Long> pending,
      ValueState<Long> pendingMax,
      Timer flush,
      Timer flushAll) {
    pending.write(min);
    pendingMax.write(max);
    Instant hold = new Instant(min);
    flush.withOutputTimestamp(hold).set(new Instant(min + latenessMillis));
    flushAll.withOutputTimestamp(hold).set(new Instant(max + latenessMillis));
  }

  @OnTimer("flush")
  public void onFlush(
      OnTimerContext context,
      @StateId("buffer") BagState<StageEvent> buffer,
      @StateId("state") ValueState<S> state,
      @StateId("frontier") ValueState<Long> frontier,
      @StateId("pending") ValueState<Long> pending,
      @StateId("pendingMax") ValueState<Long> pendingMax,
      @TimerId("flush") Timer flush,
      @TimerId("flushAll") Timer flushAll,
      @TimerId("expire") Timer expire) {
    flushDue(context, buffer, state, frontier, pending, pendingMax, flush, flushAll, expire);
  }

  @OnTimer("flushAll")
  public void onFlushAll(
      OnTimerContext context,
      @StateId("buffer") BagState<StageEvent> buffer,
      @StateId("state") ValueState<S> state,
      @StateId("frontier") ValueState<Long> frontier,
      @StateId("pending") ValueState<Long> pending,
      @StateId("pendingMax") ValueState<Long> pendingMax,
      @TimerId("flush") Timer flush,
      @TimerId("flushAll") Timer flushAll,
      @TimerId("expire") Timer expire) {
    flushDue(context, buffer, state, frontier, pending, pendingMax, flush, flushAll, expire);
  }

  /** Applies, in event-time order, every buffered event the watermark has passed. */
  private void flushDue(
      OnTimerContext context,
      BagState<StageEvent> buffer,
      ValueState<S> state,
      ValueState<Long> frontier,
      ValueState<Long> pending,
      ValueState<Long> pendingMax,
      Timer flush,
      Timer flushAll,
      Timer expire) {
    long due = context.fireTimestamp().getMillis() - latenessMillis;
    List<StageEvent> ready = new ArrayList<>();
    List<StageEvent> waiting = new ArrayList<>();
    for (StageEvent e : buffer.read()) {
      (e.timestamp().getMillis() <= due ? ready : waiting).add(e);
    }
    ready.sort(null);
    FraudRules r = rules.current();
    S s = null;
    Long applied = frontier.read();
    long newest = applied == null ? Long.MIN_VALUE : applied;
    for (StageEvent e : ready) {
      long ts = e.timestamp().getMillis();
      s = s == null ? current(state, ts) : (FraudStages.expired(s, ts, r) ? logic.newState() : s);
      if (e.isTransaction()) {
        List<Finding> findings = logic.onTransaction(s, e.txn(), r);
        context.outputWithTimestamp(e.plus(findings), e.timestamp());
        newest = Math.max(newest, ts);
      } else {
        logic.onFeedback(s, e.feedback());
      }
    }
    if (s != null) {
      state.write(s);
      expire.set(new Instant(Math.max(s.lastSeen, due) + r.stateTtlDays * 86_400_000L + 1));
    }
    if (newest != Long.MIN_VALUE) {
      frontier.write(newest);
    }
    if (ready.isEmpty()) {
      return; // the other flush timer got here first
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
      for (StageEvent e : waiting) {
        buffer.add(e);
        oldest = Math.min(oldest, e.timestamp().getMillis());
        youngest = Math.max(youngest, e.timestamp().getMillis());
      }
      arm(oldest, youngest, pending, pendingMax, flush, flushAll);
    }
  }

  @OnTimer("expire")
  public void onExpire(
      OnTimerContext context,
      @StateId("state") ValueState<S> state,
      @StateId("frontier") ValueState<Long> frontier,
      @StateId("pending") ValueState<Long> pending) {
    S s = state.read();
    if (pending.read() == null
        && s != null
        && FraudStages.expired(s, context.fireTimestamp().getMillis(), rules.current())) {
      state.clear();
      frontier.clear();
    }
  }

  private S current(ValueState<S> state, long ts) {
    S s = state.read();
    if (s == null || FraudStages.expired(s, ts, rules.current())) {
      return logic.newState();
    }
    return s;
  }
}
