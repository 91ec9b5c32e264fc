package io.realtimepipelines.fraud;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.realtimepipelines.config.JsonConfigReader;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A versioned fraud rules configuration: thresholds, windows, weights, on/off and shadow switches
 * per rule, and the score cut-offs of the decision. Parsed from JSON and checked as a whole: a
 * bad configuration is rejected with every problem listed, never half-applied.
 *
 * <p>The README documents every rule; {@code rules/fraud-rules.json} is the shipped file and the
 * only place default values are kept (the build puts it in the jar), and
 * {@code rules/fraud-rules.schema.json} the published JSON Schema every file is checked against.
 */
public final class FraudRules implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Switches and weight common to every rule. */
  public static final class RuleSwitch implements Serializable {
    private static final long serialVersionUID = 1L;
    public final boolean enabled;
    /** Evaluated and reported, but does not change the score. */
    public final boolean shadow;
    /** Score points (0..100) the rule adds when it fires. */
    public final int weight;

    RuleSwitch(boolean enabled, boolean shadow, int weight) {
      this.enabled = enabled;
      this.shadow = shadow;
      this.weight = weight;
    }
  }

  public final String version;
  /** Scores at or above this are REVIEW. */
  public final int reviewAt;
  /** Scores at or above this are BLOCK. */
  public final int blockAt;

  public final RuleSwitch ipBurst;
  public final BigDecimal ipBurstMinAmount;
  public final int ipBurstCount;
  public final long ipBurstWindowSeconds;

  public final RuleSwitch velocity;
  public final int velocityMaxPerAccount;
  public final int velocityMaxPerCard;
  public final long velocityWindowSeconds;

  public final RuleSwitch cardTesting;
  public final BigDecimal cardTestingTinyAmount;
  public final int cardTestingTinyCount;
  public final BigDecimal cardTestingLargeAmount;
  public final long cardTestingWithinSeconds;

  public final RuleSwitch highAmount;
  public final BigDecimal highAmountThreshold;

  public final RuleSwitch amountAnomaly;
  public final double amountAnomalyRatioToMedian;
  public final int amountAnomalyMinHistory;
  public final int amountAnomalyHistorySize;
  public final BigDecimal amountAnomalyMinAmount;

  public final RuleSwitch impossibleTravel;
  public final double impossibleTravelMaxSpeedKmh;
  public final double impossibleTravelMinDistanceKm;

  public final RuleSwitch compromisedMerchant;
  public final long compromisedMerchantDays;
  public final int compromisedMerchantMinReports;

  public final RuleSwitch compromisedAccount;
  public final long compromisedAccountDays;

  public final RuleSwitch blocklist;
  public final Set<String> blockedAccounts;
  public final Set<String> blockedCards;
  public final Set<String> blockedIps;
  public final Set<String> blockedDevices;

  /**
   * Account profile (from a lookup, see {@link Enrichment}): fires when the profile's risk tier is
   * HIGH, or when the payment's country differs from the profile's home country.
   */
  public final RuleSwitch accountProfile;

  /** How long per-key state is kept after the key's last event, in days. */
  public final long stateTtlDays;

  private FraudRules(Reader r) throws InvalidRulesException {
    version = r.text("version");
    reviewAt = r.integer("decision.reviewAt", 1, 100);
    blockAt = r.integer("decision.blockAt", 1, 100);
    if (blockAt < reviewAt) {
      r.problem("decision.blockAt (" + blockAt + ") must be >= decision.reviewAt (" + reviewAt + ")");
    }

    ipBurst = r.rule("ipBurst");
    ipBurstMinAmount = r.amount("rules.ipBurst.minAmount");
    ipBurstCount = r.integer("rules.ipBurst.count", 2, 1000);
    ipBurstWindowSeconds = r.integer("rules.ipBurst.windowSeconds", 1, 86_400);

    velocity = r.rule("velocity");
    velocityMaxPerAccount = r.integer("rules.velocity.maxPerAccount", 1, 100_000);
    velocityMaxPerCard = r.integer("rules.velocity.maxPerCard", 1, 100_000);
    velocityWindowSeconds = r.integer("rules.velocity.windowSeconds", 1, 86_400);

    cardTesting = r.rule("cardTesting");
    cardTestingTinyAmount = r.amount("rules.cardTesting.tinyAmount");
    cardTestingTinyCount = r.integer("rules.cardTesting.tinyCount", 1, 1000);
    cardTestingLargeAmount = r.amount("rules.cardTesting.largeAmount");
    cardTestingWithinSeconds = r.integer("rules.cardTesting.withinSeconds", 1, 86_400);

    highAmount = r.rule("highAmount");
    highAmountThreshold = r.amount("rules.highAmount.threshold");

    amountAnomaly = r.rule("amountAnomaly");
    amountAnomalyRatioToMedian = r.decimal("rules.amountAnomaly.ratioToMedian", 1.0, 1000.0);
    amountAnomalyMinHistory = r.integer("rules.amountAnomaly.minHistory", 1, 1000);
    amountAnomalyHistorySize = r.integer("rules.amountAnomaly.historySize", 1, 1000);
    amountAnomalyMinAmount = r.amount("rules.amountAnomaly.minAmount");
    if (amountAnomalyHistorySize < amountAnomalyMinHistory) {
      r.problem("rules.amountAnomaly.historySize must be >= rules.amountAnomaly.minHistory");
    }

    impossibleTravel = r.rule("impossibleTravel");
    impossibleTravelMaxSpeedKmh = r.decimal("rules.impossibleTravel.maxSpeedKmh", 1, 100_000);
    impossibleTravelMinDistanceKm = r.decimal("rules.impossibleTravel.minDistanceKm", 0, 20_100);

    compromisedMerchant = r.rule("compromisedMerchant");
    compromisedMerchantDays = r.integer("rules.compromisedMerchant.days", 1, 365);
    compromisedMerchantMinReports = r.integer("rules.compromisedMerchant.minReports", 1, 1000);

    compromisedAccount = r.rule("compromisedAccount");
    compromisedAccountDays = r.integer("rules.compromisedAccount.days", 1, 365);

    blocklist = r.rule("blocklist");
    blockedAccounts = r.stringSet("rules.blocklist.accounts");
    blockedCards = r.stringSet("rules.blocklist.cards");
    blockedIps = r.stringSet("rules.blocklist.ips");
    blockedDevices = r.stringSet("rules.blocklist.devices");

    accountProfile = r.rule("accountProfile");

    stateTtlDays = r.integer("stateTtlDays", 1, 3650);
    long longestWindowDays = Math.max(compromisedMerchantDays, compromisedAccountDays);
    if (stateTtlDays < longestWindowDays) {
      r.problem("stateTtlDays (" + stateTtlDays + ") must cover the longest rule period ("
          + longestWindowDays + " days)");
    }
    r.finish();
  }

  /** Where the build puts {@code rules/fraud-rules.json} and its schema. */
  static final String RESOURCE = "fraud-rules.json";

  static final String SCHEMA_RESOURCE = "fraud-rules.schema.json";

  /**
   * The shipped rules overridden by {@code json}: keys it names replace the shipped values,
   * objects merge key by key (lists are replaced whole). The result is checked against the
   * published schema ({@code rules/fraud-rules.schema.json}) and the cross-field checks; throws
   * with every problem found.
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
      throw new InvalidRulesException(List.of(
          "'version' is required: name the rules version every decision will carry"));
    }
    JsonNode merged = JsonConfigReader.merge(shipped().deepCopy(), overrides);
    List<String> schemaProblems = new ArrayList<>();
    for (ValidationMessage m : Schema.INSTANCE.validate(merged)) {
      schemaProblems.add(m.getMessage());
    }
    Collections.sort(schemaProblems);
    return new FraudRules(new Reader(merged, schemaProblems));
  }

  /** The shipped rules, {@code rules/fraud-rules.json}: the only place default values are kept. */
  public static FraudRules defaults() {
    try {
      return parse(defaultsJson());
    } catch (InvalidRulesException e) {
      throw new IllegalStateException("the shipped rules/fraud-rules.json is invalid: " + e.getMessage(), e);
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
    static final JsonSchema INSTANCE = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
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

  /**
   * Reads the merged, schema-checked document. Every key is required: the shipped file has them
   * all, so a missing one is a broken build, reported like any other problem.
   */
  private static final class Reader {
    private final JsonConfigReader r;
    private final List<String> schemaProblems;
    private final List<String> crossField = new ArrayList<>();

    Reader(JsonNode root, List<String> schemaProblems) {
      this.r = new JsonConfigReader(root, Map.of());
      this.schemaProblems = schemaProblems;
    }

    /** A problem between keys (each valid alone), which the schema cannot say. */
    void problem(String p) {
      crossField.add(p);
    }

    /**
     * Throws with the schema's problems (or, without any, the reader's own, which only a broken
     * shipped file can cause) and the cross-field ones: every problem once.
     */
    void finish() throws InvalidRulesException {
      List<String> all = new ArrayList<>(schemaProblems.isEmpty() ? r.problems() : schemaProblems);
      all.addAll(crossField);
      if (!all.isEmpty()) {
        throw new InvalidRulesException(all);
      }
    }

    private boolean present(String path) {
      if (r.at(path) == null) {
        r.problem("'" + path + "' is missing from the rules and from the shipped rules/fraud-rules.json");
        return false;
      }
      return true;
    }

    String text(String path) {
      return r.requiredText(path);
    }

    int integer(String path, int min, int max) {
      return present(path) ? r.integer(path, min, min, max) : min;
    }

    double decimal(String path, double min, double max) {
      return present(path) ? r.decimal(path, min, min, max) : min;
    }

    BigDecimal amount(String path) {
      return present(path) ? r.amount(path, "1") : BigDecimal.ONE;
    }

    Set<String> stringSet(String path) {
      present(path);
      return r.stringSet(path);
    }

    RuleSwitch rule(String name) {
      String base = "rules." + name + ".";
      return new RuleSwitch(
          present(base + "enabled") && r.bool(base + "enabled", false),
          present(base + "shadow") && r.bool(base + "shadow", false),
          present(base + "weight") ? r.integer(base + "weight", 0, 0, 100) : 0);
    }
  }
}
