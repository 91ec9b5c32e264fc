package io.realtimepipelines.recommend;

import io.realtimepipelines.model.CompactEncoding;
import io.realtimepipelines.model.VersionedCoder;
import io.realtimepipelines.recommend.RecMessage.Candidate;
import io.realtimepipelines.recommend.RecMessage.CategoryReply;
import io.realtimepipelines.recommend.RecMessage.ComplementUpdate;
import io.realtimepipelines.recommend.RecMessage.RequestPart;
import io.realtimepipelines.recommend.RecMessage.Trend;
import io.realtimepipelines.recommend.RecMessage.TrendUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One category's trending items and complementary items.
 *
 * <p><b>Trending</b>: per item, the sum of the sessions' strength gains ({@link SessionState}) and
 * the number of sessions that touched it, over a sliding window of {@code trending.windowMinutes}
 * event-time minutes: at time t the window holds the minute of t and the minutes before it, in one
 * bucket per minute. Bounded by the window.
 *
 * <p><b>Price</b>: each trending item's price in its latest trending update. A request re-ranks the
 * {@code trending.priceCandidates} heaviest items by {@code weight * (1 + priceSimilarity *
 * match)}, where {@code match} is 1 at the clicked product's price and falls off with the log of
 * the price ratio ({@link #priceMatch}), and answers with the best {@code trending.items}: on the
 * REES46 clicks most next views stay in the category and near the price on screen.
 *
 * <p><b>Brand</b>: each trending item's brand in its latest trending update (compared without
 * case). With {@code trending.brandSimilarity} an item of the clicked product's brand has its
 * boosted weight multiplied by {@code 1 + brandSimilarity}: on the REES46 clicks over half of the
 * next views that stay in the category stay with the brand on screen.
 *
 * <p><b>Complements</b>: items of other categories carted or bought in the same sessions as items
 * of this one, with decayed weight and session counts (scaled to {@link #ref}, see {@link Decay});
 * at most {@code relations.candidates}, pruned like an item's relations.
 */
final class CategoryState {
  /**
   * 3 adds the items' brands; 2 (before 2026-12-06, prices) and 1 (before 2026-12-05, neither) are
   * still read.
   */
  private static final int FORMAT = 3;

  private static final long MINUTE = 60_000L;

  /** Per event-time minute: per item, {weight, sessions}. */
  final TreeMap<Long, HashMap<String, long[]>> buckets = new TreeMap<>();

  /** Per item, its weight and sessions over the buckets. */
  final HashMap<String, Trend> totals = new HashMap<>();

  /**
   * The same, best first (weight, then sessions, then id), kept in order as totals change: a
   * request reads its first few, where sorting every item per request was the job's second cost.
   */
  final TreeSet<Trend> ranked = new TreeSet<>(CategoryState::better);

  /** Per item in {@link #totals}, its price in its latest trending update (when known). */
  final HashMap<String, Double> prices = new HashMap<>();

  /**
   * Per item in {@link #totals}, its brand in lower case in its latest trending update (if any).
   */
  final HashMap<String, String> brands = new HashMap<>();

  /** Sum of every item's weight over the buckets. */
  long windowWeight;

  /** Reference time (ms) of the complements' values. */
  long ref = Long.MIN_VALUE;

  /** Complementary items by id. */
  final HashMap<String, Complement> complements = new HashMap<>();

  /** Event time (ms) of the last message. */
  long lastSeen = Long.MIN_VALUE;

  static final class Complement {
    String category = "";
    double weight;
    double sessions;
    long lastSeen;
  }

  void apply(RecMessage m, RecommendConfig config, Consumer<RecMessage> out) {
    long t = m.ts();
    lastSeen = t;
    expire(t, config);
    if (m instanceof RequestPart p) {
      reply(p, config, out);
    } else if (m instanceof TrendUpdate u) {
      long minute = Math.floorDiv(t, MINUTE);
      long[] cell =
          buckets
              .computeIfAbsent(minute, k -> new HashMap<>())
              .computeIfAbsent(u.item(), k -> new long[2]);
      int sessions = u.newInSession() ? 1 : 0;
      cell[0] += u.delta();
      cell[1] += sessions;
      addTotal(u.item(), u.delta(), sessions);
      if (!Double.isNaN(u.price()) && totals.containsKey(u.item())) {
        prices.put(u.item(), u.price());
      }
      String brand = brandKey(u.brand());
      if (brand != null && totals.containsKey(u.item())) {
        brands.put(u.item(), brand);
      }
    } else if (m instanceof ComplementUpdate u) {
      long h = config.halfLifeMillis();
      if (ref == Long.MIN_VALUE) {
        ref = t;
      } else if (Decay.shouldRebase(ref, t, h)) {
        double d = Decay.decay(ref, t, h);
        for (Complement c : complements.values()) {
          c.weight *= d;
          c.sessions *= d;
        }
        ref = t;
      }
      double g = Decay.growth(ref, t, h);
      Complement c = complements.computeIfAbsent(u.item(), k -> new Complement());
      c.category = u.itemCategory();
      c.weight += u.credit() * g;
      c.sessions += u.newPair() ? g : 0;
      c.lastSeen = t;
      if (complements.size() > config.candidates) {
        prune(t, config);
      }
    } else {
      throw new IllegalArgumentException("category step got " + m.getClass().getSimpleName());
    }
  }

  /** Drops the minutes that left the window. */
  void expire(long t, RecommendConfig config) {
    long first = Math.floorDiv(t, MINUTE) - config.trendingWindowMinutes + 1;
    while (!buckets.isEmpty() && buckets.firstKey() < first) {
      for (Map.Entry<String, long[]> e : buckets.pollFirstEntry().getValue().entrySet()) {
        addTotal(e.getKey(), -e.getValue()[0], -e.getValue()[1]);
      }
    }
  }

  /** Changes an item's window totals, keeping {@link #ranked} in order. */
  void addTotal(String item, long weight, long sessions) {
    Trend held = totals.remove(item);
    if (held != null) {
      ranked.remove(held);
    }
    Trend now =
        held == null
            ? new Trend(item, weight, sessions)
            : new Trend(item, held.weight() + weight, held.sessions() + sessions);
    windowWeight += weight;
    if (now.weight() != 0 || now.sessions() != 0) {
      totals.put(item, now);
      ranked.add(now);
    } else {
      prices.remove(item);
      brands.remove(item);
    }
  }

  private static int better(Trend a, Trend b) {
    int c = Long.compare(b.weight(), a.weight());
    if (c == 0) {
      c = Long.compare(b.sessions(), a.sessions());
    }
    return c != 0 ? c : a.item().compareTo(b.item());
  }

  private void prune(long t, RecommendConfig config) {
    long ttl = config.itemTtlMillis();
    complements.values().removeIf(c -> t - c.lastSeen > ttl);
    int keep = Math.max(config.complementsPerCategory, config.candidates - config.candidates / 4);
    if (complements.size() <= keep) {
      return;
    }
    List<Map.Entry<String, Complement>> all = topComplements(Integer.MAX_VALUE);
    for (int i = keep; i < all.size(); i++) {
      complements.remove(all.get(i).getKey());
    }
  }

  /** Heaviest first, then by id. */
  List<Map.Entry<String, Complement>> topComplements(int n) {
    List<Map.Entry<String, Complement>> all = new ArrayList<>(complements.entrySet());
    all.sort(
        (a, b) -> {
          int c = Double.compare(b.getValue().weight, a.getValue().weight);
          return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
    return all.size() > n ? all.subList(0, n) : all;
  }

  /** Highest window weight first, then more sessions, then by id. */
  List<Trend> trending(int n) {
    List<Trend> out = new ArrayList<>(Math.min(n, ranked.size()));
    for (Trend t : ranked) {
      if (out.size() == n) {
        break;
      }
      out.add(t);
    }
    return out;
  }

  /**
   * How close {@code price} is to {@code clicked}: {@code exp(-(ln((price + 1) / (clicked + 1)) /
   * tolerance)^2 / 2)}, 1 at the same price, about 0.6 one tolerance apart in log terms (0.3: about
   * 35% dearer or 26% cheaper); 0 when either is unknown.
   */
  static double priceMatch(double price, double clicked, double tolerance) {
    if (Double.isNaN(price) || Double.isNaN(clicked)) {
      return 0;
    }
    double z = Math.log((price + 1) / (clicked + 1)) / tolerance;
    return Math.exp(-z * z / 2);
  }

  /** A brand as compared: lower case, or null when unknown. */
  static @Nullable String brandKey(@Nullable String brand) {
    return brand == null ? null : brand.toLowerCase(Locale.ROOT);
  }

  /**
   * The trending items a request gets: the heaviest {@code trending.items}, or with a price or
   * brand boost the best {@code trending.items} of the heaviest {@code trending.priceCandidates} by
   * boosted weight (then by the heavier, more sessions, id).
   */
  List<Trend> trending(RequestPart p, RecommendConfig config) {
    boolean byPrice = config.trendingPriceSimilarity > 0 && !Double.isNaN(p.price());
    String brand = config.trendingBrandSimilarity > 0 ? brandKey(p.brand()) : null;
    if (!byPrice && brand == null) {
      return trending(config.trendingItems);
    }
    List<Trend> candidates = trending(config.trendingPriceCandidates);
    List<Trend> boosted = new ArrayList<>(candidates.size());
    for (Trend t : candidates) {
      double priceBoost = 1;
      if (byPrice) {
        Double price = prices.get(t.item());
        double match =
            price == null ? 0 : priceMatch(price, p.price(), config.trendingPriceTolerance);
        priceBoost = 1 + config.trendingPriceSimilarity * match;
      }
      double brandBoost =
          brand != null && brand.equals(brands.get(t.item()))
              ? 1 + config.trendingBrandSimilarity
              : 1;
      boosted.add(new Trend(t.item(), t.weight(), t.sessions(), priceBoost, brandBoost));
    }
    boosted.sort(
        (a, b) -> {
          int c = Double.compare(b.weight() * b.boost(), a.weight() * a.boost());
          return c != 0 ? c : better(a, b);
        });
    return boosted.size() > config.trendingItems
        ? boosted.subList(0, config.trendingItems)
        : boosted;
  }

  private void reply(RequestPart p, RecommendConfig config, Consumer<RecMessage> out) {
    List<Candidate> comps = new ArrayList<>();
    double total = 0;
    if (config.complementsEnabled && !complements.isEmpty()) {
      for (Complement c : complements.values()) {
        total += c.weight;
      }
      double d = Decay.decay(ref, p.ts(), config.halfLifeMillis());
      for (Map.Entry<String, Complement> e : topComplements(config.complementsPerCategory)) {
        Complement c = e.getValue();
        comps.add(new Candidate(e.getKey(), c.category, c.weight / total, c.sessions * d));
      }
      total *= d;
    }
    out.accept(
        new CategoryReply(
            p.requestId(),
            p.parts(),
            p.target(),
            List.copyOf(trending(p, config)),
            windowWeight,
            List.copyOf(comps),
            total,
            p.ts(),
            p.eventId()));
  }

  static Coder coder() {
    return Coder.INSTANCE;
  }

  /** Format version byte, then the fields ({@link CompactEncoding}). */
  static final class Coder extends VersionedCoder<CategoryState> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    private Coder() {
      super("CategoryState", FORMAT, 1);
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    protected void write(CompactEncoding.Writer w, CategoryState s) {
      w.writeVarLong(s.buckets.size());
      for (Map.Entry<Long, HashMap<String, long[]>> b : s.buckets.entrySet()) {
        w.writeZigZag(b.getKey());
        w.writeVarLong(b.getValue().size());
        for (Map.Entry<String, long[]> e : b.getValue().entrySet()) {
          w.writeString(e.getKey());
          w.writeVarLong(e.getValue()[0]);
          w.writeVarLong(e.getValue()[1]);
        }
      }
      w.writeZigZag(s.ref);
      w.writeVarLong(s.complements.size());
      for (Map.Entry<String, Complement> e : s.complements.entrySet()) {
        w.writeString(e.getKey());
        w.writeString(e.getValue().category);
        w.writeDouble(e.getValue().weight);
        w.writeDouble(e.getValue().sessions);
        w.writeZigZag(e.getValue().lastSeen);
      }
      w.writeZigZag(s.lastSeen);
      w.writeVarLong(s.prices.size());
      for (Map.Entry<String, Double> e : s.prices.entrySet()) {
        w.writeString(e.getKey());
        w.writeDouble(e.getValue());
      }
      w.writeVarLong(s.brands.size());
      for (Map.Entry<String, String> e : s.brands.entrySet()) {
        w.writeString(e.getKey());
        w.writeString(e.getValue());
      }
    }

    @Override
    protected CategoryState read(CompactEncoding.Reader r) throws IOException {
      return read(r, FORMAT);
    }

    @Override
    protected CategoryState read(CompactEncoding.Reader r, int found) throws IOException {
      CategoryState s = new CategoryState();
      for (int n = r.readLength(); n > 0; n--) {
        long minute = r.readZigZag();
        HashMap<String, long[]> bucket = new HashMap<>();
        for (int k = r.readLength(); k > 0; k--) {
          String item = r.readString();
          long[] cell = {r.readVarLong(), r.readVarLong()};
          bucket.put(item, cell);
          s.addTotal(item, cell[0], cell[1]);
        }
        s.buckets.put(minute, bucket);
      }
      s.ref = r.readZigZag();
      for (int n = r.readLength(); n > 0; n--) {
        String item = r.readString();
        Complement c = new Complement();
        c.category = r.readString();
        c.weight = r.readDouble();
        c.sessions = r.readDouble();
        c.lastSeen = r.readZigZag();
        s.complements.put(item, c);
      }
      s.lastSeen = r.readZigZag();
      if (found >= 2) {
        for (int n = r.readLength(); n > 0; n--) {
          String item = r.readString();
          s.prices.put(item, r.readDouble());
        }
      }
      if (found >= 3) {
        for (int n = r.readLength(); n > 0; n--) {
          String item = r.readString();
          s.brands.put(item, r.readString());
        }
      }
      return s;
    }
  }
}
