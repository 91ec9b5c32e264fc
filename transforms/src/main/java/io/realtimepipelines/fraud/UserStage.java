package io.realtimepipelines.fraud;

import io.realtimepipelines.fraud.user.UserKeyState;
import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import io.realtimepipelines.ordering.KeyedProcessor;
import io.realtimepipelines.ordering.OrderedResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.joda.time.Duration;

/**
 * The keyed user rules (aggregates, sequences; docs/fraud-rule-language.md) as one of the scorer's
 * side-by-side stages: each transaction comes once per distinct key of the enabled keyed user rules
 * (rules with the same {@code groupBy} share it; {@link ScoreFraud} fans it out), is applied there
 * in event-time order like the built-in stages, and leaves keyed by transaction with its findings
 * for {@link JoinFindings}; a part late at its key leaves marked late.
 */
final class UserStage
    extends PTransform<
        PCollection<KV<String, UserStage.Part>>, PCollection<KV<String, JoinFindings.Part>>> {
  private final RulesSource rules;
  private final Duration allowedLateness;
  private final int keyShards;

  UserStage(RulesSource rules, Duration allowedLateness, int keyShards) {
    this.rules = rules;
    this.allowedLateness = allowedLateness;
    this.keyShards = keyShards;
  }

  static final KvCoder<String, Part> KEYED_PART_CODER =
      KvCoder.of(StringUtf8Coder.of(), PartCoder.INSTANCE);

  @Override
  public PCollection<KV<String, JoinFindings.Part>> expand(PCollection<KV<String, Part>> parts) {
    OrderedResult<Part, Part> applied =
        parts.apply(
            "UserRuleStage",
            ApplyInEventTimeOrder.of(new Processor(rules), PartCoder.INSTANCE)
                .withAllowedLateness(allowedLateness)
                .withShards(keyShards));
    return PCollectionList.of(
            applied
                .getOutput()
                .apply("KeyAppliedByTransaction", ParDo.of(new ByTransactionFn(false)))
                .setCoder(JoinFindings.KEYED_PART_CODER))
        .and(
            applied
                .getLate()
                .apply("KeyLateByTransaction", ParDo.of(new ByTransactionFn(true)))
                .setCoder(JoinFindings.KEYED_PART_CODER))
        .apply("UserRuleParts", Flatten.pCollections())
        .setCoder(JoinFindings.KEYED_PART_CODER);
  }

  /** One transaction at one of its user-rule keys. */
  static final class Part {
    final StageEvent event;
    final String key;

    Part(StageEvent event, String key) {
      this.event = event;
      this.key = key;
    }
  }

  /** The event (with its number of parts) and its key. */
  static final class PartCoder extends CustomCoder<Part> {
    private static final long serialVersionUID = 1L;
    static final PartCoder INSTANCE = new PartCoder();

    @Override
    public void encode(Part p, OutputStream out) throws IOException {
      StageEvent.StageEventCoder.of().encode(p.event, out);
      StringUtf8Coder.of().encode(p.key, out);
    }

    @Override
    public Part decode(InputStream in) throws IOException {
      StageEvent e = StageEvent.StageEventCoder.of().decode(in);
      return new Part(e, StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    private Object readResolve() {
      return INSTANCE;
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
      out.accept(new Part(p.event.plus(found), p.key));
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

  /** Keys a part by its transaction with its findings, marking late ones. */
  static final class ByTransactionFn extends DoFn<Part, KV<String, JoinFindings.Part>> {
    private final boolean late;

    ByTransactionFn(boolean late) {
      this.late = late;
    }

    @ProcessElement
    public void process(@Element Part p, OutputReceiver<KV<String, JoinFindings.Part>> out) {
      out.output(KV.of(JoinFindings.key(p.event), JoinFindings.Part.findingsOf(p.event, late)));
    }
  }
}
