package io.realtimepipelines.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** Every message, output and state survives its coder; a state of an unknown format is refused. */
class RecommendCodersTest {
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  private static <T> T roundTrip(Coder<T> coder, T value) throws CoderException {
    return CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, value));
  }

  @Test
  void everyMessageKindRoundTrips() throws Exception {
    long t = T.getMillis();
    ItemNeighbours n =
        ItemNeighbours.of(
            "p",
            null,
            T,
            "e",
            "v",
            3.5,
            List.of(Neighbour.of("q", "c", 0.25, 2.0)),
            List.of(Neighbour.of("r", null, 0.1, 1.0)));
    List<RecMessage> all =
        List.of(
            new Occurrence("p", "", 2, t, "e1"),
            new PairNotice(
                "p",
                "c",
                List.of(
                    new Partner("q", "d", 1, 0, true, false),
                    new Partner("r", "", 2, 3, false, true)),
                t,
                "e2"),
            new PairUpdate("q", "p", "c", 1, 3, true, true, 12.75, t, "e3"),
            new TrendUpdate("c", "p", 4, true, 12.5, "Acme", -5, "e4"),
            new TrendUpdate("c", "p", 4, true, 12.5, null, -5, "e4"),
            new ComplementUpdate("c", "p", "d", 3, false, t, "e5"),
            new RequestPart("s/1/2", "p", true, 0.36, 5, 99.99, "acme", t, "e6"),
            new RequestPart("s/1/2", "p", true, 0.36, 5, 99.99, null, t, "e6"),
            new RequestHeader(
                "s/1/2",
                5,
                "u:9",
                "s",
                null,
                "p",
                "",
                "view",
                7,
                List.of("p", "q"),
                List.of("p"),
                t,
                "e7"),
            new ItemReply(
                "s/1/2",
                5,
                "p",
                0.6,
                List.of(new Candidate("q", "c", 0.5, 3.0)),
                List.of(),
                t,
                "e8"),
            new CategoryReply(
                "s/1/2",
                5,
                "c",
                List.of(new Trend("p", 9, 4, 2.5, 4.0), new Trend("q", 3, 1)),
                20,
                List.of(new Candidate("z", "d", 0.2, 1)),
                4.5,
                t,
                "e9"),
            new NeighboursChanged(n));
    for (RecMessage m : all) {
      assertEquals(m, roundTrip(RecommendCoders.messages(), m), m.getClass().getSimpleName());
    }
  }

  @Test
  void outputsRoundTrip() throws Exception {
    SessionRecs recs =
        SessionRecs.of(
            "k",
            "s",
            "u",
            "e",
            "p",
            null,
            "add_to_cart",
            3,
            T,
            "v",
            List.of(
                Recommendation.of(
                    "q", "c", 1.25, "similar", "p", "viewed together with p in 3 sessions"),
                Recommendation.of("r", null, 0.5, "trending", null, "trending in c")));
    assertEquals(recs, roundTrip(RecommendCoders.sessionRecs(), recs));
    ItemNeighbours n = ItemNeighbours.of("p", "c", T, "e", "v", 1, List.of(), List.of());
    assertEquals(n, roundTrip(RecommendCoders.itemNeighbours(), n));
  }

  @Test
  void statesRoundTripWithTheirContent() throws Exception {
    RecommendConfig cfg = RecommendConfig.defaults();
    SessionState s = new SessionState();
    List<RecMessage> sink = new ArrayList<>();
    s.apply(
        ClickEvent.builder()
            .setEventId("1")
            .setSessionId("s")
            .setProductId("p")
            .setCategory("c")
            .setAction(ClickAction.PURCHASE)
            .setPrice(BigDecimal.ONE)
            .setTimestamp(T)
            .build(),
        cfg,
        sink::add);
    SessionState s2 = roundTrip(SessionState.coder(), s);
    assertEquals(s.items.keySet(), s2.items.keySet());
    assertEquals(s.purchased, s2.purchased);
    assertEquals(s.seq, s2.seq);

    ItemState item = new ItemState();
    item.apply(new Occurrence("p", "c", 3, T.getMillis(), "o"), cfg, sink::add);
    item.apply(
        new PairUpdate("p", "q", "d", 1, 1, true, true, 4, T.getMillis(), "u"), cfg, sink::add);
    ItemState item2 = roundTrip(ItemState.coder(), item);
    assertEquals(item.ranking(cfg), item2.ranking(cfg));
    assertEquals(item.popularity, item2.popularity);

    CategoryState cat = new CategoryState();
    cat.apply(new TrendUpdate("c", "p", 3, true, 20.0, "Acme", T.getMillis(), "t"), cfg, sink::add);
    cat.apply(new ComplementUpdate("c", "q", "d", 3, true, T.getMillis(), "u"), cfg, sink::add);
    CategoryState cat2 = roundTrip(CategoryState.coder(), cat);
    assertEquals(cat.trending(10), cat2.trending(10));
    assertEquals(cat.windowWeight, cat2.windowWeight);
    assertEquals(cat.complements.keySet(), cat2.complements.keySet());
    assertEquals(cat.prices, cat2.prices);
    assertEquals(Map.of("p", "acme"), cat2.brands);

    PopularityState pop = new PopularityState();
    pop.apply(new Occurrence("p", "c", 3, T.getMillis(), "o"), cfg, sink::add);
    assertEquals(3.0, roundTrip(PopularityState.coder(), pop).popularity);
  }

  private static byte[] written(Consumer<CompactEncoding.Writer> fields) throws IOException {
    CompactEncoding.Writer w = CompactEncoding.writer();
    try {
      fields.accept(w);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      w.writeTo(out);
      return out.toByteArray();
    } finally {
      w.release();
    }
  }

  /** What a checkpoint of a build before prices holds still restores: price unknown, no boost. */
  @Test
  void messagesAndCategoriesWithoutPricesFromOlderBuildsAreStillRead() throws Exception {
    long t = T.getMillis();
    byte[] trend =
        written(
            w -> {
              w.writeByte(4);
              w.writeString("c");
              w.writeString("p");
              w.writeVarLong(2);
              w.writeByte(1);
              w.writeZigZag(t);
              w.writeString("e1");
            });
    assertEquals(
        new TrendUpdate("c", "p", 2, true, Double.NaN, null, t, "e1"),
        CoderUtils.decodeFromByteArray(RecommendCoders.messages(), trend));
    byte[] part =
        written(
            w -> {
              w.writeByte(6);
              w.writeString("s/1/2");
              w.writeString("c");
              w.writeByte(1);
              w.writeDouble(1.0);
              w.writeVarLong(3);
              w.writeZigZag(t);
              w.writeString("e2");
            });
    assertEquals(
        new RequestPart("s/1/2", "c", true, 1.0, 3, Double.NaN, null, t, "e2"),
        CoderUtils.decodeFromByteArray(RecommendCoders.messages(), part));
    byte[] reply =
        written(
            w -> {
              w.writeByte(9);
              w.writeString("s/1/2");
              w.writeVarLong(3);
              w.writeString("c");
              w.writeVarLong(1);
              w.writeString("p");
              w.writeVarLong(9);
              w.writeVarLong(4);
              w.writeVarLong(20);
              w.writeVarLong(0);
              w.writeDouble(0);
              w.writeZigZag(t);
              w.writeString("e3");
            });
    assertEquals(
        new CategoryReply(
            "s/1/2", 3, "c", List.of(new Trend("p", 9, 4)), 20, List.of(), 0, t, "e3"),
        CoderUtils.decodeFromByteArray(RecommendCoders.messages(), reply));

    // Format 1 of a category's state is format 3 without the trailing price and brand maps.
    CategoryState cat = new CategoryState();
    RecommendConfig cfg = RecommendConfig.defaults();
    cat.apply(new TrendUpdate("c", "p", 3, true, Double.NaN, null, t, "t"), cfg, m -> {});
    byte[] now = CoderUtils.encodeToByteArray(CategoryState.coder(), cat);
    byte[] v1 = Arrays.copyOf(now, now.length - 2);
    assertEquals(3, now[0]);
    assertEquals(0, now[now.length - 2], "an empty price map is one byte");
    assertEquals(0, now[now.length - 1], "an empty brand map is one byte");
    v1[0] = 1;
    CategoryState old = CoderUtils.decodeFromByteArray(CategoryState.coder(), v1);
    assertEquals(cat.trending(10), old.trending(10));
    assertEquals(Map.of(), old.prices);
  }

  /**
   * What a checkpoint of a build with prices but before brands (2026-12-05) holds still restores:
   * prices kept, brand unknown, no brand boost.
   */
  @Test
  void messagesAndCategoriesWithoutBrandsFromOlderBuildsAreStillRead() throws Exception {
    long t = T.getMillis();
    byte[] trend =
        written(
            w -> {
              w.writeByte(11);
              w.writeString("c");
              w.writeString("p");
              w.writeVarLong(2);
              w.writeByte(1);
              w.writeDouble(12.5);
              w.writeZigZag(t);
              w.writeString("e1");
            });
    assertEquals(
        new TrendUpdate("c", "p", 2, true, 12.5, null, t, "e1"),
        CoderUtils.decodeFromByteArray(RecommendCoders.messages(), trend));
    byte[] part =
        written(
            w -> {
              w.writeByte(12);
              w.writeString("s/1/2");
              w.writeString("c");
              w.writeByte(1);
              w.writeDouble(1.0);
              w.writeVarLong(3);
              w.writeDouble(99.5);
              w.writeZigZag(t);
              w.writeString("e2");
            });
    assertEquals(
        new RequestPart("s/1/2", "c", true, 1.0, 3, 99.5, null, t, "e2"),
        CoderUtils.decodeFromByteArray(RecommendCoders.messages(), part));
    byte[] reply =
        written(
            w -> {
              w.writeByte(13);
              w.writeString("s/1/2");
              w.writeVarLong(3);
              w.writeString("c");
              w.writeVarLong(1);
              w.writeString("p");
              w.writeVarLong(9);
              w.writeVarLong(4);
              w.writeDouble(2.5);
              w.writeVarLong(20);
              w.writeVarLong(0);
              w.writeDouble(0);
              w.writeZigZag(t);
              w.writeString("e3");
            });
    assertEquals(
        new CategoryReply(
            "s/1/2", 3, "c", List.of(new Trend("p", 9, 4, 2.5, 1.0)), 20, List.of(), 0, t, "e3"),
        CoderUtils.decodeFromByteArray(RecommendCoders.messages(), reply));

    // Format 2 of a category's state is format 3 without the trailing brand map.
    CategoryState cat = new CategoryState();
    RecommendConfig cfg = RecommendConfig.defaults();
    cat.apply(new TrendUpdate("c", "p", 3, true, 20.0, null, t, "t"), cfg, m -> {});
    byte[] now = CoderUtils.encodeToByteArray(CategoryState.coder(), cat);
    byte[] v2 = Arrays.copyOf(now, now.length - 1);
    assertEquals(0, now[now.length - 1], "an empty brand map is one byte");
    v2[0] = 2;
    CategoryState old = CoderUtils.decodeFromByteArray(CategoryState.coder(), v2);
    assertEquals(cat.trending(10), old.trending(10));
    assertEquals(Map.of("p", 20.0), old.prices);
    assertEquals(Map.of(), old.brands);
  }

  @Test
  void aStateOfAnUnknownFormatIsRefusedNotMisread() throws IOException {
    byte[] bytes = CoderUtils.encodeToByteArray(ItemState.coder(), new ItemState());
    bytes[0] = 99;
    CoderException e =
        assertThrows(
            CoderException.class, () -> CoderUtils.decodeFromByteArray(ItemState.coder(), bytes));
    assertEquals("unknown ItemState format 99, expected 1", e.getMessage());
  }
}
