package io.realtimepipelines.tools.fraud;

import io.realtimepipelines.fraud.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled transactions by class (genuine, a kind of fraud) and the action decided on them, the
 * table behind an evaluation: a transaction without a decision counts as APPROVE and as missing,
 * with the first few named for the report.
 */
public final class ActionTally {
  private final Map<Action, long[]> counts = new EnumMap<>(Action.class);
  private final long[] missing;
  private final List<String> missingExamples = new ArrayList<>();

  /** An empty table of {@code classes} classes, numbered from 0. */
  public ActionTally(int classes) {
    for (Action a : Action.values()) {
      counts.put(a, new long[classes]);
    }
    missing = new long[classes];
  }

  /**
   * Counts one labelled transaction of class {@code cls} decided {@code action}; null when it has
   * no decision, in which case {@code name} may be listed as an example.
   */
  public void add(int cls, Action action, String name) {
    if (action == null) {
      missing[cls]++;
      Decisions.addExample(missingExamples, name);
    }
    counts.get(action == null ? Action.APPROVE : action)[cls]++;
  }

  /** Transactions of class {@code cls} decided {@code action} (missing ones as APPROVE). */
  public long count(Action action, int cls) {
    return counts.get(action)[cls];
  }

  /** Transactions of class {@code cls} sent to BLOCK, or to REVIEW or BLOCK. */
  public long flagged(int cls, boolean blockOnly) {
    return count(Action.BLOCK, cls) + (blockOnly ? 0 : count(Action.REVIEW, cls));
  }

  /** Transactions of class {@code cls} without a decision. */
  public long missing(int cls) {
    return missing[cls];
  }

  /** Transactions without a decision, all classes. */
  public long missing() {
    long total = 0;
    for (long m : missing) {
      total += m;
    }
    return total;
  }

  /** The first few transactions without a decision, as named to {@link #add}. */
  public List<String> missingExamples() {
    return Collections.unmodifiableList(missingExamples);
  }
}
