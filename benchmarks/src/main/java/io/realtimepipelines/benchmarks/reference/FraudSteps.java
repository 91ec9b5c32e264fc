package io.realtimepipelines.benchmarks.reference;

import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.fraud.Decide;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.fraud.FraudStages;
import io.realtimepipelines.fraud.KeyState;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.validation.DeadLetters;
import io.realtimepipelines.validation.ParseEvents;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.joda.time.Instant;

/**
 * The steps of {@link FlinkFraudReference}, each a small named Flink function around the project's
 * plain-Java classes: decode ({@link RecordDecoder}), drop repeats, one keyed rule stage ({@link
 * FraudStages#onTransaction}) and decide ({@link FraudStages#decideStage}, {@link Decide}). Counts
 * go to Flink accumulators, which the job's result carries back to the command line.
 */
final class FraudSteps {
  static final String READ = "read";
  static final String VALID = "valid";
  static final String DEAD = "deadLetters";
  static final String DUPLICATES = "duplicates";

  /** Dead letters as JSON, from {@link DecodeLines}. */
  static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  /** Repeated ids as JSON, from {@link DropRepeats}. */
  static final OutputTag<String> REPEATS = new OutputTag<>("duplicates") {};

  /** Transactions without an IP, which skip the IP stage, from {@link DropRepeats}. */
  static final OutputTag<ScoredTransaction> WITHOUT_IP =
      new OutputTag<>("without-ip", ScoredTransactionSerializer.TYPE);

  /** Event time in ms that fires a key's timer once all of the key's input is in (batch mode). */
  private static final long END_OF_KEY = Long.MAX_VALUE;

  private FraudSteps() {}

  /** The name of the accumulator counting decisions with {@code action}. */
  static String decisions(Action action) {
    return "decisions" + action.name();
  }

  /** Decodes and validates each line exactly as the baseline does; invalid lines dead-lettered. */
  static final class DecodeLines extends ProcessFunction<Tuple2<Long, byte[]>, ScoredTransaction> {
    private static final long serialVersionUID = 1L;
    private static final String STAGE = "ParseTransaction";
    private final String input;
    private final FraudRules rules;
    private transient RecordDecoder<Transaction> decoder;
    private transient DeadLetters deadLetters;
    private transient LongCounter read;
    private transient LongCounter valid;
    private transient LongCounter dead;

    DecodeLines(String input, FraudRules rules) {
      this.input = input;
      this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
      decoder =
          new RecordDecoder<>(
              EventType.TRANSACTION,
              ParseEvents.DEFAULT_MAX_PAYLOAD_BYTES,
              ParseEvents.DEFAULT_MAX_FUTURE_SKEW);
      deadLetters = new DeadLetters("fraud", "flink-datastream-reference");
      read = getRuntimeContext().getLongCounter(READ);
      valid = getRuntimeContext().getLongCounter(VALID);
      dead = getRuntimeContext().getLongCounter(DEAD);
    }

    @Override
    public void processElement(
        Tuple2<Long, byte[]> line, Context ctx, Collector<ScoredTransaction> out) {
      read.add(1);
      Instant now = Instant.now();
      Transaction t;
      try {
        t = decoder.decode(line.f1, now);
      } catch (ValidationException e) {
        dead.add(1);
        DeadLetter d =
            deadLetters.create(
                EventType.TRANSACTION.wireName(),
                line.f1,
                input + ":@" + line.f0,
                STAGE,
                e.code(),
                e.field(),
                e.getMessage(),
                now);
        ctx.output(DEAD_LETTERS, EventJson.toJson(d, DeadLetter.class));
        return;
      }
      valid.add(1);
      if (!rules.userRules.partKeys(t).isEmpty()) {
        // FlinkFraudReference refuses such rules up front; this catches keys the probe missed.
        throw new IllegalArgumentException(
            FlinkFraudReference.USER_KEYS_UNSUPPORTED + " (transaction " + t.getTxnId() + ")");
      }
      out.collect(ScoredTransaction.of(t, line.f0));
    }
  }

  /**
   * Keyed by event id: the copy earliest in the file goes on, the others to {@link #REPEATS}, as
   * the baseline's batch dedup keeps the first line. Then routes transactions without an IP to
   * {@link #WITHOUT_IP}.
   */
  static final class DropRepeats
      extends KeyedProcessFunction<String, ScoredTransaction, ScoredTransaction> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<ScoredTransaction> first;
    private transient LongCounter duplicates;

    @Override
    public void open(OpenContext context) {
      first =
          getRuntimeContext()
              .getState(new ValueStateDescriptor<>("first", ScoredTransactionSerializer.TYPE));
      duplicates = getRuntimeContext().getLongCounter(DUPLICATES);
    }

    @Override
    public void processElement(ScoredTransaction s, Context ctx, Collector<ScoredTransaction> out)
        throws Exception {
      ScoredTransaction kept = first.value();
      if (kept == null) {
        first.update(s);
        ctx.timerService().registerEventTimeTimer(END_OF_KEY);
        return;
      }
      duplicates.add(1);
      ScoredTransaction repeat = s;
      if (s.offset < kept.offset) {
        first.update(s);
        repeat = kept;
      }
      ctx.output(REPEATS, EventJson.toJson(repeat.txn, Transaction.class));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoredTransaction> out)
        throws Exception {
      ScoredTransaction s = first.value();
      first.clear();
      if (s.txn.getIp() == null) {
        ctx.output(WITHOUT_IP, s);
      } else {
        out.collect(s);
      }
    }
  }

  /**
   * One rule stage keyed by IP, account or merchant: buffers the key's transactions, and once all
   * are in (batch mode fires the timer when the key's input ends) applies them in event-time order,
   * ties by transaction id, to a fresh {@link KeyState} that expires like the reference model's
   * after {@code stateTtlDays} without a transaction.
   */
  static final class ApplyStage
      extends KeyedProcessFunction<String, ScoredTransaction, ScoredTransaction> {
    private static final long serialVersionUID = 1L;
    private final RuleStage stage;
    private final FraudRules rules;
    private transient ListState<ScoredTransaction> buffer;

    ApplyStage(RuleStage stage, FraudRules rules) {
      this.stage = stage;
      this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
      buffer =
          getRuntimeContext()
              .getListState(new ListStateDescriptor<>("buffer", ScoredTransactionSerializer.TYPE));
    }

    @Override
    public void processElement(ScoredTransaction s, Context ctx, Collector<ScoredTransaction> out)
        throws Exception {
      buffer.add(s);
      ctx.timerService().registerEventTimeTimer(END_OF_KEY);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoredTransaction> out)
        throws Exception {
      List<ScoredTransaction> events = new ArrayList<>();
      buffer.get().forEach(events::add);
      buffer.clear();
      events.sort(ScoredTransaction.EVENT_TIME_ORDER);
      KeyState state = null;
      for (ScoredTransaction s : events) {
        long now = s.txn.getTimestamp().getMillis();
        if (state == null || FraudStages.expired(state, now, rules)) {
          state = KeyState.fresh(stage);
        }
        List<Finding> findings = FraudStages.onTransaction(state, s.txn, Enrichment.NONE, rules);
        out.collect(s.plus(findings));
      }
    }
  }

  /** The stateless rules and the decision, as JSON; counts decisions per action. */
  static final class DecideTransactions extends ProcessFunction<ScoredTransaction, String> {
    private static final long serialVersionUID = 1L;
    private final FraudRules rules;
    private transient Map<Action, LongCounter> byAction;

    DecideTransactions(FraudRules rules) {
      this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
      byAction = new EnumMap<>(Action.class);
      for (Action a : Action.values()) {
        byAction.put(a, getRuntimeContext().getLongCounter(decisions(a)));
      }
    }

    @Override
    public void processElement(ScoredTransaction s, Context ctx, Collector<String> out) {
      List<Finding> findings =
          s.plus(FraudStages.decideStage(s.txn, Enrichment.NONE, rules)).findings;
      Decision d = Decide.decide(s.txn, findings, rules);
      byAction.get(d.getAction()).add(1);
      out.collect(EventJson.toJson(d, Decision.class));
    }
  }
}
