package io.realtimepipelines.recommend;

import static io.realtimepipelines.testing.Events.T0;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.joda.time.Instant;

/**
 * Random but reproducible click streams for the recommendation tests: sessions that browse a theme
 * category and stray into a related one, skewed product popularity, carts and purchases, several
 * clicks at the same instant (in one session and across sessions), sessions that pause past the
 * inactivity gap, uncategorised products and logged-in users with several sessions.
 */
final class RecommendScenarios {
  private RecommendScenarios() {}

  static final String[] CATEGORIES = {
    "fashion.shoes",
    "fashion.socks",
    "fashion.apparel",
    "electronics.phone",
    "electronics.audio",
    ""
  };

  static List<ClickEvent> generate(long seed, int sessions) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<ClickEvent> clicks = new ArrayList<>();
    int n = 0;
    for (int s = 0; s < sessions; s++) {
      long t = T0.getMillis() + rnd.nextInt(4 * 3_600) * 1000L;
      int theme = rnd.nextInt(CATEGORIES.length);
      String user = rnd.nextInt(3) == 0 ? "user-" + rnd.nextInt(Math.max(1, sessions / 3)) : null;
      int length = 1 + rnd.nextInt(12);
      for (int i = 0; i < length; i++) {
        int gap = rnd.nextInt(20);
        // Same instant, a few seconds, a minute or two, or past the 30-minute inactivity gap.
        t +=
            gap < 3
                ? 0
                : gap < 16
                    ? 1000L * (1 + rnd.nextInt(20))
                    : gap < 19 ? 60_000L * (1 + rnd.nextInt(3)) : 40 * 60_000L;
        int category = rnd.nextInt(4) == 0 ? (theme + 1) % CATEGORIES.length : theme;
        // Skewed: low product numbers are popular.
        int product = (int) Math.floor(Math.pow(rnd.nextDouble(), 2.5) * 12);
        int a = rnd.nextInt(20);
        ClickAction action =
            a < 15 ? ClickAction.VIEW : a < 18 ? ClickAction.ADD_TO_CART : ClickAction.PURCHASE;
        String cat = CATEGORIES[category];
        clicks.add(
            ClickEvent.builder()
                .setEventId(String.format(Locale.ROOT, "e%05d", n++))
                .setSessionId("s" + s)
                .setUserId(user)
                .setProductId(
                    (cat.isEmpty() ? "misc" : cat.substring(cat.indexOf('.') + 1)) + "-" + product)
                .setCategory(cat.isEmpty() ? null : cat)
                // A product's brand, written in either case, or none: the brand boost compares
                // without case.
                .setBrand(
                    product % 3 == 0
                        ? null
                        : product % 3 == 1 ? (i % 2 == 0 ? "Acme" : "ACME") : "bolt")
                .setAction(action)
                .setPrice(new BigDecimal("9.99"))
                .setQuantity(1)
                .setTimestamp(new Instant(t))
                .build());
      }
    }
    return clicks;
  }

  /** A small configuration that makes every source count: short windows, small bounds. */
  static RecommendConfig config() {
    try {
      return RecommendConfig.parse(
          "{\"version\":\"test\","
              + "\"session\":{\"recentItems\":3,\"pairItems\":3},"
              + "\"relations\":{\"halfLifeHours\":1,\"neighbours\":4,\"candidates\":6,\"itemTtlDays\":1},"
              + "\"trending\":{\"windowMinutes\":20,\"items\":5},"
              + "\"complements\":{\"perCategory\":4},"
              + "\"blend\":{\"size\":6}}");
    } catch (RecommendConfig.InvalidRecommendConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A list as one comparable line: trigger, then each item with score, source and reason. */
  static String line(SessionRecs r) {
    StringBuilder sb =
        new StringBuilder(r.getEventId())
            .append(' ')
            .append(r.getSessionKey())
            .append(' ')
            .append(r.getTimestamp())
            .append(" #")
            .append(r.getSeq())
            .append(':');
    for (Recommendation rec : r.getRecommendations()) {
      sb.append(' ')
          .append(rec.getProductId())
          .append('=')
          .append(rec.getScore())
          .append('/')
          .append(rec.getSource())
          .append('/')
          .append(rec.getReason());
    }
    return sb.toString();
  }

  static String line(ItemNeighbours n) {
    StringBuilder sb =
        new StringBuilder(n.getProductId())
            .append(' ')
            .append(n.getEventId())
            .append(' ')
            .append(n.getPopularity())
            .append(':');
    for (Neighbour x : n.getNeighbours()) {
      sb.append(' ')
          .append(x.getProductId())
          .append('=')
          .append(x.getScore())
          .append('/')
          .append(x.getSessions());
    }
    sb.append(" |");
    for (Neighbour x : n.getComplements()) {
      sb.append(' ').append(x.getProductId()).append('=').append(x.getScore());
    }
    return sb.toString();
  }
}
