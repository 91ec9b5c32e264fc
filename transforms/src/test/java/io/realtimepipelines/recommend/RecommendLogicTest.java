package io.realtimepipelines.recommend;

import static io.realtimepipelines.testing.Events.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.recommend.RecMessage.Candidate;
import io.realtimepipelines.recommend.RecMessage.CategoryReply;
import io.realtimepipelines.recommend.RecMessage.ComplementUpdate;
import io.realtimepipelines.recommend.RecMessage.ItemReply;
import io.realtimepipelines.recommend.RecMessage.Occurrence;
import io.realtimepipelines.recommend.RecMessage.PairNotice;
import io.realtimepipelines.recommend.RecMessage.PairUpdate;
import io.realtimepipelines.recommend.RecMessage.RequestHeader;
import io.realtimepipelines.recommend.RecMessage.RequestPart;
import io.realtimepipelines.recommend.RecMessage.Trend;
import io.realtimepipelines.recommend.RecMessage.TrendUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The per-key arithmetic of recommendations, against cases worked out by hand from the definitions
 * in the README and docs/recommend.md (not from the code).
 */
class RecommendLogicTest {
  private static RecommendConfig config(String json) {
    try {
      return RecommendConfig.parse(json);
    } catch (RecommendConfig.InvalidRecommendConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final RecommendConfig DEFAULTS = RecommendConfig.defaults();

  private static ClickEvent click(
      String id, String session, String product, String category, ClickAction action, Instant at) {
    return ClickEvent.builder()
        .setEventId(id)
        .setSessionId(session)
        .setProductId(product)
        .setCategory(category)
        .setAction(action)
        .setPrice(new BigDecimal("1.00"))
        .setQuantity(1)
        .setTimestamp(at)
        .build();
  }

  private static List<RecMessage> apply(SessionState s, ClickEvent c, RecommendConfig cfg) {
    List<RecMessage> out = new ArrayList<>();
    s.apply(c, cfg, out::add);
    return out;
  }

  private static <T> List<T> of(List<RecMessage> messages, Class<T> type) {
    return messages.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
  }

  // --- sessions: strength, pair credits, complements, requests ---

  @Test
  void aPairCountsTheWeakerItemsStrengthOncePerSession() {
    // weights view 1, cart 3, purchase 5: x viewed, y viewed, y carted, x carted.
    SessionState s = new SessionState();
    List<RecMessage> m1 =
        apply(s, click("1", "s", "x", "shoes", ClickAction.VIEW, minute(0)), DEFAULTS);
    assertEquals(
        List.of(new Occurrence("x", "shoes", 1, minute(0).getMillis(), "1")),
        of(m1, Occurrence.class));
    assertTrue(of(m1, PairNotice.class).isEmpty(), "nothing to pair with yet");

    List<RecMessage> m2 =
        apply(s, click("2", "s", "y", "socks", ClickAction.VIEW, minute(1)), DEFAULTS);
    // y enters: the pair gains min(1, 1) - min(1, 0) = 1, a new pair; both are only viewed, so
    // it is not complementary.
    PairNotice fromY = of(m2, PairNotice.class).get(0);
    assertEquals("y", fromY.item());
    assertEquals(
        List.of(new RecMessage.Partner("x", "shoes", 1, 0, true, false)), fromY.partners());

    List<RecMessage> m3 =
        apply(s, click("3", "s", "y", "socks", ClickAction.ADD_TO_CART, minute(2)), DEFAULTS);
    // y's strength 1 -> 3: popularity +2; the pair gains min(1, 3) - min(1, 1) = 0 (x is weaker).
    assertEquals(2, of(m3, Occurrence.class).get(0).delta());
    assertTrue(of(m3, PairNotice.class).isEmpty());

    List<RecMessage> m4 =
        apply(s, click("4", "s", "x", "shoes", ClickAction.ADD_TO_CART, minute(3)), DEFAULTS);
    // x's strength 1 -> 3: the pair gains min(3, 3) - min(3, 1) = 2 (3 in all = min of both),
    // and becomes complementary (both carted, other categories): 3 - 0.
    PairNotice fromX = of(m4, PairNotice.class).get(0);
    assertEquals(
        List.of(new RecMessage.Partner("y", "socks", 2, 3, false, true)), fromX.partners());
    List<ComplementUpdate> comps = of(m4, ComplementUpdate.class);
    assertEquals(2, comps.size(), "both categories learn the other's item");
    assertTrue(comps.stream().anyMatch(c -> c.category().equals("shoes") && c.item().equals("y")));
    assertTrue(comps.stream().anyMatch(c -> c.category().equals("socks") && c.item().equals("x")));

    List<RecMessage> m5 =
        apply(s, click("5", "s", "x", "shoes", ClickAction.VIEW, minute(4)), DEFAULTS);
    assertTrue(of(m5, Occurrence.class).isEmpty(), "a repeat view adds no strength");
    assertTrue(of(m5, PairNotice.class).isEmpty());
    assertEquals(1, of(m5, RequestHeader.class).size(), "but still asks for a list");
  }

  @Test
  void aRequestAsksTheRecentItemsWithRecencyWeightsAndLeavesOutCurrentAndBought() {
    SessionState s = new SessionState();
    apply(s, click("1", "s", "a", "c", ClickAction.VIEW, minute(0)), DEFAULTS);
    List<RecMessage> bought =
        apply(s, click("2", "s", "b", "c", ClickAction.PURCHASE, minute(1)), DEFAULTS);
    assertTrue(of(bought, RequestHeader.class).isEmpty(), "a purchase asks for no list");
    List<RecMessage> m =
        apply(s, click("3", "s", "c1", "c", ClickAction.VIEW, minute(2)), DEFAULTS);
    RequestHeader h = of(m, RequestHeader.class).get(0);
    assertEquals(List.of("c1", "b", "a"), h.recent());
    assertEquals(List.of("c1", "b"), h.exclude());
    assertEquals(5, h.parts(), "header + 3 items + category");
    List<RequestPart> parts = of(m, RequestPart.class);
    assertEquals(
        List.of("c1:1.0", "b:0.6", "a:0.36", "c:1.0"),
        parts.stream()
            .map(p -> p.target() + ":" + Math.round(p.recencyWeight() * 100) / 100.0)
            .collect(Collectors.toList()));
    assertTrue(parts.get(3).category());
  }

  @Test
  void aSessionIdleLongerThanTheGapIsANewSessionForTheModel() {
    // The model, like the pipeline, starts a new state after the inactivity gap (30 min).
    ClickEvent a = click("1", "s", "a", "c", ClickAction.VIEW, minute(0));
    ClickEvent b = click("2", "s", "b", "c", ClickAction.VIEW, minute(31));
    List<SessionRecs> recs = RecommendModel.run(List.of(a, b), DEFAULTS).getSessionRecs();
    assertEquals(1, recs.get(1).getSeq(), "the second click starts a new session");
    assertFalse(
        recs.get(1).getRecommendations().stream()
            .anyMatch(r -> r.getSource().equals("recently_viewed")),
        "the earlier session's item is not 'recently viewed': " + recs.get(1).getRecommendations());
  }

  // --- item relations: normalisation, decay, bounds ---

  private static PairUpdate pair(
      String item, String partner, int credit, double partnerPopularity, long t) {
    return new PairUpdate(
        item, partner, "c", credit, 0, true, false, partnerPopularity, t, "e" + t);
  }

  @Test
  void relationScoreIsTheWeightOverBothPopularities() {
    // n(y) = 4, w(y, x) = 2, n(x) = 9: alpha 0.5 gives 2 / sqrt(4 * 9) = 1/3; alpha 0 gives
    // 2 / 4 = 0.5 (conditional); alpha 1 gives 2 / 9.
    for (double[] c : new double[][] {{0.5, 1.0 / 3}, {0, 0.5}, {1, 2.0 / 9}}) {
      RecommendConfig cfg =
          config("{\"version\":\"t\",\"relations\":{\"popularityAlpha\":" + c[0] + "}}");
      ItemState y = new ItemState();
      long t = minute(0).getMillis();
      y.apply(new Occurrence("y", "c", 4, t, "o"), cfg, m -> {});
      y.apply(pair("y", "x", 2, 9, t), cfg, m -> {});
      List<ItemReply> replies = new ArrayList<>();
      y.apply(
          new RequestPart("r", "y", false, 1.0, 3, 10.0, null, t + 1, "q"),
          cfg,
          m -> replies.add((ItemReply) m));
      assertEquals(c[1], replies.get(0).similar().get(0).score(), 1e-12, "alpha " + c[0]);
    }
  }

  @Test
  void sessionsBehindARelationHalveEveryHalfLife() {
    RecommendConfig cfg = config("{\"version\":\"t\",\"relations\":{\"halfLifeHours\":1}}");
    ItemState y = new ItemState();
    long t = minute(0).getMillis();
    y.apply(new Occurrence("y", "c", 1, t, "o"), cfg, m -> {});
    y.apply(pair("y", "x", 1, 1, t), cfg, m -> {});
    List<ItemReply> replies = new ArrayList<>();
    y.apply(
        new RequestPart("r", "y", false, 1.0, 3, 10.0, null, t + 3_600_000L, "q"),
        cfg,
        m -> replies.add((ItemReply) m));
    Candidate x = replies.get(0).similar().get(0);
    assertEquals(0.5, x.sessions(), 1e-12);
    assertEquals(1.0, x.score(), 1e-12, "a score is a ratio of values that decay alike");
  }

  @Test
  void relationsPerItemAreBoundedKeepingTheStrongest() {
    // candidates 4: a fifth partner prunes to max(neighbours 2, 4 - 1) = 3, the weakest going.
    RecommendConfig cfg =
        config(
            "{\"version\":\"t\",\"relations\":{\"neighbours\":2,\"candidates\":4,\"popularityAlpha\":0}}");
    ItemState y = new ItemState();
    long t = minute(0).getMillis();
    y.apply(new Occurrence("y", "c", 100, t, "o"), cfg, m -> {});
    int[] credits = {5, 1, 4, 2, 3};
    for (int i = 0; i < credits.length; i++) {
      y.apply(pair("y", "p" + i, credits[i], 10, t), cfg, m -> {});
    }
    assertEquals(List.of("p0", "p2", "p4"), y.ranking(cfg));
  }

  @Test
  void anItemPublishesItsNeighboursWhenTheyChange() {
    RecommendConfig cfg = config("{\"version\":\"t\"}");
    ItemState y = new ItemState();
    List<RecMessage> out = new ArrayList<>();
    long t = minute(0).getMillis();
    y.apply(new Occurrence("y", "c", 1, t, "o1"), cfg, out::add);
    assertEquals(0, out.size(), "no neighbours yet: nothing changed");
    y.apply(pair("y", "x", 1, 1, t), cfg, out::add);
    y.apply(new Occurrence("y", "c", 1, t + 1, "o2"), cfg, out::add);
    y.apply(new Occurrence("y", "c", 1, t + 2, "o3"), cfg, out::add);
    assertEquals(1, out.size(), "published once, when x became a neighbour");
    ItemNeighbours n = ((RecMessage.NeighboursChanged) out.get(0)).value();
    assertEquals("x", n.getNeighbours().get(0).getProductId());
  }

  // --- categories: trending window ---

  @Test
  void trendingCountsOnlyTheWindowsMinutes() {
    // window 20 minutes: at minute 25 the window holds minutes 6..25.
    RecommendConfig cfg = config("{\"version\":\"t\",\"trending\":{\"windowMinutes\":20}}");
    CategoryState c = new CategoryState();
    c.apply(
        new TrendUpdate("c", "old", 5, true, Double.NaN, null, minute(5).getMillis(), "1"),
        cfg,
        m -> {});
    c.apply(
        new TrendUpdate("c", "a", 1, true, Double.NaN, null, minute(10).getMillis(), "2"),
        cfg,
        m -> {});
    c.apply(
        new TrendUpdate("c", "a", 2, false, Double.NaN, null, minute(11).getMillis(), "3"),
        cfg,
        m -> {});
    c.apply(
        new TrendUpdate("c", "b", 1, true, Double.NaN, null, minute(25).getMillis(), "4"),
        cfg,
        m -> {});
    List<CategoryReply> replies = new ArrayList<>();
    c.apply(
        new RequestPart("r", "c", true, 1, 3, Double.NaN, null, minute(25).getMillis() + 1, "q"),
        cfg,
        m -> replies.add((CategoryReply) m));
    CategoryReply r = replies.get(0);
    assertEquals(List.of(new Trend("a", 3, 1), new Trend("b", 1, 1)), r.trending());
    assertEquals(4, r.windowWeight());
  }

  @Test
  void trendingPrefersItemsPricedLikeTheClickedProductAmongTheHeaviest() {
    // priceSimilarity 3, tolerance 0.3: the same price earns boost 4, ten times the price ~1.
    RecommendConfig cfg =
        config(
            "{\"version\":\"t\",\"trending\":{\"items\":2,\"priceCandidates\":3,"
                + "\"priceSimilarity\":3,\"priceTolerance\":0.3}}");
    CategoryState c = new CategoryState();
    long t = minute(1).getMillis();
    c.apply(new TrendUpdate("c", "heavy", 5, true, 1000, null, t, "1"), cfg, m -> {});
    c.apply(new TrendUpdate("c", "cheap", 4, true, 10, null, t, "2"), cfg, m -> {});
    c.apply(new TrendUpdate("c", "near", 3, true, 100, null, t, "3"), cfg, m -> {});
    c.apply(new TrendUpdate("c", "light", 2, true, 99, null, t, "4"), cfg, m -> {});
    List<CategoryReply> replies = new ArrayList<>();
    c.apply(
        new RequestPart("r", "c", true, 1, 3, 99, null, t + 1, "q"),
        cfg,
        m -> replies.add((CategoryReply) m));
    List<Trend> trending = replies.get(0).trending();
    // near: 3 * (1 + 3 * exp(-(ln(101/100)/0.3)^2/2)) = 11.99 beats heavy's 5 * ~1; light (2 * 4 =
    // 8) would beat heavy too, but it is not among the 3 heaviest.
    assertEquals(List.of("near", "heavy"), trending.stream().map(Trend::item).toList());
    assertEquals(
        1 + 3 * Math.exp(-Math.pow(Math.log(101.0 / 100) / 0.3, 2) / 2),
        trending.get(0).boost(),
        1e-12);
    assertEquals(1.0, trending.get(1).boost(), 1e-6);

    // A click without a known price, or the boost turned off: the heaviest, unboosted.
    replies.clear();
    c.apply(
        new RequestPart("r2", "c", true, 1, 3, Double.NaN, null, t + 2, "q2"),
        cfg,
        m -> replies.add((CategoryReply) m));
    assertEquals(
        List.of(new Trend("heavy", 5, 1), new Trend("cheap", 4, 1)), replies.get(0).trending());
    RecommendConfig off = config("{\"version\":\"t\",\"trending\":{\"priceSimilarity\":0}}");
    replies.clear();
    c.apply(
        new RequestPart("r3", "c", true, 1, 3, 99, null, t + 3, "q3"),
        off,
        m -> replies.add((CategoryReply) m));
    assertEquals(
        List.of("heavy", "cheap", "near", "light"),
        replies.get(0).trending().stream().map(Trend::item).toList());
  }

  /** A session's first view, of {@code product} in {@code category}: a request of 2 parts. */
  private static RequestHeader viewOf(String product, String category, long t) {
    return new RequestHeader(
        "r",
        2,
        "s",
        "s",
        null,
        product,
        category,
        "view",
        1,
        List.of(product),
        List.of(product),
        t,
        "e");
  }

  /** The trending items a category answers a request at {@code t} with. */
  private static List<Trend> ask(
      CategoryState c, RecommendConfig cfg, double price, String brand, long t) {
    List<CategoryReply> replies = new ArrayList<>();
    c.apply(
        new RequestPart("r" + t, "c", true, 1, 3, price, brand, t, "q" + t),
        cfg,
        m -> replies.add((CategoryReply) m));
    return replies.get(0).trending();
  }

  private static List<String> ids(List<Trend> trending) {
    return trending.stream().map(Trend::item).toList();
  }

  @Test
  void trendingPrefersItemsOfTheClickedBrandWhateverTheCase() {
    // brandSimilarity 3, prices off: the clicked product's brand multiplies an item's weight by 4.
    RecommendConfig cfg =
        config(
            "{\"version\":\"t\",\"trending\":{\"items\":3,\"priceCandidates\":4,"
                + "\"priceSimilarity\":0,\"brandSimilarity\":3}}");
    CategoryState c = new CategoryState();
    long t = minute(1).getMillis();
    c.apply(new TrendUpdate("c", "heavy", 5, true, 10, "Other", t, "1"), cfg, m -> {});
    c.apply(new TrendUpdate("c", "nobrand", 4, true, 10, null, t, "2"), cfg, m -> {});
    c.apply(new TrendUpdate("c", "acme", 2, true, 10, "Acme", t, "3"), cfg, m -> {});
    // A later click without a brand keeps the brand an item was seen with.
    c.apply(new TrendUpdate("c", "acme", 1, false, 10, null, t, "4"), cfg, m -> {});
    c.apply(new TrendUpdate("c", "light", 1, true, 10, "acme", t, "5"), cfg, m -> {});
    // acme 3 * 4 = 12, heavy 5, nobrand 4, light 1 * 4 = 4 (ties: the heavier first).
    assertEquals(
        List.of(
            new Trend("acme", 3, 1, 1.0, 4.0),
            new Trend("heavy", 5, 1, 1.0, 1.0),
            new Trend("nobrand", 4, 1, 1.0, 1.0)),
        ask(c, cfg, 10, "ACME", t + 1));
    // A click without a brand, or the boost turned off: the heaviest, unboosted.
    assertEquals(List.of("heavy", "nobrand", "acme"), ids(ask(c, cfg, 10, null, t + 2)));
    RecommendConfig off =
        config("{\"version\":\"t\",\"trending\":{\"priceSimilarity\":0,\"brandSimilarity\":0}}");
    assertEquals(List.of("heavy", "nobrand", "acme", "light"), ids(ask(c, off, 10, "acme", t + 3)));
  }

  @Test
  void brandAndPriceBoostsMultiply() {
    RecommendConfig cfg =
        config(
            "{\"version\":\"t\",\"trending\":{\"priceSimilarity\":2,\"priceTolerance\":0.3,"
                + "\"brandSimilarity\":3}}");
    CategoryState c = new CategoryState();
    long t = minute(1).getMillis();
    c.apply(new TrendUpdate("c", "twin", 1, true, 100, "acme", t, "1"), cfg, m -> {});
    Trend twin = ask(c, cfg, 100, "acme", t + 1).get(0);
    assertEquals(3.0, twin.priceBoost(), 1e-12);
    assertEquals(4.0, twin.brandBoost(), 1e-12);
    assertEquals(12.0, twin.boost(), 1e-12);
  }

  @Test
  void aTrendingItemOfTheSameBrandSaysSo() {
    long t = minute(0).getMillis();
    RequestHeader h = viewOf("cur", "phones", t);
    CategoryReply cat =
        new CategoryReply(
            "r",
            2,
            "phones",
            List.of(
                new Trend("both", 1, 1, 3.0, 4.0),
                new Trend("brand", 1, 3, 1.0, 4.0),
                new Trend("neither", 1, 2)),
            4,
            List.of(),
            0,
            t,
            "e");
    List<Recommendation> list = Blend.recommend(h, List.of(), cat, DEFAULTS).getRecommendations();
    assertEquals(
        List.of("both", "brand", "neither"),
        list.stream().map(Recommendation::getProductId).toList());
    // both: 1.0 * 1/4 * 3 * 4 = 3.0.
    assertEquals(3.0, list.get(0).getScore(), 1e-12);
    assertEquals(
        "trending in phones from the same brand at a similar price: 1 session in the last 120 min",
        list.get(0).getReason());
    assertEquals(
        "trending in phones from the same brand: 3 sessions in the last 120 min",
        list.get(1).getReason());
    assertEquals("trending in phones: 2 sessions in the last 120 min", list.get(2).getReason());
  }

  @Test
  void aTrendingItemAtASimilarPriceSaysSoAndScoresItsBoost() {
    long t = minute(0).getMillis();
    RequestHeader h = viewOf("cur", "shoes", t);
    CategoryReply cat =
        new CategoryReply(
            "r",
            2,
            "shoes",
            List.of(new Trend("near", 1, 1, 8.0, 1.0), new Trend("far", 2, 2, 1.2, 1.0)),
            4,
            List.of(),
            0,
            t,
            "e");
    SessionRecs recs = Blend.recommend(h, List.of(), cat, DEFAULTS);
    // near: 1.0 * 1/4 * 8 = 2.0; far: 1.0 * 2/4 * 1.2 = 0.6. With the shipped priceSimilarity 2, a
    // boost of at least 1 + 2/2 (match >= 0.5) is "a similar price".
    List<Recommendation> list = recs.getRecommendations();
    assertEquals(List.of("near", "far"), list.stream().map(Recommendation::getProductId).toList());
    assertEquals(2.0, list.get(0).getScore(), 1e-12);
    assertEquals(
        "trending in shoes at a similar price: 1 session in the last 120 min",
        list.get(0).getReason());
    assertEquals("trending in shoes: 2 sessions in the last 120 min", list.get(1).getReason());
  }

  // --- blend ---

  @Test
  void blendSumsWeightedSourcesLeavesOutCurrentAndBoughtAndExplainsTheLargest() {
    RecommendConfig cfg = DEFAULTS; // similar 1.0, complement 0.5, category complement 0.3,
    // trending 1.0, recently viewed 0.3, recency decay 0.6
    long t = minute(0).getMillis();
    RequestHeader h =
        new RequestHeader(
            "r",
            4,
            "s",
            "s",
            null,
            "cur",
            "shoes",
            "view",
            3,
            List.of("cur", "seen"),
            List.of("cur", "bought"),
            t,
            "e");
    ItemReply cur =
        new ItemReply(
            "r",
            4,
            "cur",
            1.0,
            List.of(new Candidate("a", "shoes", 0.5, 37), new Candidate("bought", "shoes", 0.9, 2)),
            List.of(new Candidate("b", "socks", 0.4, 3)),
            t,
            "e");
    ItemReply seen =
        new ItemReply(
            "r", 4, "seen", 0.6, List.of(new Candidate("a", "shoes", 0.25, 4)), List.of(), t, "e");
    CategoryReply cat =
        new CategoryReply(
            "r",
            4,
            "shoes",
            List.of(new Trend("c", 2, 2), new Trend("cur", 2, 2)),
            4,
            List.of(new Candidate("d", "socks", 0.5, 6)),
            1.0,
            t,
            "e");
    SessionRecs recs = Blend.recommend(h, List.of(seen, cur), cat, cfg);
    // a: 1.0 * 1.0 * 0.5 + 1.0 * 0.6 * 0.25 = 0.65; c: 1.0 * 2/4 = 0.5; b: 0.5 * 1.0 * 0.4 = 0.2;
    // seen: 0.3 * 0.6 = 0.18; d: 0.3 * 0.5 = 0.15. cur and bought are left out.
    assertEquals(
        List.of("a", "c", "b", "seen", "d"),
        recs.getRecommendations().stream()
            .map(Recommendation::getProductId)
            .collect(Collectors.toList()));
    assertEquals(
        List.of(0.65, 0.5, 0.2, 0.18, 0.15),
        recs.getRecommendations().stream()
            .map(r -> Math.round(r.getScore() * 1e9) / 1e9)
            .collect(Collectors.toList()));
    Recommendation a = recs.getRecommendations().get(0);
    assertEquals("similar", a.getSource());
    assertEquals("cur", a.getRelatedTo());
    assertEquals("viewed together with cur in 37 sessions", a.getReason());
    assertEquals(
        "trending in shoes: 2 sessions in the last 120 min",
        recs.getRecommendations().get(1).getReason());
    assertEquals(
        "in the cart together with cur (socks) in 3 sessions",
        recs.getRecommendations().get(2).getReason());
    assertEquals("viewed just before this one", recs.getRecommendations().get(3).getReason());
    assertEquals(
        "often carted or bought with shoes items (6 sessions)",
        recs.getRecommendations().get(4).getReason());
  }

  // --- the model's rules across keys ---

  @Test
  void aListNeverReflectsClicksOfItsOwnInstant() {
    // s1 pairs x with z; s2 views x. When s1's pairing click happens 1 ms before s2's view, s2's
    // list holds z (viewed with x); at the same instant it must not, as it must not in the
    // pipeline, where a list published at t is computed from the clicks strictly before t. (No
    // price boost: z's trending score at the same price would outweigh, and so name, its source.)
    RecommendConfig cfg = config("{\"version\":\"t\",\"trending\":{\"priceSimilarity\":0}}");
    for (long gap : new long[] {1, 0}) {
      long t = minute(10).getMillis();
      List<ClickEvent> clicks =
          List.of(
              click("a1", "s1", "x", "c", ClickAction.VIEW, minute(0)),
              click("a2", "s1", "z", "c", ClickAction.VIEW, new Instant(t - gap)),
              click("b1", "s2", "x", "c", ClickAction.VIEW, new Instant(t)));
      SessionRecs s2 = RecommendModel.run(clicks, cfg).byEventId().get("b1");
      boolean similarZ =
          s2.getRecommendations().stream()
              .anyMatch(r -> r.getProductId().equals("z") && r.getSource().equals("similar"));
      assertEquals(gap > 0, similarZ, "gap " + gap + " ms: " + s2.getRecommendations());
    }
  }

  @Test
  void anUnknownProductIsRecommendedFromItsCategoryAndNeverFails() {
    List<ClickEvent> clicks =
        List.of(
            click("1", "s1", "known", "c", ClickAction.VIEW, minute(0)),
            click("2", "s2", "never-seen", "c", ClickAction.VIEW, minute(1)),
            click("3", "s3", "no-category", null, ClickAction.VIEW, minute(2)));
    RecommendModel.Result r = RecommendModel.run(clicks, DEFAULTS);
    SessionRecs unknown = r.byEventId().get("2");
    assertEquals(
        List.of("known"),
        unknown.getRecommendations().stream()
            .map(Recommendation::getProductId)
            .collect(Collectors.toList()));
    assertEquals("trending", unknown.getRecommendations().get(0).getSource());
    assertTrue(
        r.byEventId().get("3").getRecommendations().isEmpty(), "nothing to go on: an empty list");
  }
}
