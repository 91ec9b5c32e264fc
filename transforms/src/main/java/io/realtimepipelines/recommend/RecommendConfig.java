package io.realtimepipelines.recommend;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.config.JsonConfigReader;
import io.realtimepipelines.model.ClickAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The versioned settings of {@link RecommendProducts}, parsed from JSON and checked as a whole: a
 * bad file is rejected with every problem listed, never half-applied. The defaults live in one
 * place, the shipped {@code rules/recommend.json} (in the jar as {@link #DEFAULT_RESOURCE}); a file
 * that leaves a key out gets the shipped value. {@code docs/recommend.md} documents every key.
 *
 * <pre>
 * key                               meaning
 * version                           name of this configuration, copied into every output
 * session.by                        "sessionId" (a session is the events of one sessionId) or
 *                                   "userId" (a user's events, split by the inactivity gap)
 * session.inactivityGapMinutes      a session's state is dropped after this much event time
 *                                   without events; with "userId" the next event starts a new one
 * session.recentItems               distinct recent items whose neighbours are blended
 * session.pairItems                 distinct recent items a new item is paired with
 * session.maxPurchased              purchased items remembered (never recommended) per session
 * weights.view|cart|purchase        strength of each action (view <= cart <= purchase)
 * relations.halfLifeHours           half-life of every relation and popularity in event time
 * relations.neighbours              neighbours per item returned and published
 * relations.candidates              relations kept per item (bounded state), >= neighbours
 * relations.popularityAlpha         score(y->x) = w(y,x) / (n(y)^(1-a) * n(x)^a); 0.5 is cosine
 * relations.itemTtlDays             an item's relations are dropped after this without events
 * complements.enabled               complementary items across categories
 * complements.minAction             "add_to_cart" or "purchase": what both items of a pair need
 * complements.perCategory           complementary items kept per category
 * trending.windowMinutes            sliding window of trending per category
 * trending.items                    trending items returned per category
 * trending.priceSimilarity          boost of trending items priced like the clicked product
 *                                   (weight * (1 + priceSimilarity * match)); 0 turns it off
 * trending.priceTolerance           match = exp(-(ln((p + 1) / (clicked + 1)) / tolerance)^2 / 2)
 * trending.priceCandidates          heaviest trending items re-ranked by price, >= items
 * blend.size                        items per session recommendation list
 * blend.recencyDecay                weight of the k-th most recent item is recencyDecay^k
 * blend.similarWeight, complementWeight, categoryComplementWeight, trendingWeight,
 *   recentlyViewedWeight            weights of the five sources in the blend
 * </pre>
 */
public final class RecommendConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Classpath resource of the shipped defaults ({@code rules/recommend.json}). */
  public static final String DEFAULT_RESOURCE = "/io/realtimepipelines/recommend/recommend.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Map<String, Set<String>> KNOWN =
      Map.of(
          "",
              Set.of(
                  "version",
                  "description",
                  "session",
                  "weights",
                  "relations",
                  "complements",
                  "trending",
                  "blend"),
          "session",
              Set.of("by", "inactivityGapMinutes", "recentItems", "pairItems", "maxPurchased"),
          "weights", Set.of("view", "cart", "purchase"),
          "relations",
              Set.of("halfLifeHours", "neighbours", "candidates", "popularityAlpha", "itemTtlDays"),
          "complements", Set.of("enabled", "minAction", "perCategory"),
          "trending",
              Set.of(
                  "windowMinutes",
                  "items",
                  "priceSimilarity",
                  "priceTolerance",
                  "priceCandidates",
                  "brandSimilarity"),
          "blend",
              Set.of(
                  "size",
                  "recencyDecay",
                  "similarWeight",
                  "complementWeight",
                  "categoryComplementWeight",
                  "trendingWeight",
                  "recentlyViewedWeight"));

  /** What a session is. */
  public enum SessionBy {
    /** The events of one {@code sessionId}. */
    SESSION_ID("sessionId"),
    /** A user's events ({@code userId}, else the sessionId) split by the inactivity gap. */
    USER_ID("userId");

    private final String wireName;

    SessionBy(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public final String version;
  public final SessionBy sessionBy;
  public final int inactivityGapMinutes;
  public final int recentItems;
  public final int pairItems;
  public final int maxPurchased;
  public final int viewWeight;
  public final int cartWeight;
  public final int purchaseWeight;
  public final double halfLifeHours;
  public final int neighbours;
  public final int candidates;
  public final double popularityAlpha;
  public final int itemTtlDays;
  public final boolean complementsEnabled;
  public final ClickAction complementMinAction;
  public final int complementsPerCategory;
  public final int trendingWindowMinutes;
  public final int trendingItems;
  public final double trendingPriceSimilarity;
  public final double trendingPriceTolerance;
  public final int trendingPriceCandidates;
  public final double trendingBrandSimilarity;
  public final int listSize;
  public final double recencyDecay;
  public final double similarWeight;
  public final double complementWeight;
  public final double categoryComplementWeight;
  public final double trendingWeight;
  public final double recentlyViewedWeight;

  private RecommendConfig(JsonConfigReader r, RecommendConfig base) {
    Keys k = new Keys(r, base);
    version = r.requiredText("version");
    k.require("session.by");
    sessionBy = sessionBy(r, base == null ? SessionBy.SESSION_ID : base.sessionBy);
    inactivityGapMinutes =
        k.integer("session.inactivityGapMinutes", c -> c.inactivityGapMinutes, 1, 7 * 1440);
    recentItems = k.integer("session.recentItems", c -> c.recentItems, 1, 20);
    pairItems = k.integer("session.pairItems", c -> c.pairItems, 1, 50);
    maxPurchased = k.integer("session.maxPurchased", c -> c.maxPurchased, 1, 1000);
    viewWeight = k.integer("weights.view", c -> c.viewWeight, 1, 1000);
    cartWeight = k.integer("weights.cart", c -> c.cartWeight, 1, 1000);
    purchaseWeight = k.integer("weights.purchase", c -> c.purchaseWeight, 1, 1000);
    if (viewWeight > cartWeight || cartWeight > purchaseWeight) {
      r.problem(
          "weights must not decrease from view ("
              + viewWeight
              + ") to cart ("
              + cartWeight
              + ") to purchase ("
              + purchaseWeight
              + ")");
    }
    halfLifeHours = k.decimal("relations.halfLifeHours", c -> c.halfLifeHours, 0.01, 87_600);
    neighbours = k.integer("relations.neighbours", c -> c.neighbours, 1, 200);
    candidates = k.integer("relations.candidates", c -> c.candidates, 1, 5000);
    if (candidates < neighbours) {
      r.problem(
          "'relations.candidates' ("
              + candidates
              + ") must be at least"
              + " 'relations.neighbours' ("
              + neighbours
              + ")");
    }
    popularityAlpha = k.decimal("relations.popularityAlpha", c -> c.popularityAlpha, 0, 1);
    itemTtlDays = k.integer("relations.itemTtlDays", c -> c.itemTtlDays, 1, 3650);
    k.require("complements.enabled");
    complementsEnabled = r.bool("complements.enabled", base == null || base.complementsEnabled);
    k.require("complements.minAction");
    complementMinAction =
        minAction(r, base == null ? ClickAction.ADD_TO_CART : base.complementMinAction);
    complementsPerCategory =
        k.integer("complements.perCategory", c -> c.complementsPerCategory, 1, 1000);
    trendingWindowMinutes =
        k.integer("trending.windowMinutes", c -> c.trendingWindowMinutes, 1, 7 * 1440);
    trendingItems = k.integer("trending.items", c -> c.trendingItems, 1, 500);
    trendingPriceSimilarity =
        k.decimal("trending.priceSimilarity", c -> c.trendingPriceSimilarity, 0, 1000);
    trendingPriceTolerance =
        k.decimal("trending.priceTolerance", c -> c.trendingPriceTolerance, 0.01, 10);
    trendingPriceCandidates =
        k.integer("trending.priceCandidates", c -> c.trendingPriceCandidates, 1, 5000);
    trendingBrandSimilarity =
        k.decimal("trending.brandSimilarity", c -> c.trendingBrandSimilarity, 0, 1000);
    if (trendingPriceCandidates < trendingItems) {
      r.problem(
          "'trending.priceCandidates' ("
              + trendingPriceCandidates
              + ") must be at least 'trending.items' ("
              + trendingItems
              + ")");
    }
    listSize = k.integer("blend.size", c -> c.listSize, 1, 100);
    recencyDecay = k.decimal("blend.recencyDecay", c -> c.recencyDecay, 0, 1);
    similarWeight = k.decimal("blend.similarWeight", c -> c.similarWeight, 0, 1000);
    complementWeight = k.decimal("blend.complementWeight", c -> c.complementWeight, 0, 1000);
    categoryComplementWeight =
        k.decimal("blend.categoryComplementWeight", c -> c.categoryComplementWeight, 0, 1000);
    trendingWeight = k.decimal("blend.trendingWeight", c -> c.trendingWeight, 0, 1000);
    recentlyViewedWeight =
        k.decimal("blend.recentlyViewedWeight", c -> c.recentlyViewedWeight, 0, 1000);
  }

  /**
   * Reads keys that default to {@code base}'s values; without a base (the shipped file itself)
   * every key must be present, so the defaults exist in that file only.
   */
  private static final class Keys {
    private final JsonConfigReader r;
    private final RecommendConfig base;

    Keys(JsonConfigReader r, RecommendConfig base) {
      this.r = r;
      this.base = base;
    }

    void require(String path) {
      if (base == null && r.at(path) == null) {
        r.problem("'" + path + "' is required in the shipped defaults");
      }
    }

    int integer(String path, ToIntFunction<RecommendConfig> dflt, int min, int max) {
      require(path);
      return r.integer(path, base == null ? min : dflt.applyAsInt(base), min, max);
    }

    double decimal(String path, ToDoubleFunction<RecommendConfig> dflt, double min, double max) {
      require(path);
      return r.decimal(path, base == null ? min : dflt.applyAsDouble(base), min, max);
    }
  }

  private static SessionBy sessionBy(JsonConfigReader r, SessionBy dflt) {
    JsonNode n = r.at("session.by");
    if (n == null) {
      return dflt;
    }
    for (SessionBy s : SessionBy.values()) {
      if (n.isTextual() && s.wireName.equals(n.textValue())) {
        return s;
      }
    }
    r.problem("'session.by' must be \"sessionId\" or \"userId\", got " + n);
    return dflt;
  }

  private static ClickAction minAction(JsonConfigReader r, ClickAction dflt) {
    JsonNode n = r.at("complements.minAction");
    if (n == null) {
      return dflt;
    }
    if (n.isTextual()
        && (n.textValue().equals(ClickAction.ADD_TO_CART.wireName())
            || n.textValue().equals(ClickAction.PURCHASE.wireName()))) {
      return ClickAction.fromWireName(n.textValue());
    }
    r.problem("'complements.minAction' must be \"add_to_cart\" or \"purchase\", got " + n);
    return dflt;
  }

  /**
   * Parses and checks {@code json}; keys it leaves out take the shipped defaults. Throws with every
   * problem found.
   */
  public static RecommendConfig parse(String json) throws InvalidRecommendConfigException {
    return parse(json, defaults());
  }

  private static RecommendConfig parse(String json, RecommendConfig base)
      throws InvalidRecommendConfigException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRecommendConfigException(
          List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRecommendConfigException(
          List.of("the recommendation config must be a JSON object"));
    }
    JsonConfigReader r = new JsonConfigReader(root, KNOWN);
    RecommendConfig config = new RecommendConfig(r, base);
    if (!r.problems().isEmpty()) {
      throw new InvalidRecommendConfigException(r.problems());
    }
    return config;
  }

  private static volatile RecommendConfig defaults;

  /** The shipped defaults: {@code rules/recommend.json}. */
  public static RecommendConfig defaults() {
    RecommendConfig d = defaults;
    if (d == null) {
      try {
        d = parse(defaultJson(), null);
      } catch (InvalidRecommendConfigException e) {
        throw new IllegalStateException(
            "the shipped " + DEFAULT_RESOURCE + " is invalid: " + e.problems(), e);
      }
      defaults = d;
    }
    return d;
  }

  /** The text of the shipped defaults. */
  public static String defaultJson() {
    try (InputStream in = RecommendConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + DEFAULT_RESOURCE + " (rules/recommend.json)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Strength of an action: view, cart or purchase weight. */
  public int strength(ClickAction action) {
    switch (action) {
      case VIEW:
        return viewWeight;
      case ADD_TO_CART:
        return cartWeight;
      default:
        return purchaseWeight;
    }
  }

  /** Strength both items of a pair need for it to count as complementary. */
  public int complementStrength() {
    return strength(complementMinAction);
  }

  public long halfLifeMillis() {
    return Math.max(1L, Math.round(halfLifeHours * 3_600_000.0));
  }

  public long inactivityGapMillis() {
    return inactivityGapMinutes * 60_000L;
  }

  public long itemTtlMillis() {
    return itemTtlDays * 86_400_000L;
  }

  public long trendingWindowMillis() {
    return trendingWindowMinutes * 60_000L;
  }

  /** A configuration was rejected; lists every problem. */
  public static final class InvalidRecommendConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidRecommendConfigException(List<String> problems) {
      super("invalid recommendation config: " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
