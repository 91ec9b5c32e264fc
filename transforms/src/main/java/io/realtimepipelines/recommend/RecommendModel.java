package io.realtimepipelines.recommend;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.recommend.RecMessage.CategoryReply;
import io.realtimepipelines.recommend.RecMessage.ComplementUpdate;
import io.realtimepipelines.recommend.RecMessage.ItemReply;
import io.realtimepipelines.recommend.RecMessage.NeighboursChanged;
import io.realtimepipelines.recommend.RecMessage.Occurrence;
import io.realtimepipelines.recommend.RecMessage.PairNotice;
import io.realtimepipelines.recommend.RecMessage.PairUpdate;
import io.realtimepipelines.recommend.RecMessage.RequestHeader;
import io.realtimepipelines.recommend.RecMessage.RequestPart;
import io.realtimepipelines.recommend.RecMessage.TrendUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * The reference model of {@link RecommendProducts}: one thread, plain maps, one pass over the
 * clicks in event-time order. It does, instant by instant, what the definition in the README says:
 * every session applies its clicks of that instant; every list asked for at that instant is
 * computed from the item and category states as they were before it; then the instant's popularity,
 * pairs, trending and complements are applied (popularity before the pairs that read it). States
 * expire as in the pipeline. The pipeline's lists and published neighbours must equal this model's,
 * in batch and in shuffled streaming.
 *
 * <p>The per-key arithmetic ({@link SessionState}, {@link ItemState}, {@link CategoryState}, {@link
 * Blend}) is shared with the pipeline and checked on its own against hand-worked cases in the
 * tests; this model checks what the distributed steps add: routing, ordering, expiry, the join, and
 * the rule that a list never sees its own instant.
 */
public final class RecommendModel {
  private final RecommendConfig config;
  private final Map<String, SessionState> sessions = new HashMap<>();
  private final Map<String, PopularityState> popularity = new HashMap<>();
  private final Map<String, ItemState> items = new HashMap<>();
  private final Map<String, CategoryState> categories = new HashMap<>();
  private final List<SessionRecs> recs = new ArrayList<>();
  private final List<ItemNeighbours> neighbours = new ArrayList<>();

  public RecommendModel(RecommendConfig config) {
    this.config = config;
  }

  /** Sorts the clicks into event-time order and runs them. */
  public static Result run(List<ClickEvent> clicks, RecommendConfig config) {
    List<ClickEvent> sorted = new ArrayList<>(clicks);
    sorted.sort(
        Comparator.comparing(ClickEvent::getTimestamp)
            .thenComparing(RecommendProcessors.Sessions::order));
    RecommendModel model = new RecommendModel(config);
    int i = 0;
    while (i < sorted.size()) {
      long t = sorted.get(i).getTimestamp().getMillis();
      int j = i;
      while (j < sorted.size() && sorted.get(j).getTimestamp().getMillis() == t) {
        j++;
      }
      model.instant(sorted.subList(i, j));
      i = j;
    }
    Result result = new Result(model.recs, model.neighbours);
    result.stateSize =
        model.stateSize(
            sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).getTimestamp().getMillis());
    return result;
  }

  /**
   * Keys and encoded bytes of the state the steps would hold after the last click at {@code t}
   * (states idle past their TTL dropped, as the pipeline's sweeps do): what bounds memory.
   */
  StateSize stateSize(long t) {
    StateSize size = new StateSize();
    try {
      for (SessionState s : sessions.values()) {
        if (t - s.lastSeen <= config.inactivityGapMillis()) {
          size.sessions++;
          size.bytes += CoderUtils.encodeToByteArray(SessionState.coder(), s).length;
        }
      }
      for (PopularityState s : popularity.values()) {
        if (t - s.lastSeen <= config.itemTtlMillis()) {
          size.bytes += CoderUtils.encodeToByteArray(PopularityState.coder(), s).length;
        }
      }
      for (ItemState s : items.values()) {
        if (t - s.lastSeen <= config.itemTtlMillis()) {
          size.items++;
          size.relations += s.relations.size();
          size.bytes += CoderUtils.encodeToByteArray(ItemState.coder(), s).length;
        }
      }
      for (CategoryState s : categories.values()) {
        if (t - s.lastSeen <= config.itemTtlMillis()) {
          size.categories++;
          size.bytes += CoderUtils.encodeToByteArray(CategoryState.coder(), s).length;
        }
      }
    } catch (CoderException e) {
      throw new IllegalStateException(e);
    }
    return size;
  }

  /** How much state a run leaves: live keys per step and their encoded bytes. */
  public static final class StateSize {
    public long sessions;
    public long items;
    public long relations;
    public long categories;
    public long bytes;

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "%,d sessions, %,d items with %,d relations, %,d categories: %,d bytes encoded",
          sessions,
          items,
          relations,
          categories,
          bytes);
    }
  }

  /** Applies the clicks of one instant, in order. */
  private void instant(List<ClickEvent> clicks) {
    List<RecMessage> toPopularity = new ArrayList<>();
    List<KeyedMessage> toItems = new ArrayList<>();
    List<KeyedMessage> toCategories = new ArrayList<>();
    Map<String, RequestHeader> headers = new LinkedHashMap<>();
    for (ClickEvent c : clicks) {
      String key = SessionState.sessionKey(c, config);
      SessionState s =
          current(
              sessions,
              key,
              SessionState::new,
              c.getTimestamp().getMillis(),
              st -> st.lastSeen,
              config.inactivityGapMillis());
      s.apply(
          c,
          config,
          m -> {
            if (m instanceof Occurrence o) {
              toPopularity.add(m);
              toItems.add(new KeyedMessage(o.item(), m));
            } else if (m instanceof PairNotice) {
              toPopularity.add(m);
            } else if (m instanceof TrendUpdate u) {
              toCategories.add(new KeyedMessage(u.category(), m));
            } else if (m instanceof ComplementUpdate u) {
              toCategories.add(new KeyedMessage(u.category(), m));
            } else if (m instanceof RequestPart p) {
              (p.category() ? toCategories : toItems).add(new KeyedMessage(p.target(), m));
            } else if (m instanceof RequestHeader h) {
              headers.put(h.requestId(), h);
            }
          });
    }
    // Popularity: each item's occurrences, then its pair notices, forwarded to the partners.
    List<KeyedMessage> popularityMessages = new ArrayList<>();
    for (RecMessage m : toPopularity) {
      String item = m instanceof Occurrence o ? o.item() : ((PairNotice) m).item();
      popularityMessages.add(new KeyedMessage(item, m));
    }
    for (KeyedMessage km : sortByKey(popularityMessages)) {
      PopularityState s =
          current(
              popularity,
              km.key,
              PopularityState::new,
              km.message.ts(),
              st -> st.lastSeen,
              config.itemTtlMillis());
      s.apply(
          km.message, config, out -> toItems.add(new KeyedMessage(((PairUpdate) out).item(), out)));
    }
    // Items and categories: requests first (states before this instant), then the updates.
    Map<String, List<ItemReply>> itemReplies = new HashMap<>();
    for (KeyedMessage km : sortByKey(toItems)) {
      ItemState s =
          current(
              items,
              km.key,
              ItemState::new,
              km.message.ts(),
              st -> st.lastSeen,
              config.itemTtlMillis());
      s.apply(
          km.message,
          config,
          out -> {
            if (out instanceof ItemReply r) {
              itemReplies.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r);
            } else {
              neighbours.add(((NeighboursChanged) out).value());
            }
          });
    }
    Map<String, CategoryReply> categoryReplies = new HashMap<>();
    for (KeyedMessage km : sortByKey(toCategories)) {
      CategoryState s =
          current(
              categories,
              km.key,
              CategoryState::new,
              km.message.ts(),
              st -> st.lastSeen,
              config.itemTtlMillis());
      s.apply(
          km.message,
          config,
          out -> {
            CategoryReply r = (CategoryReply) out;
            categoryReplies.put(r.requestId(), r);
          });
    }
    for (RequestHeader h : headers.values()) {
      recs.add(
          Blend.recommend(
              h,
              itemReplies.getOrDefault(h.requestId(), List.of()),
              categoryReplies.get(h.requestId()),
              config));
    }
  }

  private record KeyedMessage(String key, RecMessage message) {}

  private static List<KeyedMessage> sortByKey(List<KeyedMessage> messages) {
    List<KeyedMessage> sorted = new ArrayList<>(messages);
    sorted.sort(
        (a, b) -> {
          int c = a.key.compareTo(b.key);
          return c != 0 ? c : RecMessage.compare(a.message, b.message);
        });
    return sorted;
  }

  /** A key's state at {@code t}: a new one when it has none or has been idle past the TTL. */
  private static <S> S current(
      Map<String, S> states,
      String key,
      Supplier<S> fresh,
      long t,
      ToLongFunction<S> lastSeen,
      long ttl) {
    S s = states.get(key);
    if (s == null
        || (lastSeen.applyAsLong(s) != Long.MIN_VALUE && t - lastSeen.applyAsLong(s) > ttl)) {
      s = fresh.get();
      states.put(key, s);
    }
    return s;
  }

  /** Everything a run produced. */
  public static final class Result {
    private final List<SessionRecs> sessionRecs;
    private final List<ItemNeighbours> itemNeighbours;
    private StateSize stateSize = new StateSize();

    /** The state left after the last click (live keys, encoded bytes). */
    public StateSize getStateSize() {
      return stateSize;
    }

    Result(List<SessionRecs> sessionRecs, List<ItemNeighbours> itemNeighbours) {
      this.sessionRecs = List.copyOf(sessionRecs);
      this.itemNeighbours = List.copyOf(itemNeighbours);
    }

    /** One list per view or add-to-cart, in event-time order. */
    public List<SessionRecs> getSessionRecs() {
      return sessionRecs;
    }

    /** Published neighbours, in event-time order. */
    public List<ItemNeighbours> getItemNeighbours() {
      return itemNeighbours;
    }

    /** The lists by triggering click id. */
    public Map<String, SessionRecs> byEventId() {
      Map<String, SessionRecs> out = new LinkedHashMap<>();
      for (SessionRecs r : sessionRecs) {
        out.put(r.getEventId(), r);
      }
      return out;
    }
  }
}
