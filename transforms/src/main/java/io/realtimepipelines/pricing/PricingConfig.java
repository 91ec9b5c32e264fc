package io.realtimepipelines.pricing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.config.JsonConfigReader;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A versioned dynamic-pricing policy configuration, parsed from JSON and checked as a whole: a bad
 * configuration is rejected with every problem listed, never half-applied. A file needs only its
 * {@code version} and the keys it changes: it is merged over the shipped {@code rules/pricing.json}
 * ({@link #defaults()}), the only place default values are kept (the build puts it in the jar).
 *
 * <pre>
 * key                                  default  meaning
 * version                              (req.)   name of this policy, copied into every update
 * description                          -        free text, ignored
 * shortWindowMinutes                   15       demand window: units sold, views, purchases
 * baselineWindowMinutes                1440     baseline: units per short window, averaged over
 *                                               this long window (or the product's history if
 *                                               shorter); must exceed shortWindowMinutes
 * demand.weight                        0.1      multiplier = 1 + weight * (demandRatio - 1) ...
 * demand.minMultiplier                 0.85     ... clamped to [minMultiplier, maxMultiplier]
 * demand.maxMultiplier                 1.3      and applied to the catalog base price
 * demand.smoothingUnits                1.0      demandRatio = (units + s) / (baseline + s): no
 *                                               data is ratio 1, a first sale is not a spike
 * minMarginPct                         10       never below unitCost * (1 + minMarginPct/100)
 * maxStepPct                           10       at most +-maxStepPct per change, after rounding
 * cooldownMinutes                      5        at most one change per product in this period
 * minChangePct                         1        changes under this are not emitted; must not
 *                                               exceed maxStepPct
 * pricePoint                           ".99"    "none" (to the cent), ".99", ".95" or ".00"
 * flashSale.enabled                    true
 * flashSale.sellOutWithinMinutes       60       stock that sells out within this at the short
 *                                               window's rate raises the target to the ceiling
 * flashSale.maxFlashPct                20       ... or to basePrice * (1 + maxFlashPct/100)
 *                                               when the product has no ceiling
 * competitor.enabled                   true
 * competitor.maxAgeMinutes             120      observations older than this are ignored
 * competitor.minCompetitors            1        fewer fresh competitors: no positioning
 * competitor.maxAboveMedianPct         5        target at most median * (1 + pct/100)
 * competitor.lowDemandRatio            0.8      below this demand ratio ...
 * competitor.undercutPct               1        ... target at most min * (1 - pct/100)
 * </pre>
 */
public final class PricingConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** How prices are rounded after the guardrails. */
  public enum PricePoint {
    NONE("none", null),
    P99(".99", new BigDecimal("0.99")),
    P95(".95", new BigDecimal("0.95")),
    P00(".00", BigDecimal.ZERO);

    private final String wireName;
    private final BigDecimal fraction;

    PricePoint(String wireName, BigDecimal fraction) {
      this.wireName = wireName;
      this.fraction = fraction;
    }

    /** The value used in the JSON configuration. */
    public String wireName() {
      return wireName;
    }

    /** The cents every price point ends in, or null for {@link #NONE}. */
    public BigDecimal fraction() {
      return fraction;
    }
  }

  public final String version;
  public final int shortWindowMinutes;
  public final int baselineWindowMinutes;

  public final double demandWeight;
  public final double minDemandMultiplier;
  public final double maxDemandMultiplier;
  public final double demandSmoothingUnits;

  public final BigDecimal minMarginPct;
  public final BigDecimal maxStepPct;
  public final int cooldownMinutes;
  public final BigDecimal minChangePct;
  public final PricePoint pricePoint;

  public final boolean flashSaleEnabled;
  public final int flashSellOutWithinMinutes;
  public final BigDecimal maxFlashPct;

  public final boolean competitorEnabled;
  public final int competitorMaxAgeMinutes;
  public final int minCompetitors;
  public final BigDecimal maxAboveMedianPct;
  public final double lowDemandRatio;
  public final BigDecimal undercutPct;

  private PricingConfig(Reader r) throws InvalidPricingConfigException {
    version = r.text("version");
    shortWindowMinutes = r.integer("shortWindowMinutes", 1, 1440);
    baselineWindowMinutes = r.integer("baselineWindowMinutes", 2, 7 * 24 * 60);
    if (baselineWindowMinutes <= shortWindowMinutes) {
      r.problem(
          "'baselineWindowMinutes' ("
              + baselineWindowMinutes
              + ") must be greater than 'shortWindowMinutes' ("
              + shortWindowMinutes
              + ")");
    }

    demandWeight = r.decimal("demand.weight", 0, 10);
    minDemandMultiplier = r.decimal("demand.minMultiplier", 0.1, 1);
    maxDemandMultiplier = r.decimal("demand.maxMultiplier", 1, 10);
    demandSmoothingUnits = r.decimal("demand.smoothingUnits", 0.1, 1000);

    minMarginPct = r.percent("minMarginPct", "0", "1000");
    maxStepPct = r.percent("maxStepPct", "0.1", "50");
    cooldownMinutes = r.integer("cooldownMinutes", 0, 7 * 24 * 60);
    minChangePct = r.percent("minChangePct", "0", "50");
    if (minChangePct.compareTo(maxStepPct) > 0) {
      r.problem(
          "'minChangePct' ("
              + minChangePct.toPlainString()
              + ") must not exceed 'maxStepPct' ("
              + maxStepPct.toPlainString()
              + "): no change could ever be emitted");
    }
    pricePoint = r.pricePoint("pricePoint");

    flashSaleEnabled = r.bool("flashSale.enabled");
    flashSellOutWithinMinutes = r.integer("flashSale.sellOutWithinMinutes", 1, 7 * 24 * 60);
    maxFlashPct = r.percent("flashSale.maxFlashPct", "0", "500");

    competitorEnabled = r.bool("competitor.enabled");
    competitorMaxAgeMinutes = r.integer("competitor.maxAgeMinutes", 1, 7 * 24 * 60);
    minCompetitors = r.integer("competitor.minCompetitors", 1, 1000);
    maxAboveMedianPct = r.percent("competitor.maxAboveMedianPct", "0", "1000");
    lowDemandRatio = r.decimal("competitor.lowDemandRatio", 0, 1);
    undercutPct = r.percent("competitor.undercutPct", "0", "50");
    r.finish();
  }

  /** Where the build puts {@code rules/pricing.json}. */
  static final String RESOURCE = "pricing.json";

  /**
   * The shipped policy ({@code rules/pricing.json}) overridden by {@code json}: keys it names
   * replace the shipped values, objects merge key by key. Throws with every problem found.
   */
  public static PricingConfig parse(String json) throws InvalidPricingConfigException {
    JsonNode root;
    JsonNode shipped;
    try {
      root = MAPPER.readTree(json);
      shipped = MAPPER.readTree(defaultsJson());
    } catch (JsonProcessingException e) {
      throw new InvalidPricingConfigException(List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidPricingConfigException(List.of("the pricing config must be a JSON object"));
    }
    if (!root.has("version")) {
      throw new InvalidPricingConfigException(
          List.of("'version' is required: name the policy version every price update will carry"));
    }
    return new PricingConfig(new Reader(JsonConfigReader.merge(shipped.deepCopy(), root), shipped));
  }

  /** The shipped policy, {@code rules/pricing.json}: the only place default values are kept. */
  public static PricingConfig defaults() {
    try {
      return parse(defaultsJson());
    } catch (InvalidPricingConfigException e) {
      throw new IllegalStateException(
          "the shipped rules/pricing.json is invalid: " + e.getMessage(), e);
    }
  }

  /** The shipped file's text. */
  public static String defaultsJson() {
    return JsonConfigReader.shipped(PricingConfig.class, RESOURCE);
  }

  long shortWindowMillis() {
    return shortWindowMinutes * 60_000L;
  }

  long cooldownMillis() {
    return cooldownMinutes * 60_000L;
  }

  long competitorMaxAgeMillis() {
    return competitorMaxAgeMinutes * 60_000L;
  }

  /** A configuration was rejected; lists every problem. */
  public static final class InvalidPricingConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidPricingConfigException(List<String> problems) {
      super("invalid pricing config: " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /** Reads the merged keys with their ranges, collecting every problem instead of stopping. */
  private static final class Reader {
    private static final Map<String, Set<String>> KNOWN =
        Map.of(
            "",
                Set.of(
                    "version",
                    "description",
                    "shortWindowMinutes",
                    "baselineWindowMinutes",
                    "demand",
                    "minMarginPct",
                    "maxStepPct",
                    "cooldownMinutes",
                    "minChangePct",
                    "pricePoint",
                    "flashSale",
                    "competitor"),
            "demand", Set.of("weight", "minMultiplier", "maxMultiplier", "smoothingUnits"),
            "flashSale", Set.of("enabled", "sellOutWithinMinutes", "maxFlashPct"),
            "competitor",
                Set.of(
                    "enabled",
                    "maxAgeMinutes",
                    "minCompetitors",
                    "maxAboveMedianPct",
                    "lowDemandRatio",
                    "undercutPct"));

    private final JsonConfigReader r;

    /** The shipped file: where a bad value falls back to, so cross checks do not pile up. */
    private final JsonConfigReader shipped;

    Reader(JsonNode root, JsonNode shipped) {
      this.r = new JsonConfigReader(root, KNOWN);
      this.shipped = new JsonConfigReader(shipped, KNOWN);
    }

    void problem(String p) {
      r.problem(p);
    }

    void finish() throws InvalidPricingConfigException {
      if (!r.problems().isEmpty()) {
        throw new InvalidPricingConfigException(r.problems());
      }
    }

    private JsonNode at(String path) {
      return r.at(path);
    }

    String text(String path) {
      return r.requiredText(path);
    }

    /** Every key is in the merged document (the shipped file has them all); else a problem. */
    private boolean present(String path) {
      if (at(path) != null) {
        return true;
      }
      int dot = path.lastIndexOf('.');
      JsonNode parent = dot < 0 ? null : at(path.substring(0, dot));
      if (parent == null || parent.isObject()) {
        problem(
            "'" + path + "' is missing from the policy and from the shipped rules/pricing.json");
      } // else the section itself is not an object, reported as such
      return false;
    }

    int integer(String path, int min, int max) {
      int fallback = shipped.integer(path, min, min, max);
      return present(path) ? r.integer(path, fallback, min, max) : fallback;
    }

    double decimal(String path, double min, double max) {
      double fallback = shipped.decimal(path, min, min, max);
      return present(path) ? r.decimal(path, fallback, min, max) : fallback;
    }

    BigDecimal percent(String path, String min, String max) {
      String fallback = shipped.exact(path, min, min, max, "a percentage").toPlainString();
      return present(path)
          ? r.exact(path, fallback, min, max, "a percentage")
          : new BigDecimal(fallback);
    }

    boolean bool(String path) {
      boolean fallback = shipped.bool(path, false);
      return present(path) ? r.bool(path, fallback) : fallback;
    }

    PricePoint pricePoint(String path) {
      JsonNode n = at(path);
      if (!present(path)) {
        return PricePoint.NONE;
      }
      if (n.isTextual()) {
        for (PricePoint p : PricePoint.values()) {
          if (p.wireName().equals(n.textValue())) {
            return p;
          }
        }
      }
      problem("'" + path + "' must be one of \"none\", \".99\", \".95\", \".00\", got " + n);
      return PricePoint.NONE;
    }
  }
}
