package io.realtimepipelines.recommend;

import io.realtimepipelines.model.CompactEncoding;
import io.realtimepipelines.model.VersionedCoder;
import io.realtimepipelines.recommend.RecMessage.Candidate;
import io.realtimepipelines.recommend.RecMessage.ItemReply;
import io.realtimepipelines.recommend.RecMessage.NeighboursChanged;
import io.realtimepipelines.recommend.RecMessage.Occurrence;
import io.realtimepipelines.recommend.RecMessage.PairUpdate;
import io.realtimepipelines.recommend.RecMessage.RequestPart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.joda.time.Instant;

/**
 * One item's relations to other items: for each partner the decayed weight {@code w} of the pair
 * (see {@link SessionState}), the decayed number of sessions that paired them, the same two for
 * complementary pairs, and the partner's popularity when last paired. A relation's score is {@code
 * w / (max(n(item), w)^(1-alpha) * max(n(partner), w)^alpha)} (alpha 0.5 is the cosine; a
 * popularity below the weight only happens in state from before a TTL): a blockbuster that is
 * paired with everything does not top every list. A complement's score uses its complementary
 * weight in place of {@code w} with the same popularities.
 *
 * <p>Bounded: at most {@code relations.candidates} partners; beyond that the weakest are dropped
 * down to three quarters of it, and partners not paired for {@code relations.itemTtlDays} go.
 * Values are stored scaled to {@link #ref} (see {@link Decay}).
 */
final class ItemState {
  private static final int FORMAT = 1;

  /** Reference time (ms) of the stored values, or Long.MIN_VALUE before the first. */
  long ref = Long.MIN_VALUE;

  /** The item's popularity, scaled to ref. */
  double popularity;

  /** Its category ("" when unknown), from its latest occurrence. */
  String category = "";

  /** Event time (ms) of the last message. */
  long lastSeen = Long.MIN_VALUE;

  /** Partners by item id. */
  final HashMap<String, Relation> relations = new HashMap<>();

  /** Ids of the neighbours last published, best first. */
  List<String> published = List.of();

  static final class Relation {
    String category = "";
    double weight;
    double sessions;
    double complement;
    double complementSessions;

    /** The partner's popularity when last paired, scaled to ref. */
    double partnerPopularity;

    /**
     * {@code max(partnerPopularity, weight)^alpha}, kept with the values it comes from: a request
     * ranks every relation, and a power per relation per request was the job's top cost.
     */
    double partnerNorm;

    long lastSeen;

    void renorm(RecommendConfig config) {
      partnerNorm = Decay.power(Math.max(partnerPopularity, weight), config.popularityAlpha);
    }
  }

  private void advance(long t, RecommendConfig config) {
    long h = config.halfLifeMillis();
    if (ref == Long.MIN_VALUE) {
      ref = t;
    } else if (Decay.shouldRebase(ref, t, h)) {
      double d = Decay.decay(ref, t, h);
      popularity *= d;
      for (Relation r : relations.values()) {
        r.weight *= d;
        r.sessions *= d;
        r.complement *= d;
        r.complementSessions *= d;
        r.partnerPopularity *= d;
        r.renorm(config);
      }
      ref = t;
    }
    lastSeen = t;
  }

  void apply(RecMessage m, RecommendConfig config, Consumer<RecMessage> out) {
    if (m instanceof RequestPart p) {
      lastSeen = Math.max(lastSeen, p.ts());
      reply(p, config, out);
      return;
    }
    long t = m.ts();
    advance(t, config);
    double g = Decay.growth(ref, t, config.halfLifeMillis());
    if (m instanceof Occurrence o) {
      popularity += o.delta() * g;
      category = o.category();
      publish(o, config, out);
    } else if (m instanceof PairUpdate u) {
      Relation r = relations.get(u.partner());
      if (r == null) {
        r = new Relation();
        relations.put(u.partner(), r);
      }
      r.category = u.partnerCategory();
      r.weight += u.credit() * g;
      r.sessions += u.newPair() ? g : 0;
      r.complement += u.complementCredit() * g;
      r.complementSessions += u.newComplement() ? g : 0;
      r.partnerPopularity = u.partnerPopularity() * g;
      r.renorm(config);
      r.lastSeen = t;
      if (relations.size() > config.candidates) {
        prune(t, config);
      }
    } else {
      throw new IllegalArgumentException("item step got " + m.getClass().getSimpleName());
    }
  }

  /**
   * Scores of relations at one moment (see the class documentation), with the item's side, {@code
   * n(item)^(1-alpha)}, computed once per call.
   */
  private final class Scorer {
    private final double alpha;
    private final double itemNorm;

    Scorer(RecommendConfig config) {
      alpha = config.popularityAlpha;
      itemNorm = Decay.power(popularity, 1 - alpha);
    }

    double score(double w, Relation r) {
      if (w <= 0) {
        return 0;
      }
      double y = w > popularity ? Decay.power(w, 1 - alpha) : itemNorm;
      return w / (y * r.partnerNorm);
    }

    double similar(Relation r) {
      return score(r.weight, r);
    }

    double complement(Relation r) {
      return score(r.complement, r);
    }
  }

  /** A relation with its two scores, for one ranking. */
  private record Ranked(String item, Relation relation, double similar, double complement) {}

  /** Best first: higher score (or complement score), then the other score, then id. */
  private static int compare(Ranked a, Ranked b, boolean byComplement) {
    int c =
        byComplement
            ? Double.compare(b.complement, a.complement)
            : Double.compare(b.similar, a.similar);
    if (c == 0) {
      c =
          byComplement
              ? Double.compare(b.similar, a.similar)
              : Double.compare(b.complement, a.complement);
    }
    return c != 0 ? c : a.item.compareTo(b.item);
  }

  private List<Ranked> ranked(RecommendConfig config, boolean byComplement, boolean positiveOnly) {
    Scorer scorer = new Scorer(config);
    List<Ranked> all = new ArrayList<>(relations.size());
    for (Map.Entry<String, Relation> e : relations.entrySet()) {
      Relation r = e.getValue();
      if (positiveOnly && (byComplement ? r.complement : r.weight) <= 0) {
        continue;
      }
      all.add(new Ranked(e.getKey(), r, scorer.similar(r), scorer.complement(r)));
    }
    all.sort((a, b) -> compare(a, b, byComplement));
    return all;
  }

  /** Drops partners past the TTL, then the weakest down to three quarters of the bound. */
  void prune(long t, RecommendConfig config) {
    long ttl = config.itemTtlMillis();
    relations.values().removeIf(r -> t - r.lastSeen > ttl);
    int keep = Math.max(config.neighbours, config.candidates - config.candidates / 4);
    if (relations.size() <= keep) {
      return;
    }
    List<Ranked> all = ranked(config, false, false);
    for (int i = keep; i < all.size(); i++) {
      relations.remove(all.get(i).item());
    }
  }

  /** The best {@code n} partners with a positive weight (or complement weight), best first. */
  private List<Ranked> top(int n, RecommendConfig config, boolean byComplement) {
    List<Ranked> all = ranked(config, byComplement, true);
    return all.size() > n ? all.subList(0, n) : all;
  }

  private void reply(RequestPart p, RecommendConfig config, Consumer<RecMessage> out) {
    double d = ref == Long.MIN_VALUE ? 1 : Decay.decay(ref, p.ts(), config.halfLifeMillis());
    List<Candidate> similar = new ArrayList<>();
    for (Ranked x : top(config.neighbours, config, false)) {
      similar.add(
          new Candidate(x.item(), x.relation().category, x.similar(), x.relation().sessions * d));
    }
    List<Candidate> complements = new ArrayList<>();
    if (config.complementsEnabled) {
      for (Ranked x : top(config.neighbours, config, true)) {
        complements.add(
            new Candidate(
                x.item(),
                x.relation().category,
                x.complement(),
                x.relation().complementSessions * d));
      }
    }
    out.accept(
        new ItemReply(
            p.requestId(),
            p.parts(),
            p.target(),
            p.recencyWeight(),
            List.copyOf(similar),
            List.copyOf(complements),
            p.ts(),
            p.eventId()));
  }

  /** Publishes the item's neighbours when their ids changed since the last time. */
  private void publish(Occurrence o, RecommendConfig config, Consumer<RecMessage> out) {
    List<Ranked> top = top(config.neighbours, config, false);
    List<String> ids = new ArrayList<>(top.size());
    for (Ranked x : top) {
      ids.add(x.item());
    }
    if (ids.equals(published)) {
      return;
    }
    published = List.copyOf(ids);
    double d = Decay.decay(ref, o.ts(), config.halfLifeMillis());
    List<Neighbour> neighbours = new ArrayList<>(top.size());
    for (Ranked x : top) {
      neighbours.add(
          Neighbour.of(
              x.item(),
              blankToNull(x.relation().category),
              x.similar(),
              x.relation().sessions * d));
    }
    List<Neighbour> complements = new ArrayList<>();
    if (config.complementsEnabled) {
      for (Ranked x : top(config.neighbours, config, true)) {
        complements.add(
            Neighbour.of(
                x.item(),
                blankToNull(x.relation().category),
                x.complement(),
                x.relation().complementSessions * d));
      }
    }
    out.accept(
        new NeighboursChanged(
            ItemNeighbours.of(
                o.item(),
                blankToNull(category),
                new Instant(o.ts()),
                o.eventId(),
                config.version,
                popularity * d,
                neighbours,
                complements)));
  }

  static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static Coder coder() {
    return Coder.INSTANCE;
  }

  /** Format version byte, then the fields ({@link CompactEncoding}). */
  static final class Coder extends VersionedCoder<ItemState> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    private Coder() {
      super("ItemState", FORMAT);
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    protected void write(CompactEncoding.Writer w, ItemState s) {
      w.writeZigZag(s.ref);
      w.writeDouble(s.popularity);
      w.writeString(s.category);
      w.writeZigZag(s.lastSeen);
      w.writeVarLong(s.relations.size());
      for (Map.Entry<String, Relation> e : s.relations.entrySet()) {
        Relation r = e.getValue();
        w.writeString(e.getKey());
        w.writeString(r.category);
        w.writeDouble(r.weight);
        w.writeDouble(r.sessions);
        w.writeDouble(r.complement);
        w.writeDouble(r.complementSessions);
        w.writeDouble(r.partnerPopularity);
        w.writeDouble(r.partnerNorm);
        w.writeZigZag(r.lastSeen);
      }
      w.writeVarLong(s.published.size());
      for (String p : s.published) {
        w.writeString(p);
      }
    }

    @Override
    protected ItemState read(CompactEncoding.Reader r) throws IOException {
      ItemState s = new ItemState();
      s.ref = r.readZigZag();
      s.popularity = r.readDouble();
      s.category = r.readString();
      s.lastSeen = r.readZigZag();
      for (int n = r.readLength(); n > 0; n--) {
        String key = r.readString();
        Relation rel = new Relation();
        rel.category = r.readString();
        rel.weight = r.readDouble();
        rel.sessions = r.readDouble();
        rel.complement = r.readDouble();
        rel.complementSessions = r.readDouble();
        rel.partnerPopularity = r.readDouble();
        rel.partnerNorm = r.readDouble();
        rel.lastSeen = r.readZigZag();
        s.relations.put(key, rel);
      }
      int n = r.readLength();
      List<String> published = new ArrayList<>(n);
      for (; n > 0; n--) {
        published.add(r.readString());
      }
      s.published = List.copyOf(published);
      return s;
    }
  }

  /** For tests: the relations' ids in best-first order. */
  List<String> ranking(RecommendConfig config) {
    List<String> ids = new ArrayList<>();
    for (Ranked x : top(Integer.MAX_VALUE, config, false)) {
      ids.add(x.item());
    }
    return ids;
  }
}
