package io.realtimepipelines.recommend;

import io.realtimepipelines.model.CompactEncoding;
import io.realtimepipelines.recommend.RecMessage.Candidate;
import io.realtimepipelines.recommend.RecMessage.CategoryReply;
import io.realtimepipelines.recommend.RecMessage.ComplementUpdate;
import io.realtimepipelines.recommend.RecMessage.ItemReply;
import io.realtimepipelines.recommend.RecMessage.NeighboursChanged;
import io.realtimepipelines.recommend.RecMessage.Occurrence;
import io.realtimepipelines.recommend.RecMessage.PairNotice;
import io.realtimepipelines.recommend.RecMessage.PairUpdate;
import io.realtimepipelines.recommend.RecMessage.Partner;
import io.realtimepipelines.recommend.RecMessage.RequestHeader;
import io.realtimepipelines.recommend.RecMessage.RequestPart;
import io.realtimepipelines.recommend.RecMessage.Trend;
import io.realtimepipelines.recommend.RecMessage.TrendUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.joda.time.Instant;

/**
 * Hand-written, deterministic coders ({@link CompactEncoding}) of what {@link RecommendProducts}
 * passes between its steps and emits: a message crosses three shuffles, so no schema {@code Row}
 * conversions and no Java serialization. Nullable strings are written as a presence byte and the
 * string.
 */
public final class RecommendCoders {
  private RecommendCoders() {}

  public static CustomCoder<SessionRecs> sessionRecs() {
    return SessionRecsCoder.INSTANCE;
  }

  public static CustomCoder<ItemNeighbours> itemNeighbours() {
    return ItemNeighboursCoder.INSTANCE;
  }

  static CustomCoder<RecMessage> messages() {
    return MessageCoder.INSTANCE;
  }

  private static void writeNullable(CompactEncoding.Writer w, String s) {
    if (s == null) {
      w.writeByte(0);
    } else {
      w.writeByte(1);
      w.writeString(s);
    }
  }

  private static String readNullable(CompactEncoding.Reader r) throws IOException {
    return r.readByte() == 0 ? null : r.readString();
  }

  private static void writeStrings(CompactEncoding.Writer w, List<String> list) {
    w.writeVarLong(list.size());
    for (String s : list) {
      w.writeString(s);
    }
  }

  private static List<String> readStrings(CompactEncoding.Reader r) throws IOException {
    int n = r.readLength();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.readString());
    }
    return List.copyOf(out);
  }

  private static void writeCandidates(CompactEncoding.Writer w, List<Candidate> list) {
    w.writeVarLong(list.size());
    for (Candidate c : list) {
      w.writeString(c.item());
      w.writeString(c.category());
      w.writeDouble(c.score());
      w.writeDouble(c.sessions());
    }
  }

  private static List<Candidate> readCandidates(CompactEncoding.Reader r) throws IOException {
    int n = r.readLength();
    List<Candidate> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Candidate(r.readString(), r.readString(), r.readDouble(), r.readDouble()));
    }
    return List.copyOf(out);
  }

  private static void writeNeighbours(CompactEncoding.Writer w, List<Neighbour> list) {
    w.writeVarLong(list.size());
    for (Neighbour n : list) {
      w.writeString(n.getProductId());
      writeNullable(w, n.getCategory());
      w.writeDouble(n.getScore());
      w.writeDouble(n.getSessions());
    }
  }

  private static List<Neighbour> readNeighbours(CompactEncoding.Reader r) throws IOException {
    int n = r.readLength();
    List<Neighbour> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Neighbour.of(r.readString(), readNullable(r), r.readDouble(), r.readDouble()));
    }
    return out;
  }

  private static void writeItemNeighbours(CompactEncoding.Writer w, ItemNeighbours v) {
    w.writeString(v.getProductId());
    writeNullable(w, v.getCategory());
    w.writeInstant(v.getTimestamp());
    w.writeString(v.getEventId());
    w.writeString(v.getConfigVersion());
    w.writeDouble(v.getPopularity());
    writeNeighbours(w, v.getNeighbours());
    writeNeighbours(w, v.getComplements());
  }

  private static ItemNeighbours readItemNeighbours(CompactEncoding.Reader r) throws IOException {
    String productId = r.readString();
    String category = readNullable(r);
    Instant ts = r.readInstant();
    String eventId = r.readString();
    String version = r.readString();
    double popularity = r.readDouble();
    List<Neighbour> neighbours = readNeighbours(r);
    return ItemNeighbours.of(
        productId, category, ts, eventId, version, popularity, neighbours, readNeighbours(r));
  }

  /** Format: the fields of {@link SessionRecs} in order, then per recommendation its fields. */
  static final class SessionRecsCoder extends CustomCoder<SessionRecs> {
    private static final long serialVersionUID = 1L;
    static final SessionRecsCoder INSTANCE = new SessionRecsCoder();

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public void encode(SessionRecs v, OutputStream out) throws IOException {
      CompactEncoding.Writer w = CompactEncoding.writer();
      try {
        w.writeString(v.getSessionKey());
        w.writeString(v.getSessionId());
        writeNullable(w, v.getUserId());
        w.writeString(v.getEventId());
        w.writeString(v.getProductId());
        writeNullable(w, v.getCategory());
        w.writeString(v.getAction());
        w.writeVarLong(v.getSeq());
        w.writeInstant(v.getTimestamp());
        w.writeString(v.getConfigVersion());
        w.writeVarLong(v.getRecommendations().size());
        for (Recommendation rec : v.getRecommendations()) {
          w.writeString(rec.getProductId());
          writeNullable(w, rec.getCategory());
          w.writeDouble(rec.getScore());
          w.writeString(rec.getSource());
          writeNullable(w, rec.getRelatedTo());
          w.writeString(rec.getReason());
        }
        w.writeTo(out);
      } finally {
        w.release();
      }
    }

    @Override
    public SessionRecs decode(InputStream in) throws IOException {
      CompactEncoding.Reader r = CompactEncoding.reader(in);
      try {
        String sessionKey = r.readString();
        String sessionId = r.readString();
        String userId = readNullable(r);
        String eventId = r.readString();
        String productId = r.readString();
        String category = readNullable(r);
        String action = r.readString();
        long seq = r.readVarLong();
        Instant ts = r.readInstant();
        String version = r.readString();
        int n = r.readLength();
        List<Recommendation> recs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          recs.add(
              Recommendation.of(
                  r.readString(),
                  readNullable(r),
                  r.readDouble(),
                  r.readString(),
                  readNullable(r),
                  r.readString()));
        }
        return SessionRecs.of(
            sessionKey,
            sessionId,
            userId,
            eventId,
            productId,
            category,
            action,
            seq,
            ts,
            version,
            recs);
      } finally {
        r.release();
      }
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Format: the fields of {@link ItemNeighbours} in order. */
  static final class ItemNeighboursCoder extends CustomCoder<ItemNeighbours> {
    private static final long serialVersionUID = 1L;
    static final ItemNeighboursCoder INSTANCE = new ItemNeighboursCoder();

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public void encode(ItemNeighbours v, OutputStream out) throws IOException {
      CompactEncoding.Writer w = CompactEncoding.writer();
      try {
        writeItemNeighbours(w, v);
        w.writeTo(out);
      } finally {
        w.release();
      }
    }

    @Override
    public ItemNeighbours decode(InputStream in) throws IOException {
      CompactEncoding.Reader r = CompactEncoding.reader(in);
      try {
        return readItemNeighbours(r);
      } finally {
        r.release();
      }
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** A tag byte per message kind, then its fields. */
  static final class MessageCoder extends CustomCoder<RecMessage> {
    private static final long serialVersionUID = 1L;
    static final MessageCoder INSTANCE = new MessageCoder();

    /*
     * Tags 4, 6 and 9 are the same messages without prices (builds before 2026-12-05), 11, 12 and
     * 13 with prices but without brands (before 2026-12-06); they are still read, so messages
     * buffered in a checkpoint of such a build restore (price or brand unknown, no boost for it).
     */
    private static final int TREND_UPDATE_PRICED = 11;
    private static final int REQUEST_PART_PRICED = 12;
    private static final int CATEGORY_REPLY_BOOSTED = 13;
    private static final int TREND_UPDATE_BRANDED = 14;
    private static final int REQUEST_PART_BRANDED = 15;
    private static final int CATEGORY_REPLY_BRANDED = 16;

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public void encode(RecMessage m, OutputStream out) throws IOException {
      CompactEncoding.Writer w = CompactEncoding.writer();
      try {
        write(w, m);
        w.writeTo(out);
      } finally {
        w.release();
      }
    }

    private static void write(CompactEncoding.Writer w, RecMessage m) {
      if (m instanceof Occurrence o) {
        w.writeByte(1);
        w.writeString(o.item());
        w.writeString(o.category());
        w.writeVarLong(o.delta());
      } else if (m instanceof PairNotice n) {
        w.writeByte(2);
        w.writeString(n.item());
        w.writeString(n.category());
        w.writeVarLong(n.partners().size());
        for (Partner p : n.partners()) {
          w.writeString(p.item());
          w.writeString(p.category());
          w.writeVarLong(p.credit());
          w.writeVarLong(p.complementCredit());
          w.writeByte((p.newPair() ? 1 : 0) | (p.newComplement() ? 2 : 0));
        }
      } else if (m instanceof PairUpdate u) {
        w.writeByte(3);
        w.writeString(u.item());
        w.writeString(u.partner());
        w.writeString(u.partnerCategory());
        w.writeVarLong(u.credit());
        w.writeVarLong(u.complementCredit());
        w.writeByte((u.newPair() ? 1 : 0) | (u.newComplement() ? 2 : 0));
        w.writeDouble(u.partnerPopularity());
      } else if (m instanceof TrendUpdate u) {
        w.writeByte(TREND_UPDATE_BRANDED);
        w.writeString(u.category());
        w.writeString(u.item());
        w.writeVarLong(u.delta());
        w.writeByte(u.newInSession() ? 1 : 0);
        w.writeDouble(u.price());
        writeNullable(w, u.brand());
      } else if (m instanceof ComplementUpdate u) {
        w.writeByte(5);
        w.writeString(u.category());
        w.writeString(u.item());
        w.writeString(u.itemCategory());
        w.writeVarLong(u.credit());
        w.writeByte(u.newPair() ? 1 : 0);
      } else if (m instanceof RequestPart p) {
        w.writeByte(REQUEST_PART_BRANDED);
        w.writeString(p.requestId());
        w.writeString(p.target());
        w.writeByte(p.category() ? 1 : 0);
        w.writeDouble(p.recencyWeight());
        w.writeVarLong(p.parts());
        w.writeDouble(p.price());
        writeNullable(w, p.brand());
      } else if (m instanceof RequestHeader h) {
        w.writeByte(7);
        w.writeString(h.requestId());
        w.writeVarLong(h.parts());
        w.writeString(h.sessionKey());
        w.writeString(h.sessionId());
        writeNullable(w, h.userId());
        w.writeString(h.productId());
        w.writeString(h.category());
        w.writeString(h.action());
        w.writeVarLong(h.seq());
        writeStrings(w, h.recent());
        writeStrings(w, h.exclude());
      } else if (m instanceof ItemReply r) {
        w.writeByte(8);
        w.writeString(r.requestId());
        w.writeVarLong(r.parts());
        w.writeString(r.item());
        w.writeDouble(r.recencyWeight());
        writeCandidates(w, r.similar());
        writeCandidates(w, r.complements());
      } else if (m instanceof CategoryReply r) {
        w.writeByte(CATEGORY_REPLY_BRANDED);
        w.writeString(r.requestId());
        w.writeVarLong(r.parts());
        w.writeString(r.category());
        w.writeVarLong(r.trending().size());
        for (Trend t : r.trending()) {
          w.writeString(t.item());
          w.writeVarLong(t.weight());
          w.writeVarLong(t.sessions());
          w.writeDouble(t.priceBoost());
          w.writeDouble(t.brandBoost());
        }
        w.writeVarLong(r.windowWeight());
        writeCandidates(w, r.complements());
        w.writeDouble(r.complementTotal());
      } else if (m instanceof NeighboursChanged n) {
        w.writeByte(10);
        writeItemNeighbours(w, n.value());
        return;
      }
      w.writeZigZag(m.ts());
      w.writeString(m.eventId());
    }

    @Override
    public RecMessage decode(InputStream in) throws IOException {
      CompactEncoding.Reader r = CompactEncoding.reader(in);
      try {
        int tag = r.readByte();
        switch (tag) {
          case 1:
            {
              String item = r.readString();
              String category = r.readString();
              int delta = (int) r.readVarLong();
              return new Occurrence(item, category, delta, r.readZigZag(), r.readString());
            }
          case 2:
            {
              String item = r.readString();
              String category = r.readString();
              int n = r.readLength();
              List<Partner> partners = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                String p = r.readString();
                String pc = r.readString();
                int credit = (int) r.readVarLong();
                int comp = (int) r.readVarLong();
                int flags = r.readByte();
                partners.add(new Partner(p, pc, credit, comp, (flags & 1) != 0, (flags & 2) != 0));
              }
              return new PairNotice(
                  item, category, List.copyOf(partners), r.readZigZag(), r.readString());
            }
          case 3:
            {
              String item = r.readString();
              String partner = r.readString();
              String pc = r.readString();
              int credit = (int) r.readVarLong();
              int comp = (int) r.readVarLong();
              int flags = r.readByte();
              double pop = r.readDouble();
              return new PairUpdate(
                  item,
                  partner,
                  pc,
                  credit,
                  comp,
                  (flags & 1) != 0,
                  (flags & 2) != 0,
                  pop,
                  r.readZigZag(),
                  r.readString());
            }
          case 4:
          case TREND_UPDATE_PRICED:
          case TREND_UPDATE_BRANDED:
            {
              String category = r.readString();
              String item = r.readString();
              int delta = (int) r.readVarLong();
              boolean fresh = r.readByte() == 1;
              double price = tag == 4 ? Double.NaN : r.readDouble();
              String brand = tag == TREND_UPDATE_BRANDED ? readNullable(r) : null;
              return new TrendUpdate(
                  category, item, delta, fresh, price, brand, r.readZigZag(), r.readString());
            }
          case 5:
            {
              String category = r.readString();
              String item = r.readString();
              String itemCategory = r.readString();
              int credit = (int) r.readVarLong();
              boolean fresh = r.readByte() == 1;
              return new ComplementUpdate(
                  category, item, itemCategory, credit, fresh, r.readZigZag(), r.readString());
            }
          case 6:
          case REQUEST_PART_PRICED:
          case REQUEST_PART_BRANDED:
            {
              String requestId = r.readString();
              String target = r.readString();
              boolean category = r.readByte() == 1;
              double weight = r.readDouble();
              int parts = r.readLength();
              double price = tag == 6 ? Double.NaN : r.readDouble();
              String brand = tag == REQUEST_PART_BRANDED ? readNullable(r) : null;
              return new RequestPart(
                  requestId,
                  target,
                  category,
                  weight,
                  parts,
                  price,
                  brand,
                  r.readZigZag(),
                  r.readString());
            }
          case 7:
            {
              String requestId = r.readString();
              int parts = r.readLength();
              String sessionKey = r.readString();
              String sessionId = r.readString();
              String userId = readNullable(r);
              String productId = r.readString();
              String category = r.readString();
              String action = r.readString();
              long seq = r.readVarLong();
              List<String> recent = readStrings(r);
              List<String> exclude = readStrings(r);
              return new RequestHeader(
                  requestId,
                  parts,
                  sessionKey,
                  sessionId,
                  userId,
                  productId,
                  category,
                  action,
                  seq,
                  recent,
                  exclude,
                  r.readZigZag(),
                  r.readString());
            }
          case 8:
            {
              String requestId = r.readString();
              int parts = r.readLength();
              String item = r.readString();
              double weight = r.readDouble();
              List<Candidate> similar = readCandidates(r);
              List<Candidate> complements = readCandidates(r);
              return new ItemReply(
                  requestId,
                  parts,
                  item,
                  weight,
                  similar,
                  complements,
                  r.readZigZag(),
                  r.readString());
            }
          case 9:
          case CATEGORY_REPLY_BOOSTED:
          case CATEGORY_REPLY_BRANDED:
            {
              String requestId = r.readString();
              int parts = r.readLength();
              String category = r.readString();
              int n = r.readLength();
              List<Trend> trending = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                String item = r.readString();
                long weight = r.readVarLong();
                long sessions = r.readVarLong();
                double priceBoost = tag == 9 ? 1.0 : r.readDouble();
                double brandBoost = tag == CATEGORY_REPLY_BRANDED ? r.readDouble() : 1.0;
                trending.add(new Trend(item, weight, sessions, priceBoost, brandBoost));
              }
              long window = r.readVarLong();
              List<Candidate> complements = readCandidates(r);
              double total = r.readDouble();
              return new CategoryReply(
                  requestId,
                  parts,
                  category,
                  List.copyOf(trending),
                  window,
                  complements,
                  total,
                  r.readZigZag(),
                  r.readString());
            }
          case 10:
            return new NeighboursChanged(readItemNeighbours(r));
          default:
            throw new CoderException("unknown recommendation message tag " + tag);
        }
      } finally {
        r.release();
      }
    }

    @Override
    public void verifyDeterministic() {}
  }
}
