package io.realtimepipelines.fraud;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import io.realtimepipelines.config.JsonConfigReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * A versioned fraud rules configuration: thresholds, windows, weights, on/off and shadow switches
 * per rule, and the score cut-offs of the decision. Parsed from JSON and checked as a whole: a
 * bad configuration is rejected with every problem listed, never half-applied.
 *
 * <p>The README documents every key; {@code rules/fraud-rules.json} is the default file.
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
    version = r.text("version", null);
    reviewAt = r.integer("decision.reviewAt", 40, 1, 100);
    blockAt = r.integer("decision.blockAt", 80, 1, 100);
    if (blockAt < reviewAt) {
      r.problem("decision.blockAt (" + blockAt + ") must be >= decision.reviewAt (" + reviewAt + ")");
    }

    ipBurst = r.rule("ipBurst", true, 60);
    ipBurstMinAmount = r.amount("rules.ipBurst.minAmount", "500");
    ipBurstCount = r.integer("rules.ipBurst.count", 3, 2, 1000);
    ipBurstWindowSeconds = r.integer("rules.ipBurst.windowSeconds", 300, 1, 86_400);

    velocity = r.rule("velocity", true, 30);
    velocityMaxPerAccount = r.integer("rules.velocity.maxPerAccount", 10, 1, 100_000);
    velocityMaxPerCard = r.integer("rules.velocity.maxPerCard", 8, 1, 100_000);
    velocityWindowSeconds = r.integer("rules.velocity.windowSeconds", 600, 1, 86_400);

    cardTesting = r.rule("cardTesting", true, 70);
    cardTestingTinyAmount = r.amount("rules.cardTesting.tinyAmount", "2.00");
    cardTestingTinyCount = r.integer("rules.cardTesting.tinyCount", 3, 1, 1000);
    cardTestingLargeAmount = r.amount("rules.cardTesting.largeAmount", "200");
    cardTestingWithinSeconds = r.integer("rules.cardTesting.withinSeconds", 900, 1, 86_400);

    highAmount = r.rule("highAmount", true, 45);
    highAmountThreshold = r.amount("rules.highAmount.threshold", "220");

    amountAnomaly = r.rule("amountAnomaly", true, 45);
    amountAnomalyRatioToMedian = r.decimal("rules.amountAnomaly.ratioToMedian", 4.0, 1.0, 1000.0);
    amountAnomalyMinHistory = r.integer("rules.amountAnomaly.minHistory", 5, 1, 1000);
    amountAnomalyHistorySize = r.integer("rules.amountAnomaly.historySize", 50, 1, 1000);
    amountAnomalyMinAmount = r.amount("rules.amountAnomaly.minAmount", "50");
    if (amountAnomalyHistorySize < amountAnomalyMinHistory) {
      r.problem("rules.amountAnomaly.historySize must be >= rules.amountAnomaly.minHistory");
    }

    impossibleTravel = r.rule("impossibleTravel", true, 70);
    impossibleTravelMaxSpeedKmh = r.decimal("rules.impossibleTravel.maxSpeedKmh", 900, 1, 100_000);
    impossibleTravelMinDistanceKm = r.decimal("rules.impossibleTravel.minDistanceKm", 100, 0, 20_100);

    compromisedMerchant = r.rule("compromisedMerchant", true, 45);
    compromisedMerchantDays = r.integer("rules.compromisedMerchant.days", 28, 1, 365);
    compromisedMerchantMinReports = r.integer("rules.compromisedMerchant.minReports", 1, 1, 1000);

    compromisedAccount = r.rule("compromisedAccount", true, 45);
    compromisedAccountDays = r.integer("rules.compromisedAccount.days", 14, 1, 365);

    blocklist = r.rule("blocklist", true, 100);
    blockedAccounts = r.stringSet("rules.blocklist.accounts");
    blockedCards = r.stringSet("rules.blocklist.cards");
    blockedIps = r.stringSet("rules.blocklist.ips");
    blockedDevices = r.stringSet("rules.blocklist.devices");

    accountProfile = r.rule("accountProfile", true, 35);

    stateTtlDays = r.integer("stateTtlDays", 35, 1, 3650);
    long longestWindowDays = Math.max(compromisedMerchantDays, compromisedAccountDays);
    if (stateTtlDays < longestWindowDays) {
      r.problem("stateTtlDays (" + stateTtlDays + ") must cover the longest rule period ("
          + longestWindowDays + " days)");
    }
    r.finish();
  }

  /** Parses and checks a configuration; throws with every problem found. */
  public static FraudRules parse(String json) throws InvalidRulesException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRulesException(List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRulesException(List.of("the rules file must be a JSON object"));
    }
    return new FraudRules(new Reader(root));
  }

  /** The built-in defaults, version {@code default}. */
  public static FraudRules defaults() {
    try {
      return parse("{\"version\":\"default\"}");
    } catch (InvalidRulesException e) {
      throw new IllegalStateException(e);
    }
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

  private static final Set<String> SWITCH = Set.of("enabled", "shadow", "weight");

  private static Set<String> ruleKeys(String... keys) {
    Set<String> all = new HashSet<>(SWITCH);
    all.addAll(List.of(keys));
    return all;
  }

  /** Every key a rules file may have, per object. */
  private static final Map<String, Set<String>> KNOWN =
      Map.ofEntries(
          Map.entry("", Set.of("version", "description", "decision", "rules", "stateTtlDays")),
          Map.entry("decision", Set.of("reviewAt", "blockAt")),
          Map.entry(
              "rules",
              Set.of("ipBurst", "velocity", "cardTesting", "highAmount", "amountAnomaly",
                  "impossibleTravel", "compromisedMerchant", "compromisedAccount", "blocklist",
                  "accountProfile")),
          Map.entry("rules.ipBurst", ruleKeys("minAmount", "count", "windowSeconds")),
          Map.entry("rules.velocity", ruleKeys("maxPerAccount", "maxPerCard", "windowSeconds")),
          Map.entry(
              "rules.cardTesting",
              ruleKeys("tinyAmount", "tinyCount", "largeAmount", "withinSeconds")),
          Map.entry("rules.highAmount", ruleKeys("threshold")),
          Map.entry(
              "rules.amountAnomaly",
              ruleKeys("ratioToMedian", "minHistory", "historySize", "minAmount")),
          Map.entry("rules.impossibleTravel", ruleKeys("maxSpeedKmh", "minDistanceKm")),
          Map.entry("rules.compromisedMerchant", ruleKeys("days", "minReports")),
          Map.entry("rules.compromisedAccount", ruleKeys("days")),
          Map.entry("rules.blocklist", ruleKeys("accounts", "cards", "ips", "devices")),
          Map.entry("rules.accountProfile", ruleKeys()));

  /** The config reader plus the rule switch every rule has. */
  private static final class Reader {
    private final JsonConfigReader r;

    Reader(JsonNode root) {
      r = new JsonConfigReader(root, KNOWN);
    }

    void problem(String p) {
      r.problem(p);
    }

    void finish() throws InvalidRulesException {
      if (!r.problems().isEmpty()) {
        throw new InvalidRulesException(r.problems());
      }
    }

    String text(String path, String dflt) {
      return r.requiredText(path);
    }

    int integer(String path, int dflt, int min, int max) {
      return r.integer(path, dflt, min, max);
    }

    double decimal(String path, double dflt, double min, double max) {
      return r.decimal(path, dflt, min, max);
    }

    BigDecimal amount(String path, String dflt) {
      return r.amount(path, dflt);
    }

    Set<String> stringSet(String path) {
      return r.stringSet(path);
    }

    RuleSwitch rule(String name, boolean enabled, int weight) {
      String base = "rules." + name + ".";
      return new RuleSwitch(
          r.bool(base + "enabled", enabled),
          r.bool(base + "shadow", false),
          r.integer(base + "weight", weight, 0, 100));
    }
  }
}
