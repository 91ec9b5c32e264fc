package io.realtimepipelines.recommend;

import io.realtimepipelines.recommend.RecMessage.Candidate;
import io.realtimepipelines.recommend.RecMessage.CategoryReply;
import io.realtimepipelines.recommend.RecMessage.ItemReply;
import io.realtimepipelines.recommend.RecMessage.RequestHeader;
import io.realtimepipelines.recommend.RecMessage.Trend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joda.time.Instant;

/**
 * Blends the parts of one request into a session's list. A product's score is the sum of:
 *
 * <ul>
 *   <li>for each recent item r (weight {@code recencyDecay^k} for the k-th most recent): {@code
 *       similarWeight * weight * score(r -> product)} and {@code complementWeight * weight *
 *       complementScore(r -> product)};
 *   <li>for the k-th most recent item itself (k >= 1: not the product on screen): {@code
 *       recentlyViewedWeight * recencyDecay^k};
 *   <li>{@code trendingWeight * (its weight / all weight) * boost} in the current category's
 *       trending window, where {@code boost} ({@code (1 + trending.priceSimilarity * match)}, see
 *       {@link CategoryState#priceMatch}, times {@code 1 + trending.brandSimilarity} for an item of
 *       the brand on screen) favours items priced like the product on screen and of its brand;
 *   <li>{@code categoryComplementWeight * its share} of the current category's complements.
 * </ul>
 *
 * <p>The current product and the products bought in the session are left out; ties are broken by
 * product id; the list keeps the best {@code blend.size}. Each product's reason is the sentence of
 * its largest contribution.
 */
final class Blend {
  private Blend() {}

  private static final class Score {
    final String item;
    String category = "";
    double total;
    double best = -1;
    String source;
    String relatedTo;
    String reason;

    Score(String item) {
      this.item = item;
    }
  }

  /** The list for {@code header} from its item replies and its category reply. */
  static SessionRecs recommend(
      RequestHeader header, List<ItemReply> items, CategoryReply category, RecommendConfig config) {
    List<ItemReply> ordered = new ArrayList<>(items);
    // Sum in one fixed order, so the floating-point total does not depend on arrival order.
    ordered.sort(
        Comparator.comparingDouble(ItemReply::recencyWeight)
            .reversed()
            .thenComparing(ItemReply::item));
    Map<String, Score> scores = new HashMap<>();
    String minAction = config.complementMinAction.wireName();
    for (ItemReply r : ordered) {
      for (Candidate c : r.similar()) {
        add(
            scores,
            c.item(),
            c.category(),
            config.similarWeight * r.recencyWeight() * c.score(),
            "similar",
            r.item(),
            () -> Sentences.similar(r.item(), c.sessions()));
      }
      for (Candidate c : r.complements()) {
        add(
            scores,
            c.item(),
            c.category(),
            config.complementWeight * r.recencyWeight() * c.score(),
            "complement",
            r.item(),
            () -> Sentences.complement(r.item(), c.category(), c.sessions(), minAction));
      }
    }
    double recency = config.recencyDecay;
    for (int k = 1; k < header.recent().size(); k++, recency *= config.recencyDecay) {
      String item = header.recent().get(k);
      int position = k;
      add(
          scores,
          item,
          null,
          config.recentlyViewedWeight * recency,
          "recently_viewed",
          null,
          () -> Sentences.recentlyViewed(position));
    }
    long window = Math.max(1, category.windowWeight());
    double similarPrice = 1 + config.trendingPriceSimilarity / 2;
    for (Trend t : category.trending()) {
      boolean priced = config.trendingPriceSimilarity > 0 && t.priceBoost() >= similarPrice;
      boolean sameBrand = t.brandBoost() > 1;
      add(
          scores,
          t.item(),
          category.category(),
          config.trendingWeight * t.weight() * t.boost() / window,
          "trending",
          null,
          () ->
              Sentences.trending(
                  category.category(),
                  t.sessions(),
                  config.trendingWindowMinutes,
                  sameBrand,
                  priced));
    }
    for (Candidate c : category.complements()) {
      add(
          scores,
          c.item(),
          c.category(),
          config.categoryComplementWeight * c.score(),
          "category_complement",
          null,
          () -> Sentences.categoryComplement(category.category(), c.sessions()));
    }
    Set<String> exclude = new HashSet<>(header.exclude());
    List<Score> ranked = new ArrayList<>(scores.size());
    for (Score s : scores.values()) {
      if (!exclude.contains(s.item)) {
        ranked.add(s);
      }
    }
    ranked.sort(
        (a, b) -> {
          int c = Double.compare(b.total, a.total);
          return c != 0 ? c : a.item.compareTo(b.item);
        });
    List<Recommendation> list = new ArrayList<>(Math.min(config.listSize, ranked.size()));
    for (int i = 0; i < ranked.size() && i < config.listSize; i++) {
      Score s = ranked.get(i);
      list.add(
          Recommendation.of(
              s.item, ItemState.blankToNull(s.category), s.total, s.source, s.relatedTo, s.reason));
    }
    return SessionRecs.of(
        header.sessionKey(),
        header.sessionId(),
        header.userId(),
        header.eventId(),
        header.productId(),
        ItemState.blankToNull(header.category()),
        header.action(),
        header.seq(),
        new Instant(header.ts()),
        config.version,
        list);
  }

  private interface Text {
    String get();
  }

  private static void add(
      Map<String, Score> scores,
      String item,
      String category,
      double contribution,
      String source,
      String relatedTo,
      Text reason) {
    if (!(contribution > 0)) {
      return;
    }
    Score s = scores.computeIfAbsent(item, Score::new);
    s.total += contribution;
    if (s.category.isEmpty() && category != null) {
      s.category = category;
    }
    if (contribution > s.best) {
      s.best = contribution;
      s.source = source;
      s.relatedTo = relatedTo;
      s.reason = reason.get();
    }
  }
}
