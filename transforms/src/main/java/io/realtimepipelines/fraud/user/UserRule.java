package io.realtimepipelines.fraud.user;

import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.fraud.user.Expressions.Expr;
import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One compiled user rule of a rules version (docs/fraud-rule-language.md): a {@code condition} on
 * one transaction, an {@code aggregate} over a key's sliding window, or a {@code sequence} of two
 * transactions on one key. Keyed rules keep their memory per key in {@link UserKeyState}; this
 * object holds no per-key data and serves every key.
 */
public final class UserRule {
  /** The kinds of user rule. */
  public enum Kind {
    CONDITION,
    AGGREGATE,
    SEQUENCE
  }

  static final int DEFAULT_AGGREGATE_EVENTS = 1_000;
  static final int DEFAULT_SEQUENCE_EVENTS = 100;

  final UserRuleSpec spec;
  final Kind kind;
  final int position;
  private final Map<String, AttributeType> declared;
  private final Template reason;
  private final @Nullable Expr when;
  // aggregate
  private final @Nullable Expr filter;
  private final @Nullable Expr of;
  final List<String> groupBy;
  final long windowMillis;
  private final String aggregate;
  final int maxEvents;
  private final int historySize;
  private final int minHistory;
  // sequence
  final List<String> firstKey;
  final List<String> thenKey;
  private final @Nullable Expr firstWhen;
  private final @Nullable Expr thenWhen;

  /** What state the rule's memory was built under: a change starts the memory fresh. */
  final String signature;

  private final String aggregateSpace;
  private final String sequenceSpace;

  UserRule(
      UserRuleSpec s,
      int position,
      String path,
      Expressions expressions,
      Set<String> fieldNames,
      Consumer<String> problems) {
    this.spec = s;
    this.position = position;
    this.declared = expressions.attributes();
    this.kind = Kind.valueOf(s.kind.toUpperCase(java.util.Locale.ROOT));
    this.when =
        s.when == null ? null : expressions.condition(path + ".when", s.when, false, problems);
    this.filter =
        s.filter == null
            ? null
            : expressions.condition(path + ".filter", s.filter, false, problems);
    this.aggregate = s.aggregate == null ? "" : s.aggregate;
    if (kind == Kind.AGGREGATE && s.of != null) {
      this.of =
          "distinct".equals(aggregate)
              ? expressions.value(path + ".of", s.of, problems)
              : expressions.number(path + ".of", s.of, problems);
    } else {
      this.of = null;
    }
    this.groupBy = s.groupBy == null ? List.of() : List.copyOf(s.groupBy);
    this.windowMillis = s.windowSeconds == null ? 0 : s.windowSeconds * 1000;
    this.historySize = s.historySize == null ? 50 : s.historySize;
    this.minHistory = s.minHistory == null ? 5 : s.minHistory;
    this.firstKey = s.first == null ? List.of() : List.copyOf(s.first.key);
    this.thenKey = s.then == null ? List.of() : List.copyOf(s.then.key);
    this.firstWhen =
        s.first == null || s.first.when == null
            ? null
            : expressions.condition(path + ".first.when", s.first.when, false, problems);
    this.thenWhen =
        s.then == null || s.then.when == null
            ? null
            : expressions.condition(path + ".then.when", s.then.when, true, problems);
    this.maxEvents =
        s.maxEvents != null
            ? s.maxEvents
            : kind == Kind.SEQUENCE ? DEFAULT_SEQUENCE_EVENTS : DEFAULT_AGGREGATE_EVENTS;
    for (String f : groupBy) {
      checkField(path + ".groupBy", f, fieldNames, problems);
    }
    for (String f : firstKey) {
      checkField(path + ".first.key", f, fieldNames, problems);
    }
    for (String f : thenKey) {
      checkField(path + ".then.key", f, fieldNames, problems);
    }
    if (kind == Kind.SEQUENCE && firstKey.size() != thenKey.size()) {
      problems.accept(
          path + ": first.key and then.key must name as many fields (their values are the key)");
    }
    if (kind == Kind.AGGREGATE && !"count".equals(aggregate) && s.of == null) {
      problems.accept(path + ".of: required for aggregate '" + aggregate + "'");
    }
    if (kind == Kind.AGGREGATE && (s.limit == null) == (s.timesMedian == null)) {
      problems.accept(path + ": give exactly one of limit (with op) or timesMedian");
    }
    if (kind == Kind.AGGREGATE && s.limit != null && s.op == null) {
      problems.accept(path + ".op: required with limit (one of >, >=, <, <=)");
    }
    Set<String> extra = new HashSet<>();
    if (kind == Kind.AGGREGATE) {
      extra.addAll(List.of("value", "limit", "count", "window", "median"));
    } else if (kind == Kind.SEQUENCE) {
      extra.add("elapsed");
    }
    this.reason =
        Template.parse(
            path + ".reason",
            s.reason,
            name ->
                fieldNames.contains(name)
                    || extra.contains(name)
                    || (kind == Kind.SEQUENCE
                        && name.startsWith("first.")
                        && fieldNames.contains(name.substring("first.".length()))),
            problems);
    this.aggregateSpace = "g:" + String.join(",", groupBy);
    this.sequenceSpace = firstKey.equals(thenKey) ? "g:" + String.join(",", firstKey) : "s:" + s.id;
    this.signature =
        kind == Kind.AGGREGATE
            ? String.join(
                "|",
                "aggregate",
                String.join(",", groupBy),
                String.valueOf(windowMillis),
                String.valueOf(s.filter),
                aggregate,
                String.valueOf(s.of),
                String.valueOf(maxEvents),
                String.valueOf(s.timesMedian != null),
                String.valueOf(historySize))
            : String.join(
                "|",
                "sequence",
                String.join(",", firstKey),
                String.join(",", thenKey),
                String.valueOf(s.withinSeconds),
                String.valueOf(s.first == null ? null : s.first.when),
                String.valueOf(maxEvents));
  }

  private static void checkField(
      String path, String field, Set<String> fieldNames, Consumer<String> problems) {
    if (!fieldNames.contains(field) || "attributes".equals(field) || "hour".equals(field)) {
      problems.accept(path + ": '" + field + "' is neither a core field nor a declared attribute");
    }
  }

  public String id() {
    return spec.id;
  }

  /** Its position in the file's {@code userRules}: the order of its reasons. */
  public int position() {
    return position;
  }

  public boolean enabled() {
    return spec.enabled;
  }

  public boolean shadow() {
    return spec.shadow;
  }

  public int weight() {
    return spec.weight;
  }

  /** True for aggregates and sequences: they need a keyed step. */
  boolean keyed() {
    return kind != Kind.CONDITION;
  }

  /** The key value of {@code fields} for {@code t}, or null when {@code t} lacks one. */
  static @Nullable String keyValue(Transaction t, List<String> fields) {
    if (fields.size() == 1) {
      Object v = TxnVars.field(t, fields.get(0));
      return v == null ? null : Template.format(v);
    }
    StringBuilder b = new StringBuilder();
    for (String f : fields) {
      Object v = TxnVars.field(t, f);
      if (v == null) {
        return null;
      }
      b.append(b.length() == 0 ? "" : "\u0001").append(Template.format(v));
    }
    return b.toString();
  }

  /** The key space the rule's memory lives in: rules with equal key spaces share a key state. */
  String keySpace(boolean firstStep) {
    return kind == Kind.AGGREGATE ? aggregateSpace : sequenceSpace;
  }

  /**
   * True when {@code t} applied under key space {@code space} and {@code value} concerns this rule.
   */
  boolean livesUnder(String space, String value, Transaction t) {
    if (!space.equals(kind == Kind.AGGREGATE ? aggregateSpace : sequenceSpace)) {
      return false;
    }
    if (kind == Kind.AGGREGATE) {
      return value.equals(keyValue(t, groupBy));
    }
    return value.equals(keyValue(t, firstKey)) || value.equals(keyValue(t, thenKey));
  }

  /** The keys (key space and value) under which {@code t} must be applied for this rule. */
  void partKeys(Transaction t, Set<String> out) {
    if (kind == Kind.AGGREGATE) {
      String v = keyValue(t, groupBy);
      if (v != null) {
        out.add(keySpace(true) + "\u0000" + v);
      }
    } else if (kind == Kind.SEQUENCE) {
      String a = keyValue(t, firstKey);
      if (a != null) {
        out.add(keySpace(true) + "\u0000" + a);
      }
      String b = keyValue(t, thenKey);
      if (b != null) {
        out.add(keySpace(false) + "\u0000" + b);
      }
    }
  }

  /** A condition rule on {@code t}: the sentence when it fires, else null. */
  @Nullable String evaluateCondition(Transaction t) throws RuleError {
    if (!when.test(t, declared, null)) {
      return null;
    }
    return reason.render(name -> TxnVars.field(t, name));
  }

  /**
   * An aggregate rule on {@code t} applied at key {@code key} (in event-time order): updates the
   * memory, returns the sentence when it fires, else null.
   */
  @Nullable String applyAggregate(AggregateMemory m, Transaction t) throws RuleError {
    long now = t.getTimestamp().getMillis();
    if (filter != null && !filter.test(t, declared, null)) {
      m.pruneBefore(now - windowMillis);
      return evaluateAggregate(m, t, now, false);
    }
    double number = 0;
    String distinct = null;
    if (of != null) {
      if ("distinct".equals(aggregate)) {
        distinct = Template.format(of.eval(t, declared, null));
      } else {
        number = of.number(t, declared);
      }
    }
    m.pruneBefore(now - windowMillis);
    m.add(now, number, distinct, maxEvents);
    return evaluateAggregate(m, t, now, true);
  }

  private @Nullable String evaluateAggregate(
      AggregateMemory m, Transaction t, long now, boolean counted) throws RuleError {
    double value = m.aggregate(aggregate);
    double limit;
    double median = Double.NaN;
    boolean fires;
    if (spec.timesMedian != null) {
      median = m.historyMedian();
      int history = m.historyCount();
      limit = spec.timesMedian * median;
      fires = history >= minHistory && value >= limit;
      m.pushHistory(value, historySize);
    } else {
      limit = spec.limit;
      fires = compare(value, spec.op, limit);
    }
    if (!fires || (when != null && !when.test(t, declared, null))) {
      return null;
    }
    final double v = value;
    final double l = limit;
    final double med = median;
    final int count = m.size();
    return reason.render(
        name ->
            switch (name) {
              case "value" -> v;
              case "limit" -> l;
              case "median" -> med;
              case "count" -> count;
              case "window" -> Texts.windowSeconds(windowMillis / 1000);
              default -> TxnVars.field(t, name);
            });
  }

  static boolean compare(double value, String op, double limit) {
    return switch (op) {
      case ">" -> value > limit;
      case ">=" -> value >= limit;
      case "<" -> value < limit;
      case "<=" -> value <= limit;
      default -> false;
    };
  }

  /**
   * A sequence rule on {@code t} applied at key {@code key}: as the second step when {@code t}'s
   * then-key is {@code key}, then remembered as a first step when its first-key is. Returns the
   * sentence when it fires, else null.
   */
  @Nullable String applySequence(SequenceMemory m, Transaction t, String keyValue)
      throws RuleError {
    long now = t.getTimestamp().getMillis();
    long within = spec.withinSeconds * 1000;
    m.pruneBefore(now - within);
    String fired = null;
    RuleError error = null;
    if (keyValue.equals(keyValue(t, thenKey))) {
      for (int i = m.firsts.size() - 1; i >= 0 && fired == null; i--) {
        Transaction first = m.firsts.get(i);
        try {
          if (thenWhen == null || thenWhen.test(t, declared, first)) {
            long elapsed = now - first.getTimestamp().getMillis();
            fired =
                reason.render(
                    name ->
                        "elapsed".equals(name)
                            ? Texts.duration(elapsed)
                            : name.startsWith("first.")
                                ? TxnVars.field(first, name.substring("first.".length()))
                                : TxnVars.field(t, name));
          }
        } catch (RuleError e) {
          error = error == null ? e : error;
        }
      }
    }
    if (keyValue.equals(keyValue(t, firstKey))) {
      try {
        if (firstWhen == null || firstWhen.test(t, declared, null)) {
          m.add(t, maxEvents);
        }
      } catch (RuleError e) {
        error = error == null ? e : error; // not a first step; its finding as a second still counts
      }
    }
    if (fired == null && error != null) {
      throw error;
    }
    return fired;
  }

  // Single steps, for the reference model (UserRulesModel).

  boolean passesFilter(Transaction t) throws RuleError {
    return filter == null || filter.test(t, declared, null);
  }

  boolean passesWhen(Transaction t) throws RuleError {
    return when == null || when.test(t, declared, null);
  }

  boolean passesFirst(Transaction t) throws RuleError {
    return firstWhen == null || firstWhen.test(t, declared, null);
  }

  boolean passesThen(Transaction t, Transaction first) throws RuleError {
    return thenWhen == null || thenWhen.test(t, declared, first);
  }

  double numberOf(Transaction t) throws RuleError {
    return of == null || "distinct".equals(aggregate) ? 0 : of.number(t, declared);
  }

  @Nullable String distinctOf(Transaction t) throws RuleError {
    return of != null && "distinct".equals(aggregate)
        ? Template.format(of.eval(t, declared, null))
        : null;
  }

  String aggregateFn() {
    return aggregate;
  }

  int historySize() {
    return historySize;
  }

  int minHistory() {
    return minHistory;
  }

  String render(java.util.function.Function<String, Object> values) {
    return reason.render(values);
  }

  /** A new key's memory for this rule. */
  Object newMemory() {
    return kind == Kind.AGGREGATE ? new AggregateMemory(signature) : new SequenceMemory(signature);
  }

  /** The memory's signature. */
  static String signatureOf(Object memory) {
    return memory instanceof AggregateMemory
        ? ((AggregateMemory) memory).signature
        : ((SequenceMemory) memory).signature;
  }

  /** An aggregate's window of one key, oldest first, and the history of its values. */
  static final class AggregateMemory {
    final String signature;
    long[] times = new long[4];
    double[] numbers = new double[4];
    String[] values = new String[4];
    int start;
    int end;
    double[] history = new double[0];
    int historyCount;
    int historyNext;

    /**
     * How many entries of the window hold each distinct value (distinct counts only): kept as
     * entries come and go, so a distinct count costs no pass over the window (7 to 1.5 us an event
     * in UserRulesBenchmark).
     */
    final Map<String, int[]> distinct = new HashMap<>();

    AggregateMemory(String signature) {
      this.signature = signature;
    }

    private void leave(int i) {
      String v = values[i];
      if (v != null) {
        int[] n = distinct.get(v);
        if (n != null && --n[0] == 0) {
          distinct.remove(v);
        }
        values[i] = null;
      }
    }

    int size() {
      return end - start;
    }

    void pruneBefore(long exclusiveLimit) {
      while (start < end && times[start] <= exclusiveLimit) {
        leave(start);
        start++;
      }
      if (start == end) {
        start = end = 0;
      }
    }

    void add(long time, double number, @Nullable String value, int max) {
      if (end == times.length) {
        if (start > 0) {
          System.arraycopy(times, start, times, 0, end - start);
          System.arraycopy(numbers, start, numbers, 0, end - start);
          System.arraycopy(values, start, values, 0, end - start);
          Arrays.fill(values, end - start, end, null);
          end -= start;
          start = 0;
        }
        if (end == times.length) {
          int n = times.length * 2;
          times = Arrays.copyOf(times, n);
          numbers = Arrays.copyOf(numbers, n);
          values = Arrays.copyOf(values, n);
        }
      }
      times[end] = time;
      numbers[end] = number;
      values[end] = value;
      if (value != null) {
        distinct.computeIfAbsent(value, v -> new int[1])[0]++;
      }
      end++;
      while (size() > max) {
        leave(start);
        start++;
        UserRules.TRUNCATED.inc();
      }
    }

    double aggregate(String fn) {
      int n = size();
      switch (fn) {
        case "count":
          return n;
        case "distinct":
          return distinct.size();
        default:
          break;
      }
      if (n == 0) {
        return 0;
      }
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = start; i < end; i++) {
        sum += numbers[i];
        min = Math.min(min, numbers[i]);
        max = Math.max(max, numbers[i]);
      }
      return switch (fn) {
        case "sum" -> sum;
        case "avg" -> sum / n;
        case "min" -> min;
        case "max" -> max;
        default -> throw new IllegalStateException("aggregate " + fn);
      };
    }

    int historyCount() {
      return historyCount;
    }

    double historyMedian() {
      if (historyCount == 0) {
        return Double.NaN;
      }
      double[] h = Arrays.copyOf(history, historyCount);
      Arrays.sort(h);
      int mid = h.length / 2;
      return h.length % 2 == 1 ? h[mid] : (h[mid - 1] + h[mid]) / 2;
    }

    void pushHistory(double value, int size) {
      if (history.length != size) {
        double[] ordered = orderedHistory();
        history = new double[size];
        int keep = Math.min(size, ordered.length);
        System.arraycopy(ordered, ordered.length - keep, history, 0, keep);
        historyCount = keep;
        historyNext = keep % Math.max(1, size);
      }
      history[historyNext] = value;
      historyNext = (historyNext + 1) % size;
      historyCount = Math.min(size, historyCount + 1);
    }

    /** The history oldest first. */
    double[] orderedHistory() {
      double[] out = new double[historyCount];
      int first = historyCount < history.length ? 0 : historyNext;
      for (int i = 0; i < historyCount; i++) {
        out[i] = history[(first + i) % history.length];
      }
      return out;
    }
  }

  /** A sequence's remembered first steps of one key, oldest first. */
  static final class SequenceMemory {
    final String signature;
    final List<Transaction> firsts = new ArrayList<>(2);

    SequenceMemory(String signature) {
      this.signature = signature;
    }

    void pruneBefore(long inclusiveLimit) {
      int drop = 0;
      while (drop < firsts.size() && firsts.get(drop).getTimestamp().getMillis() < inclusiveLimit) {
        drop++;
      }
      firsts.subList(0, drop).clear();
    }

    void add(Transaction t, int max) {
      firsts.add(t);
      while (firsts.size() > max) {
        firsts.remove(0);
        UserRules.TRUNCATED.inc();
      }
    }
  }

  /** For messages. */
  @Override
  public String toString() {
    return spec.id + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  static Map<String, Object> none() {
    return new HashMap<>();
  }
}
