package io.realtimepipelines.tools.recommend;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.recommend.Recommendation;
import io.realtimepipelines.recommend.SessionRecs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Offline quality of session recommendations against what the shoppers did next, with two baselines
 * computed the same way. Nothing looks at the future: every list is the one published before the
 * click it is judged on, and the baselines count only clicks strictly before it.
 *
 * <p>For every view that follows at least one earlier click of its session (clicks in the job's
 * order: event time, then event id), the list shown is the session's latest list, published after
 * one of its earlier views or add-to-carts (none: an empty list, a miss). Measured:
 *
 * <ul>
 *   <li><b>hit rate@k</b>: the viewed product is in the list's first k; <b>MRR@k</b>: the mean of
 *       1/rank (0 beyond k);
 *   <li>the same for the views of a product other than the one on screen (the previous click's
 *       product; no list holds the product being viewed, so a re-view of it is a miss for all);
 *   <li><b>purchase recall@k</b>: for views followed by purchases in their session, the share of
 *       the products bought from that view on (and not bought before) that the list held.
 * </ul>
 *
 * <p>Baselines, from the clicks strictly before the view: <b>global popularity</b> (products by how
 * many sessions clicked them) and <b>category popularity</b> (the same within the category of the
 * product on screen); both leave out, as the job does, the product on screen and the products the
 * session bought.
 */
public final class RecommendEvaluation {
  private RecommendEvaluation() {}

  /** Hits, reciprocal ranks and recall of one recommender. */
  public static final class Scores {
    public long views;
    public long hits;
    public double reciprocalRanks;
    public long newViews;
    public long newHits;
    public double newReciprocalRanks;
    public long purchaseViews;
    public double recall;
    public long nonEmpty;
    public long warmViews;
    public long warmHits;
    public final Set<String> recommended = new HashSet<>();

    void judge(
        List<String> list,
        String target,
        boolean newProduct,
        boolean warm,
        Set<String> purchasedLater) {
      views++;
      if (!list.isEmpty()) {
        nonEmpty++;
      }
      recommended.addAll(list);
      if (newProduct && warm) {
        warmViews++;
        if (list.contains(target)) {
          warmHits++;
        }
      }
      int rank = list.indexOf(target);
      if (rank >= 0) {
        hits++;
        reciprocalRanks += 1.0 / (rank + 1);
      }
      if (newProduct) {
        newViews++;
        if (rank >= 0) {
          newHits++;
          newReciprocalRanks += 1.0 / (rank + 1);
        }
      }
      if (!purchasedLater.isEmpty()) {
        purchaseViews++;
        long found = purchasedLater.stream().filter(list::contains).count();
        recall += (double) found / purchasedLater.size();
      }
    }

    public double hitRate() {
      return views == 0 ? 0 : (double) hits / views;
    }

    public double mrr() {
      return views == 0 ? 0 : reciprocalRanks / views;
    }

    public double newHitRate() {
      return newViews == 0 ? 0 : (double) newHits / newViews;
    }

    public double newMrr() {
      return newViews == 0 ? 0 : newReciprocalRanks / newViews;
    }

    public double purchaseRecall() {
      return purchaseViews == 0 ? 0 : recall / purchaseViews;
    }

    public double coverage() {
      return views == 0 ? 0 : (double) nonEmpty / views;
    }

    /** Hit rate over views of another product that had been clicked before in the stream. */
    public double warmHitRate() {
      return warmViews == 0 ? 0 : (double) warmHits / warmViews;
    }
  }

  /** The job's scores and the two baselines'. */
  public record Report(
      int k,
      long clicks,
      long sessions,
      long products,
      Scores job,
      Scores global,
      Scores category) {
    /** The better baseline's hit rate@k. */
    public double bestBaselineHitRate() {
      return Math.max(global.hitRate(), category.hitRate());
    }

    /** A markdown table of the three, with the job's ratio to the better baseline. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "| recommender | hit rate@%d | MRR@%d | hit rate@%d, another product | ... seen before |"
                  + " purchase recall@%d | products recommended |%n",
              k,
              k,
              k,
              k));
      sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
      row(sb, "`recommend` job", job);
      row(sb, "global popularity", global);
      row(sb, "category popularity", category);
      double best = bestBaselineHitRate();
      sb.append(
          String.format(
              Locale.ROOT,
              "%nViews judged: %,d (%,d of another product, %,d of them of a product clicked before in"
                  + " the stream; %,d followed by a purchase) in %,d sessions, %,d clicks, %,d products."
                  + " Job vs better baseline, hit rate@%d: %.2fx. Views with a job list: %.1f%%.%n",
              job.views,
              job.newViews,
              job.warmViews,
              job.purchaseViews,
              sessions,
              clicks,
              products,
              k,
              best == 0 ? 0 : job.hitRate() / best,
              100 * job.coverage()));
      return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Scores s) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f (%,d) | %.3f | %.3f (%,d) | %.3f | %.3f | %,d |%n",
              name,
              s.hitRate(),
              s.hits,
              s.mrr(),
              s.newHitRate(),
              s.newHits,
              s.warmHitRate(),
              s.purchaseRecall(),
              s.recommended.size()));
    }
  }

  /** Sessions' clicks as the job orders them: event time, event id, action, quantity. */
  static final Comparator<ClickEvent> ORDER =
      Comparator.comparing(ClickEvent::getTimestamp)
          .thenComparing(ClickEvent::getEventId)
          .thenComparing(ClickEvent::getAction)
          .thenComparingInt(ClickEvent::getQuantity);

  /**
   * Scores {@code lists} (product ids, best first, by triggering click id) on {@code clicks} (the
   * valid, distinct clicks the job read) at {@code k}.
   */
  public static Report evaluate(List<ClickEvent> clicks, Map<String, List<String>> lists, int k) {
    List<ClickEvent> sorted = new ArrayList<>(clicks);
    sorted.sort(ORDER);
    // Per session, the positions of its clicks, to find later purchases.
    Map<String, List<ClickEvent>> bySession = new LinkedHashMap<>();
    for (ClickEvent c : sorted) {
      bySession.computeIfAbsent(c.getSessionId(), s -> new ArrayList<>()).add(c);
    }
    Map<String, Integer> position = new HashMap<>();
    Scores job = new Scores();
    Scores global = new Scores();
    Scores category = new Scores();
    Popularity popularity = new Popularity();
    Map<String, List<String>> shown = new HashMap<>();
    Map<String, Set<String>> bought = new HashMap<>();
    int i = 0;
    while (i < sorted.size()) {
      long t = sorted.get(i).getTimestamp().getMillis();
      int j = i;
      while (j < sorted.size() && sorted.get(j).getTimestamp().getMillis() == t) {
        j++;
      }
      // Judge the instant's views against the state before the instant, then apply it.
      List<ClickEvent> instant = sorted.subList(i, j);
      for (ClickEvent c : instant) {
        String s = c.getSessionId();
        int pos = position.merge(s, 1, Integer::sum) - 1;
        List<ClickEvent> session = bySession.get(s);
        Set<String> purchased = bought.computeIfAbsent(s, x -> new HashSet<>());
        if (c.getAction() == ClickAction.VIEW && pos > 0) {
          ClickEvent previous = session.get(pos - 1);
          Set<String> exclude = new HashSet<>(purchased);
          exclude.add(previous.getProductId());
          Set<String> later = new HashSet<>();
          for (ClickEvent next : session.subList(pos, session.size())) {
            if (next.getAction() == ClickAction.PURCHASE
                && !purchased.contains(next.getProductId())) {
              later.add(next.getProductId());
            }
          }
          boolean other = !c.getProductId().equals(previous.getProductId());
          boolean warm = popularity.known(c.getProductId());
          List<String> list = shown.getOrDefault(s, List.of());
          job.judge(head(list, k), c.getProductId(), other, warm, later);
          global.judge(popularity.top(null, k, exclude), c.getProductId(), other, warm, later);
          category.judge(
              popularity.top(category(previous), k, exclude), c.getProductId(), other, warm, later);
        }
        if (c.getAction() == ClickAction.PURCHASE) {
          purchased.add(c.getProductId());
        }
        List<String> published = lists.get(c.getEventId());
        if (published != null) {
          shown.put(s, published);
        }
      }
      for (ClickEvent c : instant) {
        popularity.add(c);
      }
      i = j;
    }
    return new Report(
        k, sorted.size(), bySession.size(), popularity.all.size(), job, global, category);
  }

  /** The product ids of each list, by triggering click id. */
  public static Map<String, List<String>> ids(Iterable<SessionRecs> recs) {
    Map<String, List<String>> out = new HashMap<>();
    for (SessionRecs r : recs) {
      List<String> ids = new ArrayList<>(r.getRecommendations().size());
      for (Recommendation rec : r.getRecommendations()) {
        ids.add(rec.getProductId());
      }
      out.put(r.getEventId(), ids);
    }
    return out;
  }

  private static String category(ClickEvent c) {
    return c.getCategory() == null ? "" : c.getCategory();
  }

  private static List<String> head(List<String> list, int k) {
    return list.size() > k ? list.subList(0, k) : list;
  }

  /** Distinct sessions per product, overall and per category. */
  private static final class Popularity {
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> all = new HashMap<>();
    private final Map<String, Map<String, Long>> byCategory = new HashMap<>();
    private List<String> ranked;
    private final Map<String, List<String>> rankedByCategory = new HashMap<>();

    boolean known(String product) {
      return all.containsKey(product);
    }

    void add(ClickEvent c) {
      if (!seen.add(c.getSessionId() + '\u0000' + c.getProductId())) {
        return;
      }
      all.merge(c.getProductId(), 1L, Long::sum);
      byCategory
          .computeIfAbsent(category(c), x -> new HashMap<>())
          .merge(c.getProductId(), 1L, Long::sum);
      ranked = null;
      rankedByCategory.remove(category(c));
    }

    /** The best {@code k} outside {@code exclude}, overall (category null) or in a category. */
    List<String> top(String category, int k, Set<String> exclude) {
      List<String> order;
      if (category == null) {
        if (ranked == null) {
          ranked = rank(all);
        }
        order = ranked;
      } else {
        order =
            rankedByCategory.computeIfAbsent(
                category, c -> rank(byCategory.getOrDefault(c, Map.of())));
      }
      List<String> out = new ArrayList<>(k);
      for (String p : order) {
        if (!exclude.contains(p)) {
          out.add(p);
          if (out.size() == k) {
            break;
          }
        }
      }
      return out;
    }

    private static List<String> rank(Map<String, Long> counts) {
      List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
      entries.sort(
          (a, b) -> {
            int c = Long.compare(b.getValue(), a.getValue());
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
          });
      List<String> out = new ArrayList<>(entries.size());
      for (Map.Entry<String, Long> e : entries) {
        out.add(e.getKey());
      }
      return out;
    }
  }
}
