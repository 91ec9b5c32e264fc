package io.realtimepipelines.fraud;

import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the findings on a transaction into a decision: the score is the sum of the weights of the
 * rules that fired (shadow rules count 0), capped at 100; a non-shadow finding of a rule that
 * {@link FraudRule#blocksAlone() blocks alone} (the blocklist) blocks.
 */
public final class Decide {
  private Decide() {}

  public static Decision decide(Transaction t, List<Finding> findings, FraudRules r) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparingInt(Finding::rule).thenComparing(Finding::text));
    List<Reason> reasons = new ArrayList<>(sorted.size());
    int score = 0;
    boolean blocklisted = false;
    boolean[] counted = new boolean[RuleRegistry.ALL.size()];
    for (Finding f : sorted) {
      FraudRule<?> rule = r.rule(f.rule());
      if (!rule.enabled()) {
        continue;
      }
      // A rule counts once even when it fires on several keys (e.g. account and card velocity).
      int points = rule.shadow() || counted[f.rule()] ? 0 : rule.weight();
      counted[f.rule()] = true;
      score += points;
      blocklisted |= rule.blocksAlone() && !rule.shadow();
      reasons.add(Reason.of(rule.id(), points, rule.shadow(), f.text()));
    }
    score = Math.min(100, score);
    Action action;
    if (blocklisted || score >= r.blockAt) {
      action = Action.BLOCK;
    } else if (score >= r.reviewAt) {
      action = Action.REVIEW;
    } else {
      action = Action.APPROVE;
    }
    if (blocklisted) {
      score = 100;
    }
    return Decision.of(
        t.getTxnId(),
        t.getAccountId(),
        t.getMerchantId(),
        t.getAmount(),
        t.getCurrency(),
        t.getTimestamp(),
        action,
        score,
        r.version,
        reasons);
  }
}
