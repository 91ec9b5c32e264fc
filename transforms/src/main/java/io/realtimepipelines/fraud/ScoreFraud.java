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
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Decides APPROVE, REVIEW or BLOCK on every transaction, with the reasons, in event time.
 *
 * <p>Three keyed stages apply the rules that need history ({@link RuleStage}): per IP, per account
 * and its cards, and per merchant; each buffers a key's events until the watermark passes them and
 * applies them in event-time order, so decisions do not depend on arrival order and equal those of
 * {@link FraudModel}. A last stateless step adds the rules without memory and scores. Which rule
 * runs where is each rule's own business ({@link RuleRegistry}). Fraud reports (the optional
 * feedback input) reach the account and merchant stages. {@link #enriched()} scores transactions
 * that carry the results of external lookups.
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

  /** Runner keys each keyed stage spreads its keys over by default. */
  public static final int DEFAULT_KEY_SHARDS = 128;

  private ScoreFraud(
      RulesSource rules,
      @Nullable PCollection<FraudFeedback> feedback,
      Duration allowedLateness,
      int keyShards) {
    this.rules = rules;
    this.feedback = feedback;
    this.allowedLateness = allowedLateness;
    this.keyShards = keyShards;
  }

  /** Scores with {@code rules}, no feedback input, no extra lateness. */
  public static ScoreFraud withRules(RulesSource rules) {
    if (rules == null) {
      throw new IllegalArgumentException("rules must not be null");
    }
    return new ScoreFraud(rules, null, Duration.ZERO, DEFAULT_KEY_SHARDS);
  }

  /** Fraud reports (confirmed frauds, chargebacks) that raise the risk of later transactions. */
  public ScoreFraud withFeedback(PCollection<FraudFeedback> reports) {
    if (reports == null) {
      throw new IllegalArgumentException("feedback must not be null");
    }
    return new ScoreFraud(rules, reports, allowedLateness, keyShards);
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
    return new ScoreFraud(rules, feedback, lateness, keyShards);
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
    return new ScoreFraud(rules, feedback, allowedLateness, shards);
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
    PCollection<StageEvent> events =
        transactions
            .apply("CountTransactions", ParDo.of(new CountFn<Transaction>("fraud.transactions")))
            .setCoder(Transaction.coder())
            .apply(
                "ToStageEvents",
                MapElements.into(TypeDescriptor.of(StageEvent.class))
                    .via((Transaction t) -> StageEvent.of(t)))
            .setCoder(StageEvent.StageEventCoder.of());
    return score(events);
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
      PCollection<StageEvent> events =
          transactions
              .apply(
                  "CountTransactions",
                  ParDo.of(new CountFn<KV<Transaction, Enrichment>>("fraud.transactions")))
              .setCoder(KvCoder.of(Transaction.coder(), Enrichment.EnrichmentCoder.of()))
              .apply(
                  "ToStageEvents",
                  MapElements.into(TypeDescriptor.of(StageEvent.class))
                      .via(
                          (KV<Transaction, Enrichment> kv) ->
                              StageEvent.of(kv.getKey(), kv.getValue())))
              .setCoder(StageEvent.StageEventCoder.of());
      return scorer.score(events);
    }
  }

  private FraudResult score(PCollection<StageEvent> events) {
    Pipeline pipeline = events.getPipeline();
    // Hand-written coders: the schema coders convert each element to a Row and back, and nothing
    // downstream applies schema transforms to these collections.
    Coder<Transaction> txnCoder = Transaction.coder();
    Coder<Decision> decisionCoder = DecisionCoder.of();
    KvCoder<String, StageEvent> keyed =
        KvCoder.of(StringUtf8Coder.of(), StageEvent.StageEventCoder.of());
    List<PCollection<Transaction>> lates = new ArrayList<>();

    // Stage 1: per IP. Transactions without an IP skip it.
    PCollection<StageEvent> withIp =
        events.apply("WithIp", Filter.by((StageEvent e) -> e.txn().getIp() != null));
    PCollection<StageEvent> withoutIp =
        events.apply("WithoutIp", Filter.by((StageEvent e) -> e.txn().getIp() == null));
    PCollection<StageEvent> afterIp =
        stage(
            "IpStage",
            RuleStage.IP,
            withIp
                .apply(
                    "KeyByIp",
                    MapElements.into(kvType()).via((StageEvent e) -> KV.of(e.txn().getIp(), e)))
                .setCoder(keyed),
            txnCoder,
            lates);
    PCollection<StageEvent> stage1 =
        PCollectionList.of(afterIp).and(withoutIp).apply("AfterIpStage", Flatten.pCollections());

    // Stage 2: per account, with fraud reports.
    PCollectionList<KV<String, StageEvent>> accountIn =
        PCollectionList.of(
            stage1
                .apply(
                    "KeyByAccount",
                    MapElements.into(kvType())
                        .via((StageEvent e) -> KV.of(e.txn().getAccountId(), e)))
                .setCoder(keyed));
    PCollectionList<KV<String, StageEvent>> merchantIn = PCollectionList.empty(pipeline);
    if (feedback != null) {
      PCollection<StageEvent> reports =
          feedback
              .apply("CountFeedback", ParDo.of(new CountFn<FraudFeedback>("fraud.feedback")))
              .setCoder(feedback.getCoder())
              .apply(
                  "ReportsToStageEvents",
                  MapElements.into(TypeDescriptor.of(StageEvent.class)).via(StageEvent::of))
              .setCoder(StageEvent.StageEventCoder.of());
      accountIn =
          accountIn.and(
              reports
                  .apply(
                      "KeyReportsByAccount",
                      MapElements.into(kvType())
                          .via((StageEvent e) -> KV.of(e.feedback().getAccountId(), e)))
                  .setCoder(keyed));
      merchantIn =
          merchantIn.and(
              reports
                  .apply(
                      "KeyReportsByMerchant",
                      MapElements.into(kvType())
                          .via((StageEvent e) -> KV.of(e.feedback().getMerchantId(), e)))
                  .setCoder(keyed));
    }
    PCollection<StageEvent> stage2 =
        stage(
            "AccountStage",
            RuleStage.ACCOUNT,
            accountIn.apply("AccountInputs", Flatten.pCollections()).setCoder(keyed),
            txnCoder,
            lates);

    // Stage 3: per merchant, with fraud reports.
    merchantIn =
        merchantIn.and(
            stage2
                .apply(
                    "KeyByMerchant",
                    MapElements.into(kvType())
                        .via((StageEvent e) -> KV.of(e.txn().getMerchantId(), e)))
                .setCoder(keyed));
    PCollection<StageEvent> stage3 =
        stage(
            "MerchantStage",
            RuleStage.MERCHANT,
            merchantIn.apply("MerchantInputs", Flatten.pCollections()).setCoder(keyed),
            txnCoder,
            lates);

    // Keyed user rules (docs/fraud-rule-language.md): one more keyed step, joined back.
    PCollectionTuple user =
        stage3.apply("UserRules", new UserStage(rules, allowedLateness, keyShards));
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

  private static TypeDescriptor<KV<String, StageEvent>> kvType() {
    return new TypeDescriptor<KV<String, StageEvent>>() {};
  }

  private PCollection<StageEvent> stage(
      String name,
      RuleStage ruleStage,
      PCollection<KV<String, StageEvent>> input,
      Coder<Transaction> txnCoder,
      List<PCollection<Transaction>> lates) {
    OrderedResult<StageEvent, StageEvent> out =
        input.apply(
            name,
            ApplyInEventTimeOrder.of(
                    new StageProcessor(ruleStage, rules), StageEvent.StageEventCoder.of())
                .withAllowedLateness(allowedLateness)
                .withShards(keyShards));
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

  /** Counts elements passing by. */
  static final class CountFn<T> extends DoFn<T, T> {
    private final Counter counter;

    CountFn(String name) {
      this.counter = Metrics.counter("rtp", name);
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) {
      counter.inc();
      out.output(element);
    }
  }
}
