package io.realtimepipelines.fraud;

import io.realtimepipelines.fraud.user.UserKeyState;
import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import io.realtimepipelines.ordering.KeyedProcessor;
import io.realtimepipelines.ordering.OrderedResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * The keyed user rules (aggregates, sequences; docs/fraud-rule-language.md) as one step of the
 * scorer: each transaction goes to one key per distinct key of the enabled keyed user rules (rules
 * with the same {@code groupBy} share it), is applied there in event-time order like the built-in
 * stages, and its parts are joined back with their findings before the decision. A transaction with
 * no such key passes straight through. A transaction late at any of its keys goes to the late
 * output once all its parts are back, so it ends in exactly one place.
 */
final class UserStage extends PTransform<PCollection<StageEvent>, PCollectionTuple> {
  static final TupleTag<StageEvent> DECIDED = new TupleTag<StageEvent>() {};
  static final TupleTag<StageEvent> LATE = new TupleTag<StageEvent>() {};

  private final RulesSource rules;
  private final Duration allowedLateness;
  private final int keyShards;
  private final boolean onArrival;

  UserStage(RulesSource rules, Duration allowedLateness, int keyShards, boolean onArrival) {
    this.rules = rules;
    this.allowedLateness = allowedLateness;
    this.keyShards = keyShards;
    this.onArrival = onArrival;
  }

  @Override
  public PCollectionTuple expand(PCollection<StageEvent> events) {
    TupleTag<KV<String, KV<String, Part>>> parts = new TupleTag<KV<String, KV<String, Part>>>() {};
    TupleTag<StageEvent> none = new TupleTag<StageEvent>() {};
    KvCoder<String, Part> keyed = KvCoder.of(StringUtf8Coder.of(), PartCoder.INSTANCE);
    // The fan-out emits the stage's runner keys itself: one step less on the watermark's path.
    PCollectionTuple fanned =
        events.apply(
            "UserRuleKeys",
            ParDo.of(new FanOutFn(rules, keyShards, parts, none))
                .withOutputTags(parts, TupleTagList.of(none)));
    ApplyInEventTimeOrder<Part, ?, Part> ordered =
        ApplyInEventTimeOrder.of(new Processor(rules), PartCoder.INSTANCE)
            .withAllowedLateness(allowedLateness)
            .withShards(keyShards);
    OrderedResult<Part, Part> applied =
        fanned
            .get(parts)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), keyed))
            .apply("UserRuleStage", (onArrival ? ordered.onArrival() : ordered).onRunnerKeys());
    PCollection<KV<String, Part>> back =
        PCollectionList.of(
                applied
                    .getOutput()
                    .apply("KeyAppliedByTransaction", ParDo.of(new ByTransactionFn(false)))
                    .setCoder(keyed))
            .and(
                applied
                    .getLate()
                    .apply("KeyLateByTransaction", ParDo.of(new ByTransactionFn(true)))
                    .setCoder(keyed))
            .apply("UserRuleParts", Flatten.pCollections());
    PCollectionTuple joined =
        back.apply(
            "JoinUserRuleFindings",
            ParDo.of(new JoinFn()).withOutputTags(DECIDED, TupleTagList.of(LATE)));
    PCollection<StageEvent> decided =
        PCollectionList.of(fanned.get(none).setCoder(StageEvent.StageEventCoder.of()))
            .and(joined.get(DECIDED).setCoder(StageEvent.StageEventCoder.of()))
            .apply("AfterUserRules", Flatten.pCollections());
    return PCollectionTuple.of(DECIDED, decided)
        .and(LATE, joined.get(LATE).setCoder(StageEvent.StageEventCoder.of()));
  }

  /** One transaction at one of its user-rule keys. */
  static final class Part {
    final StageEvent event;
    final String key;
    final int parts;
    final boolean late;

    /** How many of the event's findings it had before the user-rule step (the earlier stages'). */
    final int base;

    Part(StageEvent event, String key, int parts, boolean late, int base) {
      this.event = event;
      this.key = key;
      this.parts = parts;
      this.late = late;
      this.base = base;
    }
  }

  /** The event, its key, the number of parts and the late flag. */
  static final class PartCoder extends CustomCoder<Part> {
    private static final long serialVersionUID = 1L;
    static final PartCoder INSTANCE = new PartCoder();

    @Override
    public void encode(Part p, OutputStream out) throws IOException {
      StageEvent.StageEventCoder.of().encode(p.event, out);
      DataOutputStream data = new DataOutputStream(out);
      data.writeUTF(p.key);
      data.writeInt(p.parts);
      data.writeBoolean(p.late);
      data.writeInt(p.base);
      data.flush();
    }

    @Override
    public Part decode(InputStream in) throws IOException {
      StageEvent e = StageEvent.StageEventCoder.of().decode(in);
      DataInputStream data = new DataInputStream(in);
      return new Part(e, data.readUTF(), data.readInt(), data.readBoolean(), data.readInt());
    }

    @Override
    public void verifyDeterministic() {}

    private Object readResolve() {
      return INSTANCE;
    }
  }

  /**
   * Sends a transaction to each of its user-rule keys (keyed by runner key, as {@link
   * ApplyInEventTimeOrder#onRunnerKeys()} reads), or on when it has none.
   */
  static final class FanOutFn extends DoFn<StageEvent, KV<String, KV<String, Part>>> {
    private final RulesSource rules;
    private final int shards;
    private final TupleTag<KV<String, KV<String, Part>>> parts;
    private final TupleTag<StageEvent> none;

    FanOutFn(
        RulesSource rules,
        int shards,
        TupleTag<KV<String, KV<String, Part>>> parts,
        TupleTag<StageEvent> none) {
      this.rules = rules;
      this.shards = shards;
      this.parts = parts;
      this.none = none;
    }

    @ProcessElement
    public void process(@Element StageEvent e, MultiOutputReceiver out) {
      List<String> keys = rules.current().userRules.partKeys(e.txn());
      if (keys.isEmpty()) {
        out.get(none).output(e);
        return;
      }
      for (String key : keys) {
        out.get(parts)
            .output(
                KV.of(
                    ApplyInEventTimeOrder.runnerKey(key, shards),
                    KV.of(key, new Part(e, key, keys.size(), false, e.findings().size()))));
      }
    }
  }

  /** Applies a part to its key's user-rule state. */
  static final class Processor implements KeyedProcessor<Part, UserKeyState, Part> {
    private static final long serialVersionUID = 1L;
    private static final long DAY_MS = 86_400_000L;
    private final RulesSource rules;

    Processor(RulesSource rules) {
      this.rules = rules;
    }

    @Override
    public String name() {
      return "fraud.user";
    }

    @Override
    public UserKeyState newState() {
      return new UserKeyState();
    }

    @Override
    public Coder<UserKeyState> stateCoder() {
      return UserKeyState.StateCoder.of();
    }

    @Override
    public long timestamp(Part p) {
      return p.event.timestamp().getMillis();
    }

    @Override
    public int compare(Part a, Part b) {
      return a.event.compareTo(b.event);
    }

    @Override
    public void apply(UserKeyState state, Part p, Consumer<Part> out) {
      List<Finding> found = FraudStages.onUserKey(state, p.key, p.event.txn(), rules.current());
      out.accept(new Part(p.event.plus(found), p.key, p.parts, false, p.base));
    }

    @Override
    public long lastSeen(UserKeyState state) {
      return state.lastSeen;
    }

    @Override
    public long ttlMillis() {
      return rules.current().stateTtlDays * DAY_MS;
    }
  }

  /** Keys a part by its transaction (id and event time), marking late ones. */
  static final class ByTransactionFn extends DoFn<Part, KV<String, Part>> {
    private final boolean late;

    ByTransactionFn(boolean late) {
      this.late = late;
    }

    @ProcessElement
    public void process(@Element Part p, OutputReceiver<KV<String, Part>> out) {
      String key = p.event.txn().getTxnId() + "\u0000" + p.event.timestamp().getMillis();
      out.output(KV.of(key, late ? new Part(p.event, p.key, p.parts, true, p.base) : p));
    }
  }

  /**
   * Gathers a transaction's parts: when all are back, emits it with the findings of every part (to
   * the late output if any part was late).
   */
  static final class JoinFn extends DoFn<KV<String, Part>, StageEvent> {
    // Parts are appended (a bag) and counted, so a transaction with n parts costs n small writes,
    // not n rewrites of a growing list.
    @StateId("parts")
    private final StateSpec<BagState<Part>> partsSpec = StateSpecs.bag(PartCoder.INSTANCE);

    @StateId("count")
    private final StateSpec<ValueState<Integer>> countSpec = StateSpecs.value(VarIntCoder.of());

    @ProcessElement
    public void process(
        @Element KV<String, Part> element,
        @StateId("parts") BagState<Part> parts,
        @StateId("count") ValueState<Integer> count,
        MultiOutputReceiver out) {
      Part p = element.getValue();
      if (p.parts == 1) {
        (p.late ? out.get(LATE) : out.get(DECIDED)).output(p.event);
        return;
      }
      Integer seen = count.read();
      int n = (seen == null ? 0 : seen) + 1;
      if (n < p.parts) {
        parts.add(p);
        count.write(n);
        return;
      }
      List<Part> all = new ArrayList<>(p.parts);
      parts.read().forEach(all::add);
      all.add(p);
      parts.clear();
      count.clear();
      boolean late = false;
      StageEvent base = all.get(0).event;
      List<Finding> findings = new ArrayList<>(base.findings().subList(0, p.base));
      for (Part part : all) {
        late |= part.late;
        List<Finding> own = part.event.findings();
        findings.addAll(own.subList(part.base, own.size()));
      }
      StageEvent merged = base.withFindings(findings);
      (late ? out.get(LATE) : out.get(DECIDED)).output(merged);
    }
  }
}
