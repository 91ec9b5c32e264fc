package io.realtimepipelines.fraud;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.realtimepipelines.config.JsonConfigReader;
import io.realtimepipelines.fraud.user.UserRules;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned fraud rules configuration: the score cut-offs of the decision, the state TTL, and
 * every rule of {@link RuleRegistry} bound by Jackson from its object under {@code rules} (its
 * thresholds, windows, weight, on/off and shadow switches). Parsed from JSON and checked as a
 * whole: a bad configuration is rejected with every problem listed, never half-applied.
 *
 * <p>The README documents every rule; {@code rules/fraud-rules.json} is the shipped file and the
 * only place default values are kept (the build puts it in the jar), and {@code
 * rules/fraud-rules.schema.json} the published JSON Schema every file is checked against.
 */
public final class FraudRules implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public final String version;

  /** Scores at or above this are REVIEW. */
  public final int reviewAt;

  /** Scores at or above this are BLOCK. */
  public final int blockAt;

  /** How long per-key state is kept after the key's last event, in days. */
  public final long stateTtlDays;

  /** The rules users wrote under {@code userRules}, with the attributes they read. */
  public final UserRules userRules;

  /** Every rule of {@link RuleRegistry#ALL}, bound to this file's settings, same positions. */
  private final List<FraudRule<?>> rules;

  /** The rules by stage, in registry order (the layout of {@link KeyState}'s memories). */
  private final Map<RuleStage, List<FraudRule<?>>> byStage = new EnumMap<>(RuleStage.class);

  private FraudRules(JsonNode root, List<String> schemaProblems) throws InvalidRulesException {
    List<String> problems = new ArrayList<>(schemaProblems);
    List<String> crossField = new ArrayList<>();
    version = root.path("version").asText();
    reviewAt = root.path("decision").path("reviewAt").asInt();
    blockAt = root.path("decision").path("blockAt").asInt();
    stateTtlDays = root.path("stateTtlDays").asLong();
    if (blockAt < reviewAt) {
      crossField.add(
          "decision.blockAt (" + blockAt + ") must be >= decision.reviewAt (" + reviewAt + ")");
    }
    List<FraudRule<?>> bound = new ArrayList<>(RuleRegistry.ALL.size());
    long longestPeriodDays = 0;
    for (int i = 0; i < RuleRegistry.ALL.size(); i++) {
      RuleRegistry.Entry entry = RuleRegistry.ALL.get(i);
      FraudRule<?> rule = entry.prototype().get();
      JsonNode node = root.path("rules").path(entry.key());
      try {
        rule = MAPPER.readerForUpdating(rule).readValue(node);
      } catch (IOException | IllegalArgumentException e) {
        // Already reported by the schema when it has problems; else a broken shipped file.
        if (schemaProblems.isEmpty()) {
          problems.add("rules." + entry.key() + ": " + e.getMessage());
        }
        continue;
      }
      rule.bind(i);
      rule.check(crossField::add);
      longestPeriodDays = Math.max(longestPeriodDays, rule.periodDays());
      bound.add(rule);
    }
    if (stateTtlDays < longestPeriodDays) {
      crossField.add(
          "stateTtlDays ("
              + stateTtlDays
              + ") must cover the longest rule period ("
              + longestPeriodDays
              + " days)");
    }
    problems.addAll(crossField);
    UserRules user = UserRules.NONE;
    if (schemaProblems.isEmpty()) {
      java.util.Set<String> builtIn = new java.util.HashSet<>();
      RuleRegistry.ALL.forEach(entry -> builtIn.add(entry.id()));
      try {
        user = UserRules.parse(root.get("attributes"), root.get("userRules"), version, builtIn);
      } catch (UserRules.InvalidUserRulesException e) {
        problems.addAll(e.problems());
      }
    }
    userRules = user;
    if (!problems.isEmpty()) {
      throw new InvalidRulesException(problems);
    }
    rules = List.copyOf(bound);
    for (RuleStage s : RuleStage.values()) {
      byStage.put(s, new ArrayList<>());
    }
    for (FraudRule<?> rule : rules) {
      byStage.get(rule.stage()).add(rule);
    }
  }

  /** The rule at {@code index} of {@link RuleRegistry#ALL}, with this file's settings. */
  FraudRule<?> rule(int index) {
    return rules.get(index);
  }

  /** The rule of class {@code type}, with this file's settings. */
  public <R extends FraudRule<?>> R rule(Class<R> type) {
    for (FraudRule<?> r : rules) {
      if (r.getClass() == type) {
        return type.cast(r);
      }
    }
    throw new IllegalArgumentException(type.getSimpleName() + " is not registered in RuleRegistry");
  }

  /**
   * The settings as bound: {@code version}, {@code decision}, {@code stateTtlDays} and each rule's
   * object under {@code rules}, in the rules file's shape (what a rules file would have to say to
   * give exactly these rules).
   */
  public ObjectNode toJson() {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("version", version);
    out.putObject("decision").put("reviewAt", reviewAt).put("blockAt", blockAt);
    ObjectNode byKey = out.putObject("rules");
    for (FraudRule<?> rule : rules) {
      byKey.set(RuleRegistry.ALL.get(rule.index()).key(), MAPPER.valueToTree(rule));
    }
    userRules.toJson().forEach(out::set);
    out.put("stateTtlDays", stateTtlDays);
    return out;
  }

  /** The rules of {@code stage}, in registry order. */
  List<FraudRule<?>> inStage(RuleStage stage) {
    return byStage.get(stage);
  }

  /** Where the build puts {@code rules/fraud-rules.json} and its schema. */
  static final String RESOURCE = "fraud-rules.json";

  static final String SCHEMA_RESOURCE = "fraud-rules.schema.json";

  /**
   * The shipped rules overridden by {@code json}: keys it names replace the shipped values, objects
   * merge key by key (lists are replaced whole). The result is checked against the published schema
   * ({@code rules/fraud-rules.schema.json}) and the cross-field checks; throws with every problem
   * found.
   */
  public static FraudRules parse(String json) throws InvalidRulesException {
    JsonNode overrides;
    try {
      overrides = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRulesException(List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (overrides == null || !overrides.isObject()) {
      throw new InvalidRulesException(List.of("the rules file must be a JSON object"));
    }
    if (!overrides.has("version")) {
      throw new InvalidRulesException(
          List.of("'version' is required: name the rules version every decision will carry"));
    }
    JsonNode merged = JsonConfigReader.merge(shipped().deepCopy(), overrides);
    List<String> schemaProblems = new ArrayList<>();
    for (ValidationMessage m : Schema.INSTANCE.validate(merged)) {
      schemaProblems.add(m.getMessage());
    }
    Collections.sort(schemaProblems);
    return new FraudRules(merged, schemaProblems);
  }

  /** The shipped rules, {@code rules/fraud-rules.json}: the only place default values are kept. */
  public static FraudRules defaults() {
    try {
      return parse(defaultsJson());
    } catch (InvalidRulesException e) {
      throw new IllegalStateException(
          "the shipped rules/fraud-rules.json is invalid: " + e.getMessage(), e);
    }
  }

  /** The shipped file's text. */
  public static String defaultsJson() {
    return resource(RESOURCE);
  }

  private static JsonNode shipped() {
    try {
      return MAPPER.readTree(defaultsJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the shipped rules/fraud-rules.json is not valid JSON", e);
    }
  }

  private static String resource(String name) {
    return JsonConfigReader.shipped(FraudRules.class, name);
  }

  /** The published schema, compiled once per JVM (a maintained validator, draft 2020-12). */
  private static final class Schema {
    static final JsonSchema INSTANCE =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(resource(SCHEMA_RESOURCE));
  }

  /** A configuration was rejected; lists every problem. */
  public static final class InvalidRulesException extends Exception {
    private final List<String> problems;

    InvalidRulesException(List<String> problems) {
      super("invalid fraud rules: " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
