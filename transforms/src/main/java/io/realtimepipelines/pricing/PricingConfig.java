package io.realtimepipelines.pricing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import io.realtimepipelines.config.JsonConfigReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A versioned dynamic-pricing policy configuration, parsed from JSON and checked as a whole: a bad
 * configuration is rejected with every problem listed, never half-applied. Every key but {@code
 * version} has a default ({@link #defaults()}).
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
    shortWindowMinutes = r.integer("shortWindowMinutes", 15, 1, 1440);
    baselineWindowMinutes = r.integer("baselineWindowMinutes", 24 * 60, 2, 7 * 24 * 60);
    if (baselineWindowMinutes <= shortWindowMinutes) {
      r.problem("'baselineWindowMinutes' (" + baselineWindowMinutes
          + ") must be greater than 'shortWindowMinutes' (" + shortWindowMinutes + ")");
    }

    demandWeight = r.decimal("demand.weight", 0.1, 0, 10);
    minDemandMultiplier = r.decimal("demand.minMultiplier", 0.85, 0.1, 1);
    maxDemandMultiplier = r.decimal("demand.maxMultiplier", 1.3, 1, 10);
    demandSmoothingUnits = r.decimal("demand.smoothingUnits", 1.0, 0.1, 1000);

    minMarginPct = r.percent("minMarginPct", "10", "0", "1000");
    maxStepPct = r.percent("maxStepPct", "10", "0.1", "50");
    cooldownMinutes = r.integer("cooldownMinutes", 5, 0, 7 * 24 * 60);
    minChangePct = r.percent("minChangePct", "1", "0", "50");
    if (minChangePct.compareTo(maxStepPct) > 0) {
      r.problem("'minChangePct' (" + minChangePct.toPlainString() + ") must not exceed 'maxStepPct' ("
          + maxStepPct.toPlainString() + "): no change could ever be emitted");
    }
    pricePoint = r.pricePoint("pricePoint", PricePoint.P99);

    flashSaleEnabled = r.bool("flashSale.enabled", true);
    flashSellOutWithinMinutes = r.integer("flashSale.sellOutWithinMinutes", 60, 1, 7 * 24 * 60);
    maxFlashPct = r.percent("flashSale.maxFlashPct", "20", "0", "500");

    competitorEnabled = r.bool("competitor.enabled", true);
    competitorMaxAgeMinutes = r.integer("competitor.maxAgeMinutes", 120, 1, 7 * 24 * 60);
    minCompetitors = r.integer("competitor.minCompetitors", 1, 1, 1000);
    maxAboveMedianPct = r.percent("competitor.maxAboveMedianPct", "5", "0", "1000");
    lowDemandRatio = r.decimal("competitor.lowDemandRatio", 0.8, 0, 1);
    undercutPct = r.percent("competitor.undercutPct", "1", "0", "50");
    r.finish();
  }

  /** Parses and checks a configuration; throws with every problem found. */
  public static PricingConfig parse(String json) throws InvalidPricingConfigException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidPricingConfigException(List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidPricingConfigException(List.of("the pricing config must be a JSON object"));
    }
    return new PricingConfig(new Reader(root));
  }

  /** The built-in defaults, version {@code default}. */
  public static PricingConfig defaults() {
    try {
      return parse("{\"version\":\"default\"}");
    } catch (InvalidPricingConfigException e) {
      throw new IllegalStateException(e);
    }
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

  /** Reads keys with defaults and ranges, collecting every problem instead of stopping. */
  private static final class Reader {
    private static final Map<String, Set<String>> KNOWN =
        Map.of(
            "", Set.of("version", "description", "shortWindowMinutes", "baselineWindowMinutes",
                "demand", "minMarginPct", "maxStepPct", "cooldownMinutes", "minChangePct",
                "pricePoint", "flashSale", "competitor"),
            "demand", Set.of("weight", "minMultiplier", "maxMultiplier", "smoothingUnits"),
            "flashSale", Set.of("enabled", "sellOutWithinMinutes", "maxFlashPct"),
            "competitor", Set.of("enabled", "maxAgeMinutes", "minCompetitors",
                "maxAboveMedianPct", "lowDemandRatio", "undercutPct"));

    private final JsonConfigReader r;

    Reader(JsonNode root) {
      r = new JsonConfigReader(root, KNOWN);
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

    int integer(String path, int dflt, int min, int max) {
      return r.integer(path, dflt, min, max);
    }

    double decimal(String path, double dflt, double min, double max) {
      return r.decimal(path, dflt, min, max);
    }

    BigDecimal percent(String path, String dflt, String min, String max) {
      return r.exact(path, dflt, min, max, "a percentage");
    }

    boolean bool(String path, boolean dflt) {
      return r.bool(path, dflt);
    }

    PricePoint pricePoint(String path, PricePoint dflt) {
      JsonNode n = at(path);
      if (n == null) {
        return dflt;
      }
      if (n.isTextual()) {
        for (PricePoint p : PricePoint.values()) {
          if (p.wireName().equals(n.textValue())) {
            return p;
          }
        }
      }
      problem("'" + path + "' must be one of \"none\", \".99\", \".95\", \".00\", got " + n);
      return dflt;
    }
  }
}
