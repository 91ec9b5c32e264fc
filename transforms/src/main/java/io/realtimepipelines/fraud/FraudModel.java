package io.realtimepipelines.fraud;

import io.realtimepipelines.fraud.user.UserKeyState;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The reference model of the whole scorer: one thread, one pass over all events in event-time order
 * (reports before transactions at the same instant), plain maps for state. The pipeline's decisions
 * must equal this model's, whatever the runner, parallelism or arrival order. It runs the same rule
 * classes as the pipeline, so it checks ordering and sharding, not the rules themselves: {@code
 * FraudRuleTableTest} checks each rule against the README's definition.
 */
public final class FraudModel {
  private final FraudRules rules;
  private final Map<String, KeyState> ips = new HashMap<>();
  private final Map<String, KeyState> accounts = new HashMap<>();
  private final Map<String, KeyState> merchants = new HashMap<>();
  private final Map<String, UserKeyState> userKeys = new HashMap<>();

  public FraudModel(FraudRules rules) {
    this.rules = rules;
  }

  /**
   * Decisions for {@code transactions}, in event-time order, given the reports in {@code feedback}.
   */
  public static List<Decision> decide(
      List<Transaction> transactions, List<FraudFeedback> feedback, FraudRules rules) {
    return decide(transactions, feedback, rules, t -> Enrichment.NONE);
  }

  /**
   * Decisions for {@code transactions}, each with what the lookups know about it ({@code lookups},
   * e.g. a map of external blocklists and account profiles), given the reports.
   */
  public static List<Decision> decide(
      List<Transaction> transactions,
      List<FraudFeedback> feedback,
      FraudRules rules,
      Function<Transaction, Enrichment> lookups) {
    List<StageEvent> events = new ArrayList<>(transactions.size() + feedback.size());
    transactions.forEach(t -> events.add(StageEvent.of(t)));
    feedback.forEach(f -> events.add(StageEvent.of(f)));
    events.sort(null);
    FraudModel model = new FraudModel(rules);
    List<Decision> out = new ArrayList<>(transactions.size());
    for (StageEvent e : events) {
      if (e.isTransaction()) {
        out.add(model.onTransaction(e.txn(), lookups.apply(e.txn())));
      } else {
        model.onFeedback(e.feedback());
      }
    }
    return out;
  }

  /** Applies a fraud report. Reports must come in event-time order with the transactions. */
  public void onFeedback(FraudFeedback f) {
    long now = f.getTimestamp().getMillis();
    FraudStages.onFeedback(fresh(accounts, f.getAccountId(), now, RuleStage.ACCOUNT), f, rules);
    FraudStages.onFeedback(fresh(merchants, f.getMerchantId(), now, RuleStage.MERCHANT), f, rules);
  }

  /** Decides on a transaction. Transactions must come in event-time order. */
  public Decision onTransaction(Transaction t) {
    return onTransaction(t, Enrichment.NONE);
  }

  /** Decides on a transaction with its lookups. Transactions must come in event-time order. */
  public Decision onTransaction(Transaction t, Enrichment enrichment) {
    long now = t.getTimestamp().getMillis();
    List<Finding> findings = new ArrayList<>();
    if (t.getIp() != null) {
      findings.addAll(
          FraudStages.onTransaction(
              fresh(ips, t.getIp(), now, RuleStage.IP), t, enrichment, rules));
    }
    findings.addAll(
        FraudStages.onTransaction(
            fresh(accounts, t.getAccountId(), now, RuleStage.ACCOUNT), t, enrichment, rules));
    findings.addAll(
        FraudStages.onTransaction(
            fresh(merchants, t.getMerchantId(), now, RuleStage.MERCHANT), t, enrichment, rules));
    for (String key : rules.userRules.partKeys(t)) {
      UserKeyState s = userKeys.get(key);
      if (s == null || FraudStages.expired(s, now, rules)) {
        s = new UserKeyState();
        userKeys.put(key, s);
      }
      findings.addAll(FraudStages.onUserKey(s, key, t, rules));
    }
    findings.addAll(FraudStages.decideStage(t, enrichment, rules));
    return Decide.decide(t, findings, rules);
  }

  private KeyState fresh(Map<String, KeyState> states, String key, long now, RuleStage stage) {
    KeyState s = states.get(key);
    if (s == null || FraudStages.expired(s, now, rules)) {
      s = KeyState.fresh(stage);
      states.put(key, s);
    }
    return s;
  }
}
