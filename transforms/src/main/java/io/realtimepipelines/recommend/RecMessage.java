package io.realtimepipelines.recommend;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the steps of {@link RecommendProducts} send each other, keyed by item, category or request
 * (see the class documentation there for the flow). Every message carries the event time and the id
 * of the click it came from; within one key and one event time the steps apply them in {@link
 * #rank()} order, then by click id, then by {@link #tie()}, so every input has one order.
 */
sealed interface RecMessage
    permits RecMessage.Occurrence,
        RecMessage.PairNotice,
        RecMessage.PairUpdate,
        RecMessage.TrendUpdate,
        RecMessage.ComplementUpdate,
        RecMessage.RequestPart,
        RecMessage.RequestHeader,
        RecMessage.ItemReply,
        RecMessage.CategoryReply,
        RecMessage.NeighboursChanged {

  /** Event time (ms) of the click the message came from. */
  long ts();

  /** Id of the click the message came from. */
  String eventId();

  /**
   * Order at equal event times within a key: requests before updates, so a list published at time t
   * is computed from clicks strictly before t (never from the click it predicts, nor any other
   * click of that instant); popularity before the pairs that read it.
   */
  int rank();

  /** Last tie-breaker among messages of one key, time, rank and click. */
  String tie();

  /** Compares two messages of one key by event time, then rank, click id and tie. */
  static int compare(RecMessage a, RecMessage b) {
    int c = Long.compare(a.ts(), b.ts());
    if (c == 0) {
      c = Integer.compare(a.rank(), b.rank());
    }
    if (c == 0) {
      c = a.eventId().compareTo(b.eventId());
    }
    return c != 0 ? c : a.tie().compareTo(b.tie());
  }

  /**
   * A session's strength on an item rose by {@code delta} (the item entered the session, or was
   * added to the cart or bought in it). To the item's popularity and to its relations.
   */
  record Occurrence(String item, String category, int delta, long ts, String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 1;
    }

    @Override
    public String tie() {
      return Integer.toString(delta);
    }
  }

  /** One partner of a {@link PairNotice}: how much the pair gained in a session. */
  record Partner(
      String item,
      String category,
      int credit,
      int complementCredit,
      boolean newPair,
      boolean newComplement) {}

  /**
   * {@code item} was paired with {@code partners} in a session: to {@code item}'s popularity step,
   * which forwards each pair to the partner with {@code item}'s popularity.
   */
  record PairNotice(String item, String category, List<Partner> partners, long ts, String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 3;
    }

    @Override
    public String tie() {
      StringBuilder sb = new StringBuilder();
      for (Partner p : partners) {
        sb.append(p.item())
            .append(',')
            .append(p.credit())
            .append(',')
            .append(p.complementCredit())
            .append(';');
      }
      return sb.toString();
    }
  }

  /**
   * {@code item}'s relation to {@code partner} gained {@code credit} (and {@code
   * complementCredit}); {@code partnerPopularity} is the partner's popularity at {@code ts}.
   */
  record PairUpdate(
      String item,
      String partner,
      String partnerCategory,
      int credit,
      int complementCredit,
      boolean newPair,
      boolean newComplement,
      double partnerPopularity,
      long ts,
      String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 4;
    }

    @Override
    public String tie() {
      return partner + ',' + credit + ',' + complementCredit;
    }
  }

  /**
   * A session's strength on {@code item} of {@code category} rose: to the category's trending.
   * {@code price} is the item's price in that click (NaN in messages of builds before it was sent),
   * {@code brand} its brand (null when unknown, and in messages of builds before it was sent).
   */
  record TrendUpdate(
      String category,
      String item,
      int delta,
      boolean newInSession,
      double price,
      @Nullable String brand,
      long ts,
      String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 2;
    }

    @Override
    public String tie() {
      return item + ',' + delta;
    }
  }

  /**
   * {@code item} (of another category) was carted or bought with an item of {@code category}: to
   * that category's complements.
   */
  record ComplementUpdate(
      String category,
      String item,
      String itemCategory,
      int credit,
      boolean newPair,
      long ts,
      String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 5;
    }

    @Override
    public String tie() {
      return item + ',' + credit;
    }
  }

  /**
   * Asks an item ({@code category} false) or a category for its part of request {@code requestId},
   * which has {@code parts} parts in all. {@code price} is the clicked product's price (NaN in
   * messages of builds before it was sent) and {@code brand} its brand (or null): a category
   * re-ranks its trending items by them.
   */
  record RequestPart(
      String requestId,
      String target,
      boolean category,
      double recencyWeight,
      int parts,
      double price,
      @Nullable String brand,
      long ts,
      String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 0;
    }

    @Override
    public String tie() {
      return requestId;
    }
  }

  /**
   * The session's side of a request: who asked, after which click, its recent items (most recent
   * first: the clicked product, then the ones before it) and what to leave out.
   */
  record RequestHeader(
      String requestId,
      int parts,
      String sessionKey,
      String sessionId,
      @Nullable String userId,
      String productId,
      String category,
      String action,
      long seq,
      List<String> recent,
      List<String> exclude,
      long ts,
      String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 0;
    }

    @Override
    public String tie() {
      return requestId;
    }
  }

  /** A related item with its score and the (decayed) number of sessions behind it. */
  record Candidate(String item, String category, double score, double sessions) {}

  /** An item's neighbours and complements at the request's time, for request {@code requestId}. */
  record ItemReply(
      String requestId,
      int parts,
      String item,
      double recencyWeight,
      List<Candidate> similar,
      List<Candidate> complements,
      long ts,
      String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 0;
    }

    @Override
    public String tie() {
      return requestId + '/' + item;
    }
  }

  /**
   * An item trending in a category: weighted score and sessions in the window, and in a reply the
   * factors it earned against the clicked product: {@code priceBoost} for its price ({@code 1 +
   * priceSimilarity * match}) and {@code brandBoost} for its brand ({@code 1 + brandSimilarity}
   * when it is the clicked product's); each 1 when unknown or the feature is off.
   */
  record Trend(String item, long weight, long sessions, double priceBoost, double brandBoost) {
    Trend(String item, long weight, long sessions) {
      this(item, weight, sessions, 1.0, 1.0);
    }

    /** Both factors: what the item's weight is multiplied by in a request. */
    double boost() {
      return priceBoost * brandBoost;
    }
  }

  /** A category's trending items and complementary items at the request's time. */
  record CategoryReply(
      String requestId,
      int parts,
      String category,
      List<Trend> trending,
      long windowWeight,
      List<Candidate> complements,
      double complementTotal,
      long ts,
      String eventId)
      implements RecMessage {
    @Override
    public int rank() {
      return 0;
    }

    @Override
    public String tie() {
      return requestId + "/#" + category;
    }
  }

  /** An item's published neighbours changed. */
  record NeighboursChanged(ItemNeighbours value) implements RecMessage {
    @Override
    public long ts() {
      return value.getTimestamp().getMillis();
    }

    @Override
    public String eventId() {
      return value.getEventId();
    }

    @Override
    public int rank() {
      return 9;
    }

    @Override
    public String tie() {
      return value.getProductId();
    }
  }
}
