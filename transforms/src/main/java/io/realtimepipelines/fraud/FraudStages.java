package io.realtimepipelines.fraud;

import io.realtimepipelines.fraud.user.UserKeyState;
import io.realtimepipelines.fraud.user.UserRules;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the rules of one stage ({@link RuleRegistry}) on an event: each rule judges the key's memory
 * as it was before the event, then remembers the event. Events of one key must be applied in
 * event-time order; the reference model and the pipeline both do, so both give the same findings.
 * Knows no rule by name.
 */
public final class FraudStages {
  private static final long DAY_MS = 86_400_000L;

  private FraudStages() {}

  /** The findings of the enabled rules of {@code state}'s stage on {@code t}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static List<Finding> onTransaction(
      KeyState state, Transaction t, Enrichment e, FraudRules r) {
    state.lastSeen = Math.max(state.lastSeen, t.getTimestamp().getMillis());
    List<FraudRule<?>> rules = r.inStage(state.stage);
    List<Finding> out = new ArrayList<>(2);
    for (int i = 0; i < rules.size(); i++) {
      FraudRule rule = rules.get(i);
      int before = out.size();
      rule.onTransaction(state.memories[i], t, e, out);
      if (!rule.enabled()) {
        out.subList(before, out.size()).clear();
      }
    }
    String userKey = UserRules.stageKey(state.stage.name(), t);
    if (userKey != null && r.userRules.livesInStage(state.stage.name())) {
      if (state.user == null) {
        state.user = new UserKeyState();
      }
      r.userRules.apply(state.user, userKey, t, (id, text) -> out.add(Finding.user(id, text)));
    }
    return out;
  }

  /** A fraud report about one of the key's transactions. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void onFeedback(KeyState state, FraudFeedback f, FraudRules r) {
    state.lastSeen = Math.max(state.lastSeen, f.getTimestamp().getMillis());
    List<FraudRule<?>> rules = r.inStage(state.stage);
    for (int i = 0; i < rules.size(); i++) {
      ((FraudRule) rules.get(i)).onFeedback(state.memories[i], f);
    }
  }

  /** The findings of the enabled stateless rules (the last step) on {@code t}. */
  public static List<Finding> decideStage(Transaction t, Enrichment e, FraudRules r) {
    List<Finding> out = new ArrayList<>(1);
    for (FraudRule<?> rule : r.inStage(RuleStage.DECIDE)) {
      if (rule.enabled()) {
        rule.onTransaction(null, t, e, out);
      }
    }
    r.userRules.conditions(t, (id, text) -> out.add(Finding.user(id, text)));
    return out;
  }

  /**
   * The findings of the keyed user rules living under {@code partKey} (one of {@code
   * r.userRules.partKeys(t)}) on {@code t}, applied to that key's state in event-time order.
   */
  public static List<Finding> onUserKey(
      UserKeyState state, String partKey, Transaction t, FraudRules r) {
    List<Finding> out = new ArrayList<>(1);
    r.userRules.apply(state, partKey, t, (id, text) -> out.add(Finding.user(id, text)));
    return out;
  }

  /** True when a user key's state may be dropped: no transaction for {@code stateTtlDays}. */
  public static boolean expired(UserKeyState state, long now, FraudRules r) {
    return state.lastSeen != Long.MIN_VALUE && now - state.lastSeen > r.stateTtlDays * DAY_MS;
  }

  /** True when a key's state may be dropped: no event for {@code stateTtlDays}. */
  public static boolean expired(KeyState state, long now, FraudRules r) {
    return state.lastSeen != Long.MIN_VALUE && now - state.lastSeen > r.stateTtlDays * DAY_MS;
  }
}
