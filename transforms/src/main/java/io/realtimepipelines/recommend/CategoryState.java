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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One category's trending items and complementary items.
 *
 * <p><b>Trending</b>: per item, the sum of the sessions' strength gains ({@link SessionState}) and
 * the number of sessions that touched it, over a sliding window of {@code trending.windowMinutes}
 * event-time minutes: at time t the window holds the minute of t and the minutes before it, in one
 * bucket per minute. Bounded by the window.
 *
 * <p><b>Complements</b>: items of other categories carted or bought in the same sessions as items
 * of this one, with decayed weight and session counts (scaled to {@link #ref}, see {@link Decay});
 * at most {@code relations.candidates}, pruned like an item's relations.
 */
final class CategoryState {
  private static final int FORMAT = 1;
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
            List.copyOf(trending(config.trendingItems)),
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
      super("CategoryState", FORMAT);
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
    }

    @Override
    protected CategoryState read(CompactEncoding.Reader r) throws IOException {
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
      return s;
    }
  }
}
