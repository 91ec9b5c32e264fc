package io.realtimepipelines.fraud;

import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the findings on a transaction into a decision: the score is the sum of the weights of
 * the rules that fired (shadow rules count 0), capped at 100; a non-shadow blocklist hit blocks.
 */
public final class Decide {
  private Decide() {}

  public static Decision decide(Transaction t, List<Finding> findings, FraudRules r) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparing(Finding::rule).thenComparing(Finding::text));
    List<Reason> reasons = new ArrayList<>(sorted.size());
    int score = 0;
    boolean blocklisted = false;
    java.util.EnumSet<RuleId> counted = java.util.EnumSet.noneOf(RuleId.class);
    for (Finding f : sorted) {
      FraudRules.RuleSwitch sw = f.rule().in(r);
      if (!sw.enabled) {
        continue;
      }
      // A rule counts once even when it fires on several keys (e.g. account and card velocity).
      int points = sw.shadow || !counted.add(f.rule()) ? 0 : sw.weight;
      score += points;
      blocklisted |= f.rule() == RuleId.BLOCKLIST && !sw.shadow;
      reasons.add(Reason.of(f.rule().id(), points, sw.shadow, f.text()));
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
