package io.realtimepipelines.recommend;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompactEncoding;
import io.realtimepipelines.model.VersionedCoder;
import io.realtimepipelines.recommend.RecMessage.ComplementUpdate;
import io.realtimepipelines.recommend.RecMessage.Occurrence;
import io.realtimepipelines.recommend.RecMessage.PairNotice;
import io.realtimepipelines.recommend.RecMessage.Partner;
import io.realtimepipelines.recommend.RecMessage.RequestHeader;
import io.realtimepipelines.recommend.RecMessage.RequestPart;
import io.realtimepipelines.recommend.RecMessage.TrendUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a session remembers, and what one of its clicks sends to the other steps.
 *
 * <p>A session's <em>strength</em> on an item is the weight of the strongest action it took on it
 * (view, cart, purchase; see {@code weights}). When a click raises it from {@code prev} to {@code
 * now}:
 *
 * <ul>
 *   <li>the item's popularity and its category's trending gain {@code now - prev};
 *   <li>each pair with one of the session's last {@code session.pairItems} other items {@code i}
 *       (strength {@code s}) gains {@code min(s, now) - min(s, prev)}, so over a session a pair
 *       counts the weaker item's strength once, however often it is clicked; when both items reach
 *       {@code complements.minAction} and their categories differ, the pair also counts as
 *       complementary, for both items and both categories.
 * </ul>
 *
 * <p>After every view or add-to-cart the session asks for a list: from each of its last {@code
 * session.recentItems} distinct items (the k-th most recent weighted {@code recencyDecay^k}), from
 * the current item's category, leaving out the current item and what the session bought.
 */
final class SessionState {
  private static final int FORMAT = 1;

  /** Event time (ms) of the session's first click in this state. */
  long startedAt = Long.MIN_VALUE;

  /** Event time (ms) of its last click. */
  long lastSeen = Long.MIN_VALUE;

  /** Clicks so far. */
  long seq;

  /** Distinct items, least recent first, with their category and the session's strength. */
  final LinkedHashMap<String, Item> items = new LinkedHashMap<>();

  /** Items bought in the session, oldest first. */
  final LinkedHashSet<String> purchased = new LinkedHashSet<>();

  static final class Item {
    String category;
    int strength;

    Item(String category, int strength) {
      this.category = category;
      this.strength = strength;
    }
  }

  /** The key a click's session is grouped by. */
  static String sessionKey(ClickEvent c, RecommendConfig config) {
    if (config.sessionBy == RecommendConfig.SessionBy.USER_ID && c.getUserId() != null) {
      return "u:" + c.getUserId();
    }
    return c.getSessionId();
  }

  static String category(ClickEvent c) {
    return c.getCategory() == null ? "" : c.getCategory();
  }

  /** Applies a click of this session (clicks in event-time order) and sends what it causes. */
  void apply(ClickEvent c, RecommendConfig config, Consumer<RecMessage> out) {
    long t = c.getTimestamp().getMillis();
    String id = c.getEventId();
    if (startedAt == Long.MIN_VALUE) {
      startedAt = t;
    }
    lastSeen = t;
    seq++;
    String item = c.getProductId();
    String category = category(c);
    Item held = items.get(item);
    int prev = held == null ? 0 : held.strength;
    int now = Math.max(prev, config.strength(c.getAction()));
    if (now > prev) {
      out.accept(new Occurrence(item, category, now - prev, t, id));
      out.accept(
          new TrendUpdate(
              category,
              item,
              now - prev,
              prev == 0,
              c.getPrice().doubleValue(),
              c.getBrand(),
              t,
              id));
      pair(item, category, prev, now, config, t, id, out);
    }
    if (held != null) {
      items.remove(item);
      held.category = category;
      held.strength = now;
    } else {
      held = new Item(category, now);
    }
    items.put(item, held);
    int keep = Math.max(config.pairItems + 1, config.recentItems);
    for (Iterator<String> it = items.keySet().iterator(); items.size() > keep; ) {
      it.next();
      it.remove();
    }
    if (c.getAction() == ClickAction.PURCHASE) {
      purchased.remove(item);
      purchased.add(item);
      for (Iterator<String> it = purchased.iterator(); purchased.size() > config.maxPurchased; ) {
        it.next();
        it.remove();
      }
      return;
    }
    request(c, item, category, config, t, id, out);
  }

  private void pair(
      String item,
      String category,
      int prev,
      int now,
      RecommendConfig config,
      long t,
      String id,
      Consumer<RecMessage> out) {
    List<Map.Entry<String, Item>> recent = new ArrayList<>(items.entrySet());
    List<Partner> partners = new ArrayList<>();
    int threshold = config.complementStrength();
    for (int k = recent.size() - 1; k >= 0 && partners.size() < config.pairItems; k--) {
      Map.Entry<String, Item> e = recent.get(k);
      if (e.getKey().equals(item)) {
        continue;
      }
      int s = e.getValue().strength;
      int credit = Math.min(s, now) - Math.min(s, prev);
      if (credit <= 0) {
        continue;
      }
      String other = e.getValue().category;
      boolean cross =
          config.complementsEnabled
              && !category.isEmpty()
              && !other.isEmpty()
              && !category.equals(other);
      int compNow = cross && Math.min(s, now) >= threshold ? Math.min(s, now) : 0;
      int compPrev = cross && Math.min(s, prev) >= threshold ? Math.min(s, prev) : 0;
      partners.add(
          new Partner(
              e.getKey(),
              other,
              credit,
              compNow - compPrev,
              prev == 0,
              compPrev == 0 && compNow > 0));
    }
    if (partners.isEmpty()) {
      return;
    }
    out.accept(new PairNotice(item, category, List.copyOf(partners), t, id));
    for (Partner p : partners) {
      out.accept(
          new PairNotice(
              p.item(),
              p.category(),
              List.of(
                  new Partner(
                      item,
                      category,
                      p.credit(),
                      p.complementCredit(),
                      p.newPair(),
                      p.newComplement())),
              t,
              id));
      if (p.complementCredit() > 0) {
        out.accept(
            new ComplementUpdate(
                category, p.item(), p.category(), p.complementCredit(), p.newComplement(), t, id));
        out.accept(
            new ComplementUpdate(
                p.category(), item, category, p.complementCredit(), p.newComplement(), t, id));
      }
    }
  }

  private void request(
      ClickEvent c,
      String item,
      String category,
      RecommendConfig config,
      long t,
      String id,
      Consumer<RecMessage> out) {
    List<String> recent = new ArrayList<>(config.recentItems);
    List<String> all = new ArrayList<>(items.keySet());
    for (int k = all.size() - 1; k >= 0 && recent.size() < config.recentItems; k--) {
      recent.add(all.get(k));
    }
    String key = sessionKey(c, config);
    String requestId = key + "/" + startedAt + "/" + seq;
    int parts = recent.size() + 2;
    List<String> exclude = new ArrayList<>(purchased.size() + 1);
    exclude.add(item);
    for (String p : purchased) {
      if (!p.equals(item)) {
        exclude.add(p);
      }
    }
    out.accept(
        new RequestHeader(
            requestId,
            parts,
            key,
            c.getSessionId(),
            c.getUserId(),
            item,
            category,
            c.getAction().wireName(),
            seq,
            List.copyOf(recent),
            List.copyOf(exclude),
            t,
            id));
    double weight = 1.0;
    double price = c.getPrice().doubleValue();
    String brand = c.getBrand();
    for (String r : recent) {
      out.accept(new RequestPart(requestId, r, false, weight, parts, price, brand, t, id));
      weight *= config.recencyDecay;
    }
    out.accept(new RequestPart(requestId, category, true, 1.0, parts, price, brand, t, id));
  }

  static Coder coder() {
    return Coder.INSTANCE;
  }

  /** Format version byte, then the fields ({@link CompactEncoding}). */
  static final class Coder extends VersionedCoder<SessionState> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    private Coder() {
      super("SessionState", FORMAT);
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    protected void write(CompactEncoding.Writer w, SessionState s) {
      w.writeZigZag(s.startedAt);
      w.writeZigZag(s.lastSeen);
      w.writeVarLong(s.seq);
      w.writeVarLong(s.items.size());
      for (Map.Entry<String, Item> e : s.items.entrySet()) {
        w.writeString(e.getKey());
        w.writeString(e.getValue().category);
        w.writeVarLong(e.getValue().strength);
      }
      w.writeVarLong(s.purchased.size());
      for (String p : s.purchased) {
        w.writeString(p);
      }
    }

    @Override
    protected SessionState read(CompactEncoding.Reader r) throws IOException {
      SessionState s = new SessionState();
      s.startedAt = r.readZigZag();
      s.lastSeen = r.readZigZag();
      s.seq = r.readVarLong();
      for (int n = r.readLength(); n > 0; n--) {
        String item = r.readString();
        s.items.put(item, new Item(r.readString(), (int) r.readVarLong()));
      }
      for (int n = r.readLength(); n > 0; n--) {
        s.purchased.add(r.readString());
      }
      return s;
    }
  }
}
