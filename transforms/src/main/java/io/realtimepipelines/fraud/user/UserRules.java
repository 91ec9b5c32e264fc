package io.realtimepipelines.fraud.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.Transaction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user rules of one rules version (docs/fraud-rule-language.md): the declared attributes and
 * every rule under {@code userRules}, compiled once. Serializable as its JSON; the compiled form is
 * rebuilt where it is deserialized. Built only through {@link #parse}, which lists every problem.
 */
public final class UserRules implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(UserRules.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static final Counter ERRORS = Metrics.counter("rtp", "fraud.user_rules.errors");
  static final Counter TRUNCATED = Metrics.counter("rtp", "fraud.user_rules.truncated");
  static final Counter STATE_RESETS = Metrics.counter("rtp", "fraud.user_rules.state_resets");

  /** Rule errors already logged, by rules version and rule: one line each, not one per event. */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  public static final UserRules NONE;

  static {
    try {
      NONE = parse(null, null, "none", Set.of());
    } catch (InvalidUserRulesException e) {
      throw new IllegalStateException(e);
    }
  }

  private final String version;
  private final String attributesJson;
  private final String rulesJson;
  private transient @Nullable Compiled compiled;

  private UserRules(String version, String attributesJson, String rulesJson, Compiled compiled) {
    this.version = version;
    this.attributesJson = attributesJson;
    this.rulesJson = rulesJson;
    this.compiled = compiled;
  }

  /** Thrown by {@link #parse} with every problem found. */
  public static final class InvalidUserRulesException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidUserRulesException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /**
   * Compiles {@code attributes} (an object of name to type, or null) and {@code rules} (the {@code
   * userRules} array, or null) of rules version {@code version}; the JSON Schema has checked their
   * shape. {@code builtInIds} are the built-in rules' ids, which user rules may not take.
   */
  public static UserRules parse(
      @Nullable JsonNode attributes,
      @Nullable JsonNode rules,
      String version,
      Set<String> builtInIds)
      throws InvalidUserRulesException {
    String attributesJson = attributes == null ? "{}" : attributes.toString();
    String rulesJson = rules == null ? "[]" : rules.toString();
    List<String> problems = new ArrayList<>();
    Compiled c = Compiled.of(attributesJson, rulesJson, builtInIds, problems);
    if (!problems.isEmpty()) {
      throw new InvalidUserRulesException(problems);
    }
    return new UserRules(version, attributesJson, rulesJson, c);
  }

  private Compiled compiled() {
    Compiled c = compiled;
    if (c == null) {
      List<String> problems = new ArrayList<>();
      c = Compiled.of(attributesJson, rulesJson, Set.of(), problems);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("user rules no longer compile: " + problems);
      }
      compiled = c;
    }
    return c;
  }

  /** Every rule, in file order. */
  public List<UserRule> all() {
    return compiled().rules;
  }

  public boolean isEmpty() {
    return compiled().rules.isEmpty();
  }

  /** The rule with {@code id}, or null (e.g. removed by a reload). */
  public @Nullable UserRule rule(String id) {
    return compiled().byId.get(id);
  }

  /** True when some enabled rule keeps memory per key. */
  public boolean hasKeyed() {
    return !compiled().keyed.isEmpty();
  }

  /**
   * The key spaces of the scorer's keyed stages (IP, ACCOUNT, MERCHANT): user rules keyed exactly
   * like one of them keep their memory in that stage's key state and run there, so they cost no
   * step of their own (BENCHMARKS.md, "User rules").
   */
  private static final Map<String, String> STAGE_SPACES =
      Map.of("IP", "g:ip", "ACCOUNT", "g:accountId", "MERCHANT", "g:merchantId");

  private static final Set<String> SHARED_SPACES = Set.copyOf(STAGE_SPACES.values());

  /** The user-rule key of {@code t} in the built-in stage named {@code stage}, or null. */
  public static @Nullable String stageKey(String stage, Transaction t) {
    String space = STAGE_SPACES.get(stage);
    if (space == null) {
      return null;
    }
    String value =
        switch (stage) {
          case "IP" -> t.getIp();
          case "ACCOUNT" -> t.getAccountId();
          default -> t.getMerchantId();
        };
    return value == null ? null : space + "\u0000" + value;
  }

  /** True when an enabled keyed rule lives in the built-in stage named {@code stage}. */
  public boolean livesInStage(String stage) {
    return compiled().inStages.contains(STAGE_SPACES.get(stage));
  }

  /**
   * The keys {@code t} must be applied under in the user-rule step: one per distinct key of the
   * enabled keyed rules, except those of the built-in stages (which apply them themselves).
   */
  public List<String> partKeys(Transaction t) {
    List<UserRule> keyed = compiled().keyed;
    if (keyed.isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (UserRule r : keyed) {
      r.partKeys(t, out);
    }
    out.removeIf(key -> SHARED_SPACES.contains(key.substring(0, key.indexOf('\u0000'))));
    return new ArrayList<>(out);
  }

  /** Every key of {@code t}, those of the built-in stages included (the reference model's). */
  public List<String> allPartKeys(Transaction t) {
    Set<String> out = new LinkedHashSet<>();
    for (UserRule r : compiled().keyed) {
      r.partKeys(t, out);
    }
    return new ArrayList<>(out);
  }

  /** The findings (rule id, sentence) of the enabled condition rules on {@code t}. */
  public void conditions(Transaction t, FindingSink out) {
    for (UserRule r : compiled().conditions) {
      try {
        String text = r.evaluateCondition(t);
        if (text != null) {
          out.accept(r.id(), text);
        }
      } catch (RuleError e) {
        error(r, e);
      }
    }
  }

  /**
   * Applies {@code t} under {@code partKey} (one of {@link #partKeys}) to that key's state, in the
   * key's event-time order: the findings of the enabled keyed rules living under that key.
   */
  public void apply(UserKeyState state, String partKey, Transaction t, FindingSink out) {
    state.lastSeen = Math.max(state.lastSeen, t.getTimestamp().getMillis());
    int cut = partKey.indexOf('\u0000');
    String space = partKey.substring(0, cut);
    String value = partKey.substring(cut + 1);
    for (UserRule r : compiled().keyed) {
      if (!r.livesUnder(space, value, t)) {
        continue;
      }
      Object memory = state.memories.get(r.id());
      if (memory == null || !UserRule.signatureOf(memory).equals(r.signature)) {
        if (memory != null) {
          STATE_RESETS.inc();
          if (LOGGED.add(version + "\u0000reset\u0000" + r.id())) {
            LOG.info(
                "fraud rules {}: user rule {} changed its key, window or what it counts; its state"
                    + " starts fresh",
                version,
                r.id());
          }
        }
        memory = r.newMemory();
        state.memories.put(r.id(), memory);
      }
      try {
        String text =
            r.kind == UserRule.Kind.AGGREGATE
                ? r.applyAggregate((UserRule.AggregateMemory) memory, t)
                : r.applySequence((UserRule.SequenceMemory) memory, t, value);
        if (text != null) {
          out.accept(r.id(), text);
        }
      } catch (RuleError e) {
        error(r, e);
      }
    }
  }

  private void error(UserRule r, RuleError e) {
    ERRORS.inc();
    if (LOGGED.add(version + "\u0000" + r.id())) {
      LOG.warn(
          "fraud rules {}: user rule {} did not evaluate on a transaction (it does not fire there;"
              + " counted in fraud.user_rules.errors, logged once): {}",
          version,
          r.id(),
          e.getMessage());
    }
  }

  /** Where findings go. */
  @FunctionalInterface
  public interface FindingSink {
    void accept(String ruleId, String text);
  }

  /** The JSON this was parsed from: {@code attributes} and {@code userRules}. */
  public Map<String, JsonNode> toJson() {
    try {
      Map<String, JsonNode> out = new LinkedHashMap<>();
      out.put("attributes", MAPPER.readTree(attributesJson));
      out.put("userRules", MAPPER.readTree(rulesJson));
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The compiled form. */
  private static final class Compiled {
    final List<UserRule> rules;
    final Map<String, UserRule> byId;
    final List<UserRule> conditions;
    final List<UserRule> keyed;
    final Set<String> inStages = new java.util.HashSet<>();

    private Compiled(List<UserRule> rules) {
      this.rules = Collections.unmodifiableList(rules);
      Map<String, UserRule> ids = new LinkedHashMap<>();
      List<UserRule> c = new ArrayList<>();
      List<UserRule> k = new ArrayList<>();
      for (UserRule r : rules) {
        ids.put(r.id(), r);
        if (r.enabled()) {
          (r.keyed() ? k : c).add(r);
          if (r.keyed() && SHARED_SPACES.contains(r.keySpace(true))) {
            inStages.add(r.keySpace(true));
          }
        }
      }
      this.byId = ids;
      this.conditions = c;
      this.keyed = k;
    }

    static Compiled of(
        String attributesJson, String rulesJson, Set<String> builtInIds, List<String> problems) {
      Map<String, AttributeType> declared = new LinkedHashMap<>();
      List<UserRule> rules = new ArrayList<>();
      try {
        JsonNode attributes = MAPPER.readTree(attributesJson);
        var it = attributes.fields();
        while (it.hasNext()) {
          var e = it.next();
          if (Expressions.CORE.containsKey(e.getKey()) || "first".equals(e.getKey())) {
            problems.add(
                "attributes." + e.getKey() + ": is a core field name; attributes need their own");
            continue;
          }
          try {
            declared.put(e.getKey(), AttributeType.fromJson(e.getValue().asText()));
          } catch (IllegalArgumentException bad) {
            problems.add("attributes." + e.getKey() + ": " + bad.getMessage());
          }
        }
        Expressions expressions = new Expressions(Collections.unmodifiableMap(declared));
        Set<String> fieldNames = new java.util.HashSet<>(Expressions.CORE.keySet());
        fieldNames.addAll(declared.keySet());
        JsonNode list = MAPPER.readTree(rulesJson);
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
          String path = "userRules[" + i + "]";
          UserRuleSpec spec = MAPPER.treeToValue(list.get(i), UserRuleSpec.class);
          if (builtInIds.contains(spec.id)) {
            problems.add(path + ".id: '" + spec.id + "' is a built-in rule's id");
          }
          if (!ids.add(spec.id)) {
            problems.add(path + ".id: '" + spec.id + "' is used twice");
          }
          rules.add(new UserRule(spec, i, path, expressions, fieldNames, problems::add));
        }
      } catch (java.io.IOException | RuntimeException e) {
        problems.add("userRules: " + e.getMessage());
      }
      return new Compiled(rules);
    }
  }
}
