package io.realtimepipelines.ordering;

import static io.realtimepipelines.testing.Events.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.testing.Counters;
import io.realtimepipelines.testing.RunnerSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class ApplyInEventTimeOrderTest {

  /** Events are "name@minute"; the state is the history of names; each event emits it. */
  static final class History implements KeyedProcessor<String, StringBuilder, String> {
    @Override
    public String name() {
      return "history";
    }

    @Override
    public StringBuilder newState() {
      return new StringBuilder();
    }

    @Override
    public Coder<StringBuilder> stateCoder() {
      return DelegateCoder.of(StringUtf8Coder.of(), StringBuilder::toString, StringBuilder::new);
    }

    @Override
    public long timestamp(String event) {
      return minute(Double.parseDouble(event.substring(event.indexOf('@') + 1))).getMillis();
    }

    @Override
    public int compare(String a, String b) {
      return a.compareTo(b);
    }

    @Override
    public void apply(StringBuilder state, String event, Consumer<String> out) {
      state.append(state.length() == 0 ? "" : ",").append(event, 0, event.indexOf('@'));
      out.accept(state.toString());
    }

    @Override
    public long lastSeen(StringBuilder state) {
      return Long.MIN_VALUE;
    }

    @Override
    public long ttlMillis() {
      return Long.MAX_VALUE / 4;
    }

    @Override
    public boolean applyWhenLate(String event) {
      return event.startsWith("report");
    }
  }

  /** History's state with the time of the key's newest event, which expires after 5 minutes. */
  static final class Trail {
    final StringBuilder names = new StringBuilder();
    long lastSeen = Long.MIN_VALUE;
  }

  /**
   * Like {@link History}, but a key's state expires 5 minutes of event time after its last event.
   */
  static final class Expiring implements KeyedProcessor<String, Trail, String> {
    static final long TTL_MS = Duration.standardMinutes(5).getMillis();

    @Override
    public String name() {
      return "expiring";
    }

    @Override
    public Trail newState() {
      return new Trail();
    }

    @Override
    public Coder<Trail> stateCoder() {
      return DelegateCoder.of(
          KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()),
          (Trail t) -> KV.of(t.names.toString(), t.lastSeen),
          (KV<String, Long> kv) -> {
            Trail t = new Trail();
            t.names.append(kv.getKey());
            t.lastSeen = kv.getValue();
            return t;
          });
    }

    @Override
    public long timestamp(String event) {
      return new History().timestamp(event);
    }

    @Override
    public int compare(String a, String b) {
      return a.compareTo(b);
    }

    @Override
    public void apply(Trail state, String event, Consumer<String> out) {
      state.names.append(state.names.length() == 0 ? "" : ",").append(event, 0, event.indexOf('@'));
      state.lastSeen = Math.max(state.lastSeen, timestamp(event));
      out.accept(state.names.toString());
    }

    @Override
    public long lastSeen(Trail state) {
      return state.lastSeen;
    }

    @Override
    public long ttlMillis() {
      return TTL_MS;
    }
  }

  /**
   * Reference model: per key, the events in event-time order (ties by name), each emitting the
   * key's history so far. What {@link History} must produce when nothing is late.
   */
  static List<String> historyModel(List<KV<String, String>> events) {
    Map<String, List<String>> byKey = new TreeMap<>();
    for (KV<String, String> e : events) {
      byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    History h = new History();
    List<String> out = new ArrayList<>();
    for (List<String> keyEvents : byKey.values()) {
      keyEvents.sort(
          Comparator.comparingLong(h::timestamp).thenComparing(Comparator.naturalOrder()));
      StringBuilder state = h.newState();
      for (String e : keyEvents) {
        h.apply(state, e, out::add);
      }
    }
    return out;
  }

  /** The history of each key of a test stream, every key in one runner key. */
  private static OrderedResult<String, String> historyInOneShard(
      TestPipeline p, TestStream<KV<String, String>> events) {
    return p.apply(events)
        .apply(
            "History", ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()).withShards(1));
  }

  private static TimestampedValue<KV<String, String>> at(String key, String event) {
    Instant t = new Instant(new History().timestamp(event));
    return TimestampedValue.of(KV.of(key, event), t);
  }

  @ParameterizedTest(name = "shards={0}")
  @ValueSource(ints = {0, 1, 3})
  void batchEventsAreAppliedInEventTimeOrderPerKey(int shards, TestPipeline p) {
    PCollection<KV<String, String>> in =
        p.apply(
            Create.timestamped(
                    at("k1", "c@3"),
                    at("k1", "a@1"),
                    at("k2", "x@2"),
                    at("k1", "b@2"),
                    at("k1", "a2@1"))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    OrderedResult<String, String> out =
        in.apply(
            "History",
            ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()).withShards(shards));
    // Ties (a@1 and a2@1) are broken by the processor: "a2@1" sorts before "a@1".
    PAssert.that(out.getOutput()).containsInAnyOrder("a2", "a2,a", "a2,a,b", "a2,a,b,c", "x");
    PAssert.that(out.getLate()).empty();
    p.run().waitUntilFinish();
  }

  @ParameterizedTest(name = "shards={0}")
  @ValueSource(ints = {0, 2})
  void eventOlderThanOneAppliedGoesLateUnlessTheProcessorAppliesItAnyway(
      int shards, TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    TestStream<KV<String, String>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .addElements(at("k", "b@5"), at("k", "a@2"))
            .advanceWatermarkTo(minute(10))
            .addElements(at("k", "late@4"), at("k", "report@3"), at("k", "c@12"))
            .advanceWatermarkToInfinity();
    OrderedResult<String, String> out =
        p.apply(events)
            .apply(
                "History",
                ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()).withShards(shards));
    PAssert.that(out.getOutput()).containsInAnyOrder("a", "a,b", "a,b,report", "a,b,report,c");
    PAssert.that(out.getLate()).containsInAnyOrder("late@4");
    p.run().waitUntilFinish();
  }

  /** 300 keys with events in random order, from a fixed seed. */
  private static List<KV<String, String>> shuffledEvents() {
    Random random = new Random(6);
    List<KV<String, String>> events = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String key = "key-" + random.nextInt(300);
      events.add(KV.of(key, "e" + i + "@" + random.nextInt(120)));
    }
    return events;
  }

  private static List<TimestampedValue<KV<String, String>>> timestamped(
      List<KV<String, String>> events) {
    List<TimestampedValue<KV<String, String>>> out = new ArrayList<>();
    for (KV<String, String> e : events) {
      out.add(at(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Test
  void manyKeysSharingOneShardEachGetTheirOwnOrderAndState(TestPipeline p) {
    List<KV<String, String>> events = shuffledEvents();
    PCollection<KV<String, String>> in =
        p.apply(
            Create.timestamped(timestamped(events))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    OrderedResult<String, String> oneShard =
        in.apply(
            "OneShard",
            ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()).withShards(1));
    OrderedResult<String, String> threeShards =
        in.apply(
            "ThreeShards",
            ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()).withShards(3));
    OrderedResult<String, String> defaultShards =
        in.apply("DefaultShards", ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()));
    // A producer that computes the runner keys itself (onRunnerKeys) gets the same results.
    OrderedResult<String, String> givenRunnerKeys =
        in.apply(
                "OwnRunnerKeys",
                MapElements.into(new TypeDescriptor<KV<String, KV<String, String>>>() {})
                    .via(
                        (KV<String, String> kv) ->
                            KV.of(ApplyInEventTimeOrder.runnerKey(kv.getKey(), 5), kv)))
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(
                "GivenRunnerKeys",
                ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of())
                    .withShards(5)
                    .onRunnerKeys());
    List<String> expected = historyModel(events);
    PAssert.that(oneShard.getOutput()).containsInAnyOrder(expected);
    PAssert.that(threeShards.getOutput()).containsInAnyOrder(expected);
    PAssert.that(defaultShards.getOutput()).containsInAnyOrder(expected);
    PAssert.that(givenRunnerKeys.getOutput()).containsInAnyOrder(expected);
    PAssert.that(oneShard.getLate()).empty();
    PAssert.that(givenRunnerKeys.getLate()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void onRunnerKeysRejectsAnInputWithoutTheKeyInsideItsValue() {
    PCollection<KV<String, String>> keyedOnce =
        org.apache.beam.sdk.Pipeline.create()
            .apply(
                Create.of(KV.of("0", "a@1"))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    @SuppressWarnings({"unchecked", "rawtypes"})
    PCollection<KV<String, KV<String, String>>> wrong = (PCollection) keyedOnce;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                wrong.apply(
                    ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()).onRunnerKeys()));
    assertTrue(
        e.getMessage().contains("KvCoder of (runner key, KvCoder of (key, event))"),
        e.getMessage());
  }

  @Test
  void lateEventsAreJudgedPerKeyInASharedShard(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    TestStream<KV<String, String>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .addElements(at("a", "a1@5"), at("b", "b1@2"))
            .advanceWatermarkTo(minute(10))
            // 3 is before a's newest applied event (5) but after b's (2).
            .addElements(at("a", "a0@3"), at("b", "b2@3"), at("a", "a2@11"))
            .advanceWatermarkToInfinity();
    OrderedResult<String, String> out = historyInOneShard(p, events);
    PAssert.that(out.getOutput()).containsInAnyOrder("a1", "b1", "b1,b2", "a1,a2");
    PAssert.that(out.getLate()).containsInAnyOrder("a0@3");
    p.run().waitUntilFinish();
  }

  @Test
  void catchingUpAnEventStampedInTheFutureDoesNotHoldBackItsRunnerKey(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    // Minutes 1-3 are days behind the clock, so the job is catching up; b's event is an hour ahead
    // of it. Once the watermark passes 3, a's events are applied, so a0@2.5 is late. Before, the
    // key's next flush waited for the newest waiting event, b's, so a2 and a3 waited for the clock
    // to reach it and a0 was applied between them.
    double future = (System.currentTimeMillis() - minute(0).getMillis()) / 60_000.0 + 60;
    TestStream<KV<String, String>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .addElements(at("a", "a1@1"), at("a", "a2@2"), at("a", "a3@3"), at("b", "f@" + future))
            .advanceWatermarkTo(minute(10))
            .addElements(at("a", "a0@2.5"))
            .advanceWatermarkToInfinity();
    OrderedResult<String, String> out = historyInOneShard(p, events);
    PAssert.that(out.getOutput()).containsInAnyOrder("a1", "a1,a2", "a1,a2,a3", "f");
    PAssert.that(out.getLate()).containsInAnyOrder("a0@2.5");
    p.run().waitUntilFinish();
  }

  @Test
  void catchingUpTheNextFlushWaitsForTheNewestEventNotAfterTheClock() {
    long now = 1_000_000_000L;
    long behind = now - ApplyInEventTimeOrder.CATCHING_UP_MILLIS;
    // Live: the oldest waiting event, whatever else waits.
    assertEquals(500, ApplyInEventTimeOrder.nextFlushAt(500, 900, now - 1, now));
    // Catching up: the newest waiting event not after the clock.
    assertEquals(900, ApplyInEventTimeOrder.nextFlushAt(500, 900, behind, now));
    // Catching up with only future events waiting: the oldest of them, as live.
    assertEquals(now + 5, ApplyInEventTimeOrder.nextFlushAt(now + 5, Long.MIN_VALUE, behind, now));
  }

  @ParameterizedTest(name = "shards={0}")
  @ValueSource(ints = {0, 2})
  void onArrivalEachEventIsAppliedInTheOrderItArrivesAndNothingIsLate(int shards, TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    // One element per step: the runner hands them over in this order. b@5 arrives before a@2, and
    // the watermark never passes either before both are applied.
    TestStream<KV<String, String>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .addElements(at("k", "b@5"))
            .addElements(at("k", "a@2"))
            .addElements(at("j", "x@1"))
            .addElements(at("k", "c@7"))
            .advanceWatermarkToInfinity();
    OrderedResult<String, String> out =
        p.apply(events)
            .apply(
                "History",
                ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of())
                    .withShards(shards)
                    .onArrival());
    // In event-time order it would be "a", "a,b", "a,b,c"; on arrival a@2 comes after b@5.
    PAssert.that(out.getOutput()).containsInAnyOrder("b", "b,a", "b,a,c", "x");
    PAssert.that(out.getLate()).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, Counters.attempted(result, "rtp", "history.out_of_order"), "a@2 after b@5");
  }

  @Test
  void onArrivalAKeysStateStillExpiresAfterItsTtl(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    TestStream<KV<String, String>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .addElements(at("a", "a1@1"))
            .addElements(at("b", "b1@1"))
            .advanceWatermarkTo(minute(4))
            .addElements(at("b", "b2@4"))
            // a expires at 6 min + 1 ms (5 minutes after its last event), b only at 9 min + 1 ms.
            .advanceWatermarkTo(minute(7))
            // a was forgotten: its next event starts a new history; b continues its own.
            .addElements(at("a", "a2@7"))
            .addElements(at("b", "b3@7"))
            .advanceWatermarkToInfinity();
    OrderedResult<String, String> out =
        p.apply(events)
            .apply(
                "Expiring",
                ApplyInEventTimeOrder.of(new Expiring(), StringUtf8Coder.of())
                    .withShards(1)
                    .onArrival());
    PAssert.that(out.getOutput()).containsInAnyOrder("a1", "b1", "b1,b2", "a2", "b1,b2,b3");
    PAssert.that(out.getLate()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void keyExpiresWhileOtherKeysOfItsShardKeepTheirState(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    TestStream<KV<String, String>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .addElements(at("a", "a1@1"), at("b", "b1@1"))
            .advanceWatermarkTo(minute(2))
            .addElements(at("b", "b2@4"))
            .advanceWatermarkTo(minute(5))
            // a expires at 6 min + 1 ms (5 minutes after its last event), b only at 9 min + 1 ms.
            .advanceWatermarkTo(minute(7))
            // a was forgotten, frontier too: its older event starts a new history. b remembers
            // its frontier (4): its older event is late, its next one continues its history.
            .addElements(at("a", "a0@0.5"), at("b", "b0@3"), at("b", "b3@8"))
            .advanceWatermarkToInfinity();
    OrderedResult<String, String> out =
        p.apply(events)
            .apply(
                "Expiring",
                ApplyInEventTimeOrder.of(new Expiring(), StringUtf8Coder.of()).withShards(1));
    PAssert.that(out.getOutput()).containsInAnyOrder("a1", "b1", "b1,b2", "a0", "b1,b2,b3");
    PAssert.that(out.getLate()).containsInAnyOrder("b0@3");
    p.run().waitUntilFinish();
  }

  @Test
  void keyEventsAfterTheTtlStartAFreshStateWhileItsShardStaysBusy(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    // If the watermark overtook b2..a2 (Flink's parallel channels), the TTL sweep would see b idle.
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    TestStream<KV<String, String>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .addElements(at("a", "a1@1"), at("b", "b1@1"))
            .advanceWatermarkTo(minute(3))
            .addElements(at("b", "b2@4"), at("b", "b3@8"), at("a", "a2@9"))
            .advanceWatermarkToInfinity();
    OrderedResult<String, String> out =
        p.apply(events)
            .apply(
                "Expiring",
                ApplyInEventTimeOrder.of(new Expiring(), StringUtf8Coder.of()).withShards(1));
    // a's gap (1 -> 9) is longer than the TTL, b's steps (1 -> 4 -> 8) are not.
    PAssert.that(out.getOutput()).containsInAnyOrder("a1", "b1", "b1,b2", "b1,b2,b3", "a2");
    PAssert.that(out.getLate()).empty();
    p.run().waitUntilFinish();
  }

  /**
   * A bounded input (or a backlog) applies a shard's buffer in two rounds: the oldest events, then
   * all others at once. The TTL sweep that falls between the two rounds must not forget a key whose
   * next event is still waiting within the TTL: a's second event comes 3 minutes after its first,
   * so it continues a's state, even though the sweep at 6 minutes sees a idle since minute 1.
   */
  @Test
  void sweepBetweenCatchUpRoundsKeepsAKeyWhoseNextEventIsWithinTheTtl(TestPipeline p) {
    PCollection<KV<String, String>> in =
        p.apply(
            Create.timestamped(at("a", "a1@1"), at("a", "a4@4"), at("b", "b20@20"))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    OrderedResult<String, String> out =
        in.apply(
            "Expiring",
            ApplyInEventTimeOrder.of(new Expiring(), StringUtf8Coder.of()).withShards(1));
    PAssert.that(out.getOutput()).containsInAnyOrder("a1", "a1,a4", "b20");
    PAssert.that(out.getLate()).empty();
    p.run().waitUntilFinish();
  }
}
