package io.realtimepipelines.fraud;

import io.realtimepipelines.fraud.user.UserRule;
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

  private static int userPosition(Finding f, FraudRules r) {
    if (f.userRule() == null) {
      return 0;
    }
    UserRule user = r.userRules.rule(f.userRule());
    return user == null ? Integer.MAX_VALUE : user.position();
  }

  public static Decision decide(Transaction t, List<Finding> findings, FraudRules r) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(
        Comparator.comparingInt(Finding::rule)
            .thenComparingInt(f -> userPosition(f, r))
            .thenComparing(Finding::text));
    List<Reason> reasons = new ArrayList<>(sorted.size());
    int score = 0;
    boolean blocklisted = false;
    boolean[] counted = new boolean[RuleRegistry.ALL.size()];
    java.util.Set<String> countedUser = null;
    for (Finding f : sorted) {
      if (f.userRule() != null) {
        // A user rule removed or disabled by a reload since its finding was made counts no more.
        UserRule user = r.userRules.rule(f.userRule());
        if (user == null || !user.enabled()) {
          continue;
        }
        if (countedUser == null) {
          countedUser = new java.util.HashSet<>(2);
        }
        int points = user.shadow() || !countedUser.add(user.id()) ? 0 : user.weight();
        score += points;
        reasons.add(Reason.of(user.id(), points, user.shadow(), f.text()));
        continue;
      }
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
