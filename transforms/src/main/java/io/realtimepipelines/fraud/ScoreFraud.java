package io.realtimepipelines.fraud;

import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import io.realtimepipelines.ordering.OrderedResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Decides APPROVE, REVIEW or BLOCK on every transaction, with the reasons, in event time.
 *
 * <p>Three keyed stages apply the rules that need history ({@link RuleStage}): per IP, per account
 * and its cards, and per merchant; each buffers a key's events until the watermark passes them and
 * applies them in event-time order, so decisions do not depend on arrival order and equal those of
 * {@link FraudModel} ({@link #decidingOnArrival()} trades that for latency on live streams). A last
 * stateless step adds the rules without memory and scores. Which rule runs where is each rule's own
 * business ({@link RuleRegistry}). Fraud reports (the optional feedback input) reach the account
 * and merchant stages. {@link #enriched()} scores transactions that carry the results of external
 * lookups.
 *
 * <pre>{@code
 * FraudResult fraud = transactions.apply("ScoreFraud",
 *     ScoreFraud.withRules(RulesSource.fixed(FraudRules.defaults())).withFeedback(reports));
 * }</pre>
 *
 * <p>Needs event-time timers: on the Spark runner (Beam 2.70) it runs in batch only.
 */
public final class ScoreFraud extends PTransform<PCollection<Transaction>, FraudResult> {
  private final RulesSource rules;
  private final @Nullable PCollection<FraudFeedback> feedback;
  private final Duration allowedLateness;
  private final int keyShards;
  private final boolean onArrival;

  /** Runner keys each keyed stage spreads its keys over by default. */
  public static final int DEFAULT_KEY_SHARDS = 128;

  private ScoreFraud(
      RulesSource rules,
      @Nullable PCollection<FraudFeedback> feedback,
      Duration allowedLateness,
      int keyShards,
      boolean onArrival) {
    this.rules = rules;
    this.feedback = feedback;
    this.allowedLateness = allowedLateness;
    this.keyShards = keyShards;
    this.onArrival = onArrival;
  }

  /** Scores with {@code rules}, no feedback input, no extra lateness. */
  public static ScoreFraud withRules(RulesSource rules) {
    if (rules == null) {
      throw new IllegalArgumentException("rules must not be null");
    }
    return new ScoreFraud(rules, null, Duration.ZERO, DEFAULT_KEY_SHARDS, false);
  }

  /** Fraud reports (confirmed frauds, chargebacks) that raise the risk of later transactions. */
  public ScoreFraud withFeedback(PCollection<FraudFeedback> reports) {
    if (reports == null) {
      throw new IllegalArgumentException("feedback must not be null");
    }
    return new ScoreFraud(rules, reports, allowedLateness, keyShards, onArrival);
  }

  /**
   * How long after the watermark passes a transaction its decision waits for older events that are
   * still on their way (0 to 1 hour). Decisions come that much later.
   */
  public ScoreFraud withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return new ScoreFraud(rules, feedback, lateness, keyShards, onArrival);
  }

  /**
   * How many runner keys each keyed stage (per IP, account, merchant) spreads its keys over (1 to
   * 65,536; default 128; 0: one runner key per IP, account or merchant). Decisions do not depend on
   * it. Use a few times the job's parallelism; on the Direct runner, which pays per runner key and
   * timer round, a handful is fastest. See {@link ApplyInEventTimeOrder#withShards(int)}.
   */
  public ScoreFraud withKeyShards(int shards) {
    if (shards < 0 || shards > ApplyInEventTimeOrder.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "keyShards must be between 0 and "
              + ApplyInEventTimeOrder.MAX_SHARDS
              + ", got "
              + shards);
    }
    return new ScoreFraud(rules, feedback, allowedLateness, shards, onArrival);
  }

  /**
   * Decides each transaction as soon as it reaches each keyed stage, in arrival order, instead of
   * once the watermark has passed it ({@link ApplyInEventTimeOrder#onArrival()}): decisions come
   * about a bundle per stage after the transaction rather than a watermark round per stage, but
   * they depend on the arrival order. Where a key's transactions arrive out of event-time order,
   * each is still decided exactly once, from the state as it was on arrival (counted per stage as
   * {@code rtp/<stage>.out_of_order}); nothing is late, and the allowed lateness is ignored. With
   * every key's events arriving in event-time order the decisions are those of {@link FraudModel}.
   * For live streams; measured in BENCHMARKS.md, "Deciding on arrival".
   */
  public ScoreFraud decidingOnArrival() {
    return new ScoreFraud(rules, feedback, allowedLateness, keyShards, true);
  }

  /**
   * The same scorer for transactions that carry what a lookup knows about them (external
   * blocklists, the account's profile; see {@link Enrichment}). The lookup itself is I/O and
   * belongs to the pipeline; this transform only reads its result.
   */
  public Enriched enriched() {
    return new Enriched(this);
  }

  @Override
  public FraudResult expand(PCollection<Transaction> transactions) {
    return score(transactions, (Transaction t) -> StageEvent.of(t));
  }

  /** {@link ScoreFraud} over transactions with their {@link Enrichment}. */
  public static final class Enriched
      extends PTransform<PCollection<KV<Transaction, Enrichment>>, FraudResult> {
    private final ScoreFraud scorer;

    private Enriched(ScoreFraud scorer) {
      this.scorer = scorer;
    }

    @Override
    public FraudResult expand(PCollection<KV<Transaction, Enrichment>> transactions) {
      return scorer.score(
          transactions,
          (KV<Transaction, Enrichment> kv) -> StageEvent.of(kv.getKey(), kv.getValue()));
    }
  }

  /**
   * The keyed stages in sequence, each one Beam step: the step before a stage emits its input
   * already keyed by runner key ({@link StageRoute}), so the watermark crosses one step per stage
   * (see {@link ApplyInEventTimeOrder#onRunnerKeys()}).
   */
  private <T> FraudResult score(
      PCollection<T> transactions, SerializableFunction<T, StageEvent> toEvent) {
    Pipeline pipeline = transactions.getPipeline();
    // Hand-written coders: the schema coders convert each element to a Row and back, and nothing
    // downstream applies schema transforms to these collections.
    Coder<Transaction> txnCoder = Transaction.coder();
    Coder<Decision> decisionCoder = DecisionCoder.of();
    List<PCollection<Transaction>> lates = new ArrayList<>();

    // Stage 1: per IP. Transactions without an IP go straight to the account stage.
    TupleTag<KV<String, KV<String, StageEvent>>> toIp = new TupleTag<>("ip");
    TupleTag<KV<String, KV<String, StageEvent>>> toAccount = new TupleTag<>("account");
    PCollectionTuple routed =
        transactions.apply(
            "RouteTransactions",
            ParDo.of(new RouteTransactionsFn<T>(toEvent, keyShards, toIp, toAccount))
                .withOutputTags(toIp, TupleTagList.of(toAccount)));
    PCollection<KV<String, KV<String, StageEvent>>> afterIp =
        stage(
            "IpStage",
            RuleStage.IP,
            routed.get(toIp).setCoder(StageRoute.CODER),
            new StageRoute(RuleStage.ACCOUNT, keyShards),
            StageRoute.CODER,
            txnCoder,
            lates);

    // Stage 2: per account, with fraud reports. Stage 3: per merchant, with fraud reports.
    PCollectionList<KV<String, KV<String, StageEvent>>> accountIn =
        PCollectionList.of(afterIp).and(routed.get(toAccount).setCoder(StageRoute.CODER));
    PCollectionList<KV<String, KV<String, StageEvent>>> merchantIn =
        PCollectionList.empty(pipeline);
    if (feedback != null) {
      TupleTag<KV<String, KV<String, StageEvent>>> reportsToAccount = new TupleTag<>("account");
      TupleTag<KV<String, KV<String, StageEvent>>> reportsToMerchant = new TupleTag<>("merchant");
      PCollectionTuple reports =
          feedback.apply(
              "RouteReports",
              ParDo.of(new RouteReportsFn(keyShards, reportsToAccount, reportsToMerchant))
                  .withOutputTags(reportsToAccount, TupleTagList.of(reportsToMerchant)));
      accountIn = accountIn.and(reports.get(reportsToAccount).setCoder(StageRoute.CODER));
      merchantIn = merchantIn.and(reports.get(reportsToMerchant).setCoder(StageRoute.CODER));
    }
    PCollection<KV<String, KV<String, StageEvent>>> afterAccount =
        stage(
            "AccountStage",
            RuleStage.ACCOUNT,
            accountIn.apply("AccountInputs", Flatten.pCollections()).setCoder(StageRoute.CODER),
            new StageRoute(RuleStage.MERCHANT, keyShards),
            StageRoute.CODER,
            txnCoder,
            lates);
    PCollection<StageEvent> stage3 =
        stage(
            "MerchantStage",
            RuleStage.MERCHANT,
            merchantIn
                .and(afterAccount)
                .apply("MerchantInputs", Flatten.pCollections())
                .setCoder(StageRoute.CODER),
            (StageEvent e) -> e,
            StageEvent.StageEventCoder.of(),
            txnCoder,
            lates);

    // Keyed user rules (docs/fraud-rule-language.md): one more keyed step, joined back.
    PCollectionTuple user =
        stage3.apply("UserRules", new UserStage(rules, allowedLateness, keyShards, onArrival));
    lates.add(
        user.get(UserStage.LATE)
            .apply(
                "UserRulesLateTransactions",
                MapElements.into(TypeDescriptor.of(Transaction.class)).via(StageEvent::txn))
            .setCoder(txnCoder));
    PCollection<Decision> decisions =
        user.get(UserStage.DECIDED)
            .apply("Decide", ParDo.of(new DecideFn(rules)))
            .setCoder(decisionCoder);
    PCollection<Decision> alerts =
        decisions.apply("Alerts", Filter.by((Decision d) -> d.getAction() != Action.APPROVE));
    PCollection<Transaction> late =
        PCollectionList.of(lates)
            .apply("LateTransactions", Flatten.pCollections())
            .setCoder(txnCoder);
    return new FraudResult(pipeline, decisions, alerts, late);
  }

  private <O> PCollection<O> stage(
      String name,
      RuleStage ruleStage,
      PCollection<KV<String, KV<String, StageEvent>>> input,
      SerializableFunction<StageEvent, O> onward,
      Coder<O> outputCoder,
      Coder<Transaction> txnCoder,
      List<PCollection<Transaction>> lates) {
    ApplyInEventTimeOrder<StageEvent, ?, O> ordered =
        ApplyInEventTimeOrder.of(new StageProcessor<O>(ruleStage, rules, onward), outputCoder)
            .withAllowedLateness(allowedLateness)
            .withShards(keyShards);
    OrderedResult<StageEvent, O> out =
        input.apply(name, (onArrival ? ordered.onArrival() : ordered).onRunnerKeys());
    // Reports are applied even when late, so only transactions reach the late output.
    lates.add(
        out.getLate()
            .apply(
                name + "LateTransactions",
                MapElements.into(TypeDescriptor.of(Transaction.class)).via(StageEvent::txn))
            .setCoder(txnCoder));
    return out.getOutput();
  }

  /**
   * Counts transactions and sends each to its first keyed stage: the IP stage, or the account stage
   * when it has no IP. One step, where a count, a conversion, a filter each way and a keying step
   * stood before (each held the watermark on Flink: see {@link #score}).
   */
  static final class RouteTransactionsFn<T> extends DoFn<T, KV<String, KV<String, StageEvent>>> {
    private final Counter counter = Metrics.counter("rtp", "fraud.transactions");
    private final SerializableFunction<T, StageEvent> toEvent;
    private final StageRoute ip;
    private final StageRoute account;
    private final TupleTag<KV<String, KV<String, StageEvent>>> toIp;
    private final TupleTag<KV<String, KV<String, StageEvent>>> toAccount;

    RouteTransactionsFn(
        SerializableFunction<T, StageEvent> toEvent,
        int shards,
        TupleTag<KV<String, KV<String, StageEvent>>> toIp,
        TupleTag<KV<String, KV<String, StageEvent>>> toAccount) {
      this.toEvent = toEvent;
      this.ip = new StageRoute(RuleStage.IP, shards);
      this.account = new StageRoute(RuleStage.ACCOUNT, shards);
      this.toIp = toIp;
      this.toAccount = toAccount;
    }

    @ProcessElement
    public void process(@Element T element, MultiOutputReceiver out) {
      counter.inc();
      StageEvent e = toEvent.apply(element);
      if (e.txn().getIp() != null) {
        out.get(toIp).output(ip.apply(e));
      } else {
        out.get(toAccount).output(account.apply(e));
      }
    }
  }

  /** Counts fraud reports and sends each to the account and the merchant stage. */
  static final class RouteReportsFn
      extends DoFn<FraudFeedback, KV<String, KV<String, StageEvent>>> {
    private final Counter counter = Metrics.counter("rtp", "fraud.feedback");
    private final StageRoute account;
    private final StageRoute merchant;
    private final TupleTag<KV<String, KV<String, StageEvent>>> toAccount;
    private final TupleTag<KV<String, KV<String, StageEvent>>> toMerchant;

    RouteReportsFn(
        int shards,
        TupleTag<KV<String, KV<String, StageEvent>>> toAccount,
        TupleTag<KV<String, KV<String, StageEvent>>> toMerchant) {
      this.account = new StageRoute(RuleStage.ACCOUNT, shards);
      this.merchant = new StageRoute(RuleStage.MERCHANT, shards);
      this.toAccount = toAccount;
      this.toMerchant = toMerchant;
    }

    @ProcessElement
    public void process(@Element FraudFeedback report, MultiOutputReceiver out) {
      counter.inc();
      StageEvent e = StageEvent.of(report);
      out.get(toAccount).output(account.apply(e));
      out.get(toMerchant).output(merchant.apply(e));
    }
  }

  /**
   * The stateless rules (high amount, blocklists, account profile), then the score and the action.
   */
  static final class DecideFn extends DoFn<StageEvent, Decision> {
    private final RulesSource rules;
    private final Counter approve = Metrics.counter("rtp", "fraud.decisions.APPROVE");
    private final Counter review = Metrics.counter("rtp", "fraud.decisions.REVIEW");
    private final Counter block = Metrics.counter("rtp", "fraud.decisions.BLOCK");

    DecideFn(RulesSource rules) {
      this.rules = rules;
    }

    @ProcessElement
    public void process(@Element StageEvent e, OutputReceiver<Decision> out) {
      FraudRules r = rules.current();
      List<Finding> findings = new ArrayList<>(e.findings());
      findings.addAll(FraudStages.decideStage(e.txn(), e.enrichment(), r));
      Decision d = Decide.decide(e.txn(), findings, r);
      (d.getAction() == Action.APPROVE ? approve : d.getAction() == Action.REVIEW ? review : block)
          .inc();
      JobMetrics.decision(d.getAction().name());
      out.output(d);
    }
  }
}
