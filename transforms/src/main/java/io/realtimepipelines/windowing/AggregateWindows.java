package io.realtimepipelines.windowing;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.windowing.WindowLedger.Firing;
import java.util.List;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Aggregates values per key in event-time windows (fixed, sliding or sessions) with a {@link
 * CombineFn}, emitting early, on-time and late panes, and routes data that comes too late to a
 * late-data output instead of dropping it. Every input element ends in exactly one place: the panes
 * of its open windows, or {@link AggregateResult#getLateData()}. Beam counters {@code
 * rtp/<name>.input}, {@code .late_data} and {@code .panes} count them.
 *
 * <pre>{@code
 * AggregateResult<String, Long, Long> perMinute =
 *     amountsByCard.apply("SumPerCardMinute",
 *         AggregateWindows.<String, Long, Long>fixed(Duration.standardMinutes(1), Sum.ofLongs())
 *             .withAllowedLateness(Duration.standardMinutes(5))
 *             .withEarlyFirings(Duration.standardSeconds(10))
 *             .withMetricsName("card_minute"));
 * }</pre>
 *
 * <p><b>Input.</b> {@code KV<K, V>} in the global window, each element timestamped with its event
 * time. Beam's own {@code Window.into} + {@code GroupByKey} silently drops data behind the
 * watermark; this transform instead keeps the windows of each key in a stateful DoFn in the global
 * window, where the runner drops nothing.
 *
 * <p><b>Panes.</b> A window with data emits an ON_TIME pane when the watermark passes its end.
 * Timing is judged from the window's own timers, because a DoFn cannot see the watermark: the first
 * non-early pane is ON_TIME even for a window that opened only after the watermark had passed its
 * end (Beam's GroupByKey, which sees its output watermark, calls that pane LATE). Optionally, EARLY
 * panes come a processing-time delay after the first element a key received since its last early
 * pane. With allowed lateness, each element that arrives after the ON_TIME pane but before expiry
 * emits a LATE pane with the updated aggregate at once (late firings, default on); with late
 * firings off it is emitted in a final LATE pane at expiry. A pane is final when it closes its
 * window; with an allowed lateness above zero and nothing new since the last pane, a window closes
 * without another pane, as Beam's default closing behaviour does. Panes are timestamped with the
 * window's last millisecond.
 *
 * <p><b>Too late.</b> A window <em>expires</em> for a key when the watermark passes its end plus
 * the allowed lateness (its last millisecond plus the lateness, exactly): its final pane is emitted
 * if needed and the key then remembers that every window ending at or before that window's end is
 * <em>closed</em>. An element is too late when every window it belongs to is closed for its key
 * (sessions: its own {@code [t, t + gap)} before merging): it goes unchanged, with its timestamp,
 * to the late-data output and is counted in {@code <name>.late_data}. For sliding windows an
 * element goes to the late output only if all its windows are closed; otherwise it is added to
 * those still open. An element for a window that never opened for its key and ends after the key's
 * closed windows is accepted even if its expiry is already behind the watermark: it opens the
 * window and produces a pane (labelled ON_TIME, see above) as soon as the runner fires the already
 * passed timer, so nothing is lost. Keys remember where they are closed forever (one long per key).
 *
 * <p><b>Runners.</b> Direct and Flink (batch and streaming), Spark in batch mode; Spark streaming
 * (Beam 2.70) has no event-time timers.
 */
@AutoValue
public abstract class AggregateWindows<K, V, OutputT>
    extends PTransform<PCollection<KV<K, V>>, AggregateResult<K, V, OutputT>> {

  /** Metric namespace of all counters of this project. */
  public static final String METRICS_NAMESPACE = "rtp";

  /** Counter prefix unless {@link #withMetricsName} sets one. */
  public static final String DEFAULT_METRICS_NAME = "windows";

  /** Upper bound of {@link #withAllowedLateness}. */
  public static final Duration MAX_ALLOWED_LATENESS = Duration.standardDays(365);

  /** Upper bound of {@link #withEarlyFirings}. */
  public static final Duration MAX_EARLY_FIRING_DELAY = Duration.standardDays(1);

  /** Which windows an element belongs to. */
  abstract WindowAssigner getAssigner();

  /** How values of one window are aggregated. */
  abstract CombineFn<V, ?, OutputT> getCombineFn();

  /** How long after its end a window still accepts data. */
  abstract Duration getAllowedLateness();

  /** Processing-time delay of early panes, or {@code null} for none. */
  abstract @Nullable Duration getEarlyFiringDelay();

  /** Whether each late-but-allowed element emits a LATE pane at once. */
  abstract boolean getLateFirings();

  /** Whether panes refine or add up. */
  abstract Accumulation getAccumulation();

  /** Prefix of the counters, {@code rtp/<name>.*}. */
  abstract String getMetricsName();

  abstract Builder<K, V, OutputT> toBuilder();

  @AutoValue.Builder
  abstract static class Builder<K, V, OutputT> {
    abstract Builder<K, V, OutputT> setAssigner(WindowAssigner assigner);

    abstract Builder<K, V, OutputT> setCombineFn(CombineFn<V, ?, OutputT> combineFn);

    abstract Builder<K, V, OutputT> setAllowedLateness(Duration lateness);

    abstract Builder<K, V, OutputT> setEarlyFiringDelay(@Nullable Duration delay);

    abstract Builder<K, V, OutputT> setLateFirings(boolean enabled);

    abstract Builder<K, V, OutputT> setAccumulation(Accumulation mode);

    abstract Builder<K, V, OutputT> setMetricsName(String name);

    abstract AggregateWindows<K, V, OutputT> build();
  }

  private static <K, V, OutputT> AggregateWindows<K, V, OutputT> create(
      WindowAssigner assigner, CombineFn<V, ?, OutputT> combineFn) {
    if (combineFn == null) {
      throw new IllegalArgumentException("combineFn must not be null");
    }
    return new AutoValue_AggregateWindows.Builder<K, V, OutputT>()
        .setAssigner(assigner)
        .setCombineFn(combineFn)
        .setAllowedLateness(Duration.ZERO)
        .setLateFirings(true)
        .setAccumulation(Accumulation.ACCUMULATING)
        .setMetricsName(DEFAULT_METRICS_NAME)
        .build();
  }

  /**
   * Epoch-aligned tumbling windows of {@code size} (at least 1 ms). Defaults: no allowed lateness,
   * no early panes, late firings on, accumulating panes.
   */
  public static <K, V, OutputT> AggregateWindows<K, V, OutputT> fixed(
      Duration size, CombineFn<V, ?, OutputT> combineFn) {
    return create(WindowAssigner.fixed(size), combineFn);
  }

  /** Windows of {@code size} every {@code period} (1 ms to size); defaults as {@link #fixed}. */
  public static <K, V, OutputT> AggregateWindows<K, V, OutputT> sliding(
      Duration size, Duration period, CombineFn<V, ?, OutputT> combineFn) {
    return create(WindowAssigner.sliding(size, period), combineFn);
  }

  /** Per-key sessions ended by a {@code gap} (at least 1 ms) without data; defaults as fixed. */
  public static <K, V, OutputT> AggregateWindows<K, V, OutputT> sessions(
      Duration gap, CombineFn<V, ?, OutputT> combineFn) {
    return create(WindowAssigner.sessions(gap), combineFn);
  }

  /** How long after a window's end its data is still accepted (0 to 365 days; default 0). */
  public AggregateWindows<K, V, OutputT> withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(MAX_ALLOWED_LATENESS)) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and " + MAX_ALLOWED_LATENESS + ", got " + lateness);
    }
    return toBuilder().setAllowedLateness(lateness).build();
  }

  /**
   * Emits EARLY panes {@code delay} of processing time (1 ms to 1 day) after the first element a
   * key received since its last early pane, for each window still before its end.
   */
  public AggregateWindows<K, V, OutputT> withEarlyFirings(Duration delay) {
    if (delay == null || delay.getMillis() < 1 || delay.isLongerThan(MAX_EARLY_FIRING_DELAY)) {
      throw new IllegalArgumentException(
          "earlyFiringDelay must be between 1 ms and " + MAX_EARLY_FIRING_DELAY + ", got " + delay);
    }
    return toBuilder().setEarlyFiringDelay(delay).build();
  }

  /** No EARLY panes (the default). */
  public AggregateWindows<K, V, OutputT> withoutEarlyFirings() {
    return toBuilder().setEarlyFiringDelay(null).build();
  }

  /**
   * Whether each element arriving after the ON_TIME pane (within the allowed lateness) emits a LATE
   * pane at once (default true); if false, late data comes out in one final pane at expiry.
   */
  public AggregateWindows<K, V, OutputT> withLateFirings(boolean enabled) {
    return toBuilder().setLateFirings(enabled).build();
  }

  /** Whether a pane holds all data of its window or only data since the previous pane. */
  public AggregateWindows<K, V, OutputT> withAccumulation(Accumulation mode) {
    if (mode == null) {
      throw new IllegalArgumentException(
          "accumulation must be ACCUMULATING or DISCARDING, got null");
    }
    return toBuilder().setAccumulation(mode).build();
  }

  /** Prefix of the counters {@code rtp/<name>.input|late_data|panes} (letters, digits, _ . -). */
  public AggregateWindows<K, V, OutputT> withMetricsName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(
          "metricsName must be 1 to 64 of [A-Za-z0-9_.-], got '" + name + "'");
    }
    return toBuilder().setMetricsName(name).build();
  }

  @Override
  public AggregateResult<K, V, OutputT> expand(PCollection<KV<K, V>> input) {
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException(
          "input must be in the global window (AggregateWindows does the windowing itself), got "
              + input.getWindowingStrategy().getWindowFn());
    }
    if (!(input.getCoder() instanceof KvCoder<K, V> kvCoder)) {
      throw new IllegalArgumentException("input coder must be a KvCoder, got " + input.getCoder());
    }
    return expandWith(input, kvCoder, getCombineFn());
  }

  /** Names the accumulator type of {@code fn} so its coder and state can be typed. */
  private <AccumT> AggregateResult<K, V, OutputT> expandWith(
      PCollection<KV<K, V>> input, KvCoder<K, V> kvCoder, CombineFn<V, AccumT, OutputT> fn) {
    CoderRegistry registry = input.getPipeline().getCoderRegistry();
    Coder<AccumT> accumulatorCoder;
    Coder<OutputT> outputCoder;
    try {
      accumulatorCoder = fn.getAccumulatorCoder(registry, kvCoder.getValueCoder());
      outputCoder = fn.getDefaultOutputCoder(registry, kvCoder.getValueCoder());
    } catch (CannotProvideCoderException e) {
      throw new IllegalArgumentException(
          "combineFn " + fn.getClass().getName() + " has no accumulator or output coder", e);
    }
    TupleTag<WindowPane<K, OutputT>> panesTag = new TupleTag<>("panes");
    TupleTag<KV<K, V>> lateTag = new TupleTag<>("lateData");
    WindowLedger<V, AccumT, OutputT> ledger =
        new WindowLedger<>(
            getAssigner(),
            fn,
            getAllowedLateness().getMillis(),
            getLateFirings(),
            getAccumulation());
    PCollectionTuple outputs =
        input.apply(
            "AggregatePerKeyAndWindow",
            ParDo.of(
                    new AggregateFn<>(
                        ledger,
                        KeyWindows.StateCoder.of(accumulatorCoder),
                        kvCoder.getKeyCoder(),
                        getEarlyFiringDelay(),
                        getMetricsName(),
                        panesTag,
                        lateTag))
                .withOutputTags(panesTag, TupleTagList.of(lateTag)));
    PCollection<WindowPane<K, OutputT>> panes =
        outputs.get(panesTag).setCoder(WindowPane.coder(kvCoder.getKeyCoder(), outputCoder));
    PCollection<KV<K, V>> late = outputs.get(lateTag).setCoder(kvCoder);
    return new AggregateResult<>(input.getPipeline(), panesTag, panes, lateTag, late);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("windows", getAssigner().toString()))
        .add(DisplayData.item("combineFn", getCombineFn().getClass()))
        .add(DisplayData.item("allowedLateness", getAllowedLateness()))
        .addIfNotNull(DisplayData.item("earlyFiringDelay", getEarlyFiringDelay()))
        .add(DisplayData.item("lateFirings", getLateFirings()))
        .add(DisplayData.item("accumulation", getAccumulation().name()));
  }

  /**
   * Keeps each key's open windows in state in the global window, so the runner drops nothing: one
   * event-time timer per key at the next window end or expiry, one processing-time timer for early
   * panes.
   */
  static final class AggregateFn<K, V, AccumT, OutputT>
      extends DoFn<KV<K, V>, WindowPane<K, OutputT>> {
    /** Window bookkeeping: admission, merging, which panes to emit. */
    private final WindowLedger<V, AccumT, OutputT> ledger;

    /** Processing-time delay of early panes, or {@code null} for none. */
    private final Duration earlyFiringDelay;

    /** Main output: panes. */
    private final TupleTag<WindowPane<K, OutputT>> panesTag;

    /** Side output: too-late elements. */
    private final TupleTag<KV<K, V>> lateTag;

    /** Elements received. */
    private final Counter inputCount;

    /** Elements sent to the late output. */
    private final Counter lateCount;

    /** Panes emitted. */
    private final Counter paneCount;

    /** The key's open windows and where its windows are closed. */
    @StateId("windows")
    private final StateSpec<ValueState<KeyWindows<AccumT>>> windowsSpec;

    /** The key itself, for panes emitted from timers. */
    @StateId("key")
    private final StateSpec<ValueState<K>> keySpec;

    /** Event time of the next window end (ON_TIME pane) or expiry (final pane, close). */
    @TimerId("fire")
    private final TimerSpec fireSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    /** Processing time of the next EARLY panes. */
    @TimerId("early")
    private final TimerSpec earlySpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    private final String metricsName;

    AggregateFn(
        WindowLedger<V, AccumT, OutputT> ledger,
        KeyWindows.StateCoder<AccumT> stateCoder,
        Coder<K> keyCoder,
        Duration earlyFiringDelay,
        String metricsName,
        TupleTag<WindowPane<K, OutputT>> panesTag,
        TupleTag<KV<K, V>> lateTag) {
      this.ledger = ledger;
      this.earlyFiringDelay = earlyFiringDelay;
      this.panesTag = panesTag;
      this.lateTag = lateTag;
      this.windowsSpec = StateSpecs.value(stateCoder);
      this.keySpec = StateSpecs.value(keyCoder);
      this.inputCount = Metrics.counter(METRICS_NAMESPACE, metricsName + ".input");
      this.lateCount = Metrics.counter(METRICS_NAMESPACE, metricsName + ".late_data");
      this.metricsName = metricsName;
      this.paneCount = Metrics.counter(METRICS_NAMESPACE, metricsName + ".panes");
    }

    @ProcessElement
    public void process(
        @Element KV<K, V> element,
        @Timestamp Instant timestamp,
        @StateId("windows") ValueState<KeyWindows<AccumT>> windowsState,
        @StateId("key") ValueState<K> keyState,
        @TimerId("fire") Timer fire,
        @TimerId("early") Timer early,
        MultiOutputReceiver out) {
      inputCount.inc();
      KeyWindows<AccumT> windows = windowsState.read();
      if (windows == null) {
        windows = KeyWindows.empty();
      }
      List<Firing<OutputT>> firings =
          ledger.add(windows, timestamp.getMillis(), element.getValue());
      if (firings == null) {
        lateCount.inc();
        JobMetrics.late(metricsName);
        out.get(lateTag).output(element);
        return;
      }
      emit(element.getKey(), firings, out);
      Long next = ledger.nextEventTime(windows);
      fire.set(new Instant(next));
      if (earlyFiringDelay != null
          && !windows.earlyScheduled()
          && ledger.awaitsEarlyPane(windows)) {
        early.offset(earlyFiringDelay).withOutputTimestamp(new Instant(next)).setRelative();
        windows.setEarlyScheduled(true);
      }
      windowsState.write(windows);
      keyState.write(element.getKey());
    }

    @OnTimer("fire")
    public void onFire(
        OnTimerContext context,
        @StateId("windows") ValueState<KeyWindows<AccumT>> windowsState,
        @StateId("key") ValueState<K> keyState,
        @TimerId("fire") Timer fire,
        @TimerId("early") Timer early,
        MultiOutputReceiver out) {
      KeyWindows<AccumT> windows = windowsState.read();
      if (windows == null) {
        return;
      }
      K key = keyState.read();
      emit(key, ledger.onEventTime(windows, context.fireTimestamp().getMillis()), out);
      if (windows.earlyScheduled() && !ledger.awaitsEarlyPane(windows)) {
        early.clear();
        windows.setEarlyScheduled(false);
      }
      Long next = ledger.nextEventTime(windows);
      if (next != null) {
        fire.set(new Instant(next));
      } else {
        keyState.clear();
      }
      windowsState.write(windows);
    }

    @OnTimer("early")
    public void onEarly(
        @StateId("windows") ValueState<KeyWindows<AccumT>> windowsState,
        @StateId("key") ValueState<K> keyState,
        MultiOutputReceiver out) {
      KeyWindows<AccumT> windows = windowsState.read();
      if (windows == null) {
        return;
      }
      emit(keyState.read(), ledger.onEarly(windows), out);
      windowsState.write(windows);
    }

    private void emit(K key, List<Firing<OutputT>> firings, MultiOutputReceiver out) {
      for (Firing<OutputT> f : firings) {
        paneCount.inc();
        out.get(panesTag)
            .outputWithTimestamp(
                WindowPane.of(
                    key,
                    f.output(),
                    new Instant(f.window().start()),
                    new Instant(f.window().end()),
                    f.timing(),
                    f.index(),
                    f.isFinal()),
                new Instant(f.window().maxTimestamp()));
      }
    }

    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      // Panes carry their window's last millisecond, which can be before the element or timer
      // that triggers them (a LATE or final pane); they are late data downstream by design.
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
