package io.realtimepipelines.fraud.user;

import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference model of the keyed user rules, written from docs/fraud-rule-language.md and
 * independent of their incremental memories: it keeps every transaction of every key and recomputes
 * each window, each history and each candidate first step from scratch (quadratic; for tests).
 * Transactions must come in event-time order (ties by id), as the scorer applies them.
 */
public final class UserRulesModel {
  private final UserRules rules;
  private final long ttlMillis;
  private final Map<String, List<Transaction>> byKey = new HashMap<>();
  private final Map<String, Long> lastSeen = new HashMap<>();

  public UserRulesModel(UserRules rules, long stateTtlDays) {
    this.rules = rules;
    this.ttlMillis = stateTtlDays * 86_400_000L;
  }

  /** The findings of the keyed user rules on {@code t}: rule id to sentence, in rule order. */
  public Map<String, String> onTransaction(Transaction t) {
    long now = t.getTimestamp().getMillis();
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : rules.allPartKeys(t)) {
      Long seen = lastSeen.get(key);
      if (seen != null && now - seen > ttlMillis) {
        byKey.remove(key);
      }
      List<Transaction> before = byKey.computeIfAbsent(key, k -> new ArrayList<>());
      String value = key.substring(key.indexOf('\u0000') + 1);
      for (UserRule r : rules.all()) {
        if (!r.enabled() || !r.keyed()) {
          continue;
        }
        Set<String> keys = new HashSet<>();
        r.partKeys(t, keys);
        if (!keys.contains(key)) {
          continue;
        }
        String text =
            r.kind == UserRule.Kind.AGGREGATE
                ? aggregate(r, before, t)
                : sequence(r, before, t, value);
        if (text != null) {
          out.put(r.id(), text);
        }
      }
      before.add(t);
      lastSeen.put(key, Math.max(seen == null ? Long.MIN_VALUE : seen, now));
    }
    return out;
  }

  /** The aggregate's value at {@code at} over the key's transactions up to it, or null on error. */
  private static Double valueAt(UserRule r, List<Transaction> history, int at) {
    Transaction t = history.get(at);
    long now = t.getTimestamp().getMillis();
    List<double[]> numbers = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i <= at; i++) {
      Transaction u = history.get(i);
      boolean counted;
      double number = 0;
      String value = null;
      try {
        counted = r.passesFilter(u);
        if (counted) {
          number = r.numberOf(u);
          value = r.distinctOf(u);
        }
      } catch (RuleError e) {
        if (i == at) {
          return null;
        }
        continue;
      }
      if (counted && u.getTimestamp().getMillis() > now - r.windowMillis) {
        numbers.add(new double[] {number});
        values.add(value);
      }
    }
    int from = Math.max(0, numbers.size() - r.maxEvents);
    List<double[]> n = numbers.subList(from, numbers.size());
    List<String> v = values.subList(from, values.size());
    switch (r.aggregateFn()) {
      case "count":
        return (double) n.size();
      case "distinct":
        return (double) new HashSet<>(v).size();
      default:
        break;
    }
    if (n.isEmpty()) {
      return 0.0;
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] x : n) {
      sum += x[0];
      min = Math.min(min, x[0]);
      max = Math.max(max, x[0]);
    }
    return switch (r.aggregateFn()) {
      case "sum" -> sum;
      case "avg" -> sum / n.size();
      case "min" -> min;
      default -> max;
    };
  }

  private static String aggregate(UserRule r, List<Transaction> before, Transaction t) {
    List<Transaction> all = new ArrayList<>(before);
    all.add(t);
    Double value = valueAt(r, all, all.size() - 1);
    if (value == null) {
      return null;
    }
    double limit;
    double median = Double.NaN;
    boolean fires;
    if (r.spec.timesMedian != null) {
      List<Double> history = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        Double v = valueAt(r, all, i);
        if (v != null) {
          history.add(v);
        }
      }
      List<Double> last =
          history.subList(Math.max(0, history.size() - r.historySize()), history.size());
      if (!last.isEmpty()) {
        double[] h = last.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(h);
        int mid = h.length / 2;
        median = h.length % 2 == 1 ? h[mid] : (h[mid - 1] + h[mid]) / 2;
      }
      limit = r.spec.timesMedian * median;
      fires = last.size() >= r.minHistory() && value >= limit;
    } else {
      limit = r.spec.limit;
      fires = UserRule.compare(value, r.spec.op, limit);
    }
    try {
      if (!fires || !r.passesWhen(t)) {
        return null;
      }
    } catch (RuleError e) {
      return null;
    }
    int count = 0;
    long now = t.getTimestamp().getMillis();
    List<Transaction> inWindow = new ArrayList<>();
    for (Transaction u : all) {
      try {
        if (u.getTimestamp().getMillis() > now - r.windowMillis && r.passesFilter(u)) {
          r.numberOf(u);
          r.distinctOf(u);
          inWindow.add(u);
        }
      } catch (RuleError e) {
        // not counted
      }
    }
    count = Math.min(inWindow.size(), r.maxEvents);
    final double v = value;
    final double l = limit;
    final double med = median;
    final int c = count;
    return r.render(
        name ->
            switch (name) {
              case "value" -> v;
              case "limit" -> l;
              case "median" -> med;
              case "count" -> c;
              case "window" -> Texts.windowSeconds(r.windowMillis / 1000);
              default -> TxnVars.field(t, name);
            });
  }

  private static String sequence(
      UserRule r, List<Transaction> before, Transaction t, String value) {
    if (!value.equals(UserRule.keyValue(t, r.thenKey))) {
      return null;
    }
    long now = t.getTimestamp().getMillis();
    List<Transaction> firsts = new ArrayList<>();
    for (Transaction u : before) {
      try {
        if (value.equals(UserRule.keyValue(u, r.firstKey)) && r.passesFirst(u)) {
          firsts.add(u);
        }
      } catch (RuleError e) {
        // not a first step
      }
    }
    List<Transaction> kept =
        firsts.subList(Math.max(0, firsts.size() - r.maxEvents), firsts.size());
    for (int i = kept.size() - 1; i >= 0; i--) {
      Transaction first = kept.get(i);
      if (first.getTimestamp().getMillis() < now - r.spec.withinSeconds * 1000) {
        continue;
      }
      try {
        if (r.passesThen(t, first)) {
          long elapsed = now - first.getTimestamp().getMillis();
          return r.render(
              name ->
                  "elapsed".equals(name)
                      ? Texts.duration(elapsed)
                      : name.startsWith("first.")
                          ? TxnVars.field(first, name.substring("first.".length()))
                          : TxnVars.field(t, name));
        }
      } catch (RuleError e) {
        // this candidate cannot be judged; try older ones
      }
    }
    return null;
  }
}
