package io.realtimepipelines.recommend;

import com.google.auto.value.AutoValue;
import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import io.realtimepipelines.ordering.OrderedResult;
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
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;

/**
 * Real-time product recommendations from clicks, in event time: item-to-item relations from
 * sessions, complementary items across categories, trending per category, and after every view or
 * add-to-cart a list for the session that blends them ({@link Blend}). Every step applies its key's
 * messages in event-time order ({@link ApplyInEventTimeOrder}), so the outputs equal those of
 * {@link RecommendModel} whatever the runner, parallelism or arrival order; a list published at
 * time t is computed from the clicks strictly before t (and the session's own clicks up to its
 * trigger), so it never reflects the click it is meant to predict.
 *
 * <p>Steps, each keyed and ordered:
 *
 * <ol>
 *   <li>{@code Sessions} (per session, {@link SessionState}): a click raises the session's strength
 *       on its item; that goes to the item's popularity and relations, to its category's trending,
 *       and, paired with the session's recent items, to both items of each pair; a view or
 *       add-to-cart also sends a request to each recent item and to the category;
 *   <li>{@code Popularity} (per item, {@link PopularityState}): forwards each pair to the partner
 *       with the item's popularity, which the partner needs to normalise the relation;
 *   <li>{@code Items} (per item, {@link ItemState}) and {@code Categories} (per category, {@link
 *       CategoryState}): keep relations, complements and trending; answer requests; publish an
 *       item's neighbours when they change;
 *   <li>{@code JoinReplies} (per request): blends the replies into {@link SessionRecs}.
 * </ol>
 *
 * <pre>{@code
 * RecommendResult recs = clicks.apply("Recommend",
 *     RecommendProducts.withConfig(RecommendConfig.defaults()).withKeyShards(128));
 * recs.getSessionRecs(); recs.getItemNeighbours(); recs.getLateClicks();
 * }</pre>
 *
 * <p>Needs event-time timers: on the Spark runner (Beam 2.70) it runs in batch only.
 */
@AutoValue
public abstract class RecommendProducts
    extends PTransform<PCollection<ClickEvent>, RecommendResult> {
  /** Runner keys each step spreads its keys over by default. */
  public static final int DEFAULT_KEY_SHARDS = 128;

  abstract RecommendConfig getConfig();

  abstract Duration getAllowedLateness();

  abstract int getKeyShards();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setConfig(RecommendConfig config);

    abstract Builder setAllowedLateness(Duration lateness);

    abstract Builder setKeyShards(int shards);

    abstract RecommendProducts build();
  }

  /** Recommends with {@code config}; no allowed lateness; 128 runner keys per step. */
  public static RecommendProducts withConfig(RecommendConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new AutoValue_RecommendProducts.Builder()
        .setConfig(config)
        .setAllowedLateness(Duration.ZERO)
        .setKeyShards(DEFAULT_KEY_SHARDS)
        .build();
  }

  /** How long after the watermark a click waits for older ones of its session (0 to 1 hour). */
  public RecommendProducts withAllowedLateness(Duration lateness) {
    if (lateness == null
        || lateness.isShorterThan(Duration.ZERO)
        || lateness.isLongerThan(Duration.standardHours(1))) {
      throw new IllegalArgumentException(
          "allowedLateness must be between 0 and 1 hour, got " + lateness);
    }
    return toBuilder().setAllowedLateness(lateness).build();
  }

  /**
   * How many runner keys each step spreads its keys over (1 to 65,536; 0: one per key); outputs do
   * not depend on it. See {@link ApplyInEventTimeOrder#withShards(int)}.
   */
  public RecommendProducts withKeyShards(int shards) {
    if (shards < 0 || shards > ApplyInEventTimeOrder.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "keyShards must be between 0 and "
              + ApplyInEventTimeOrder.MAX_SHARDS
              + ", got "
              + shards);
    }
    return toBuilder().setKeyShards(shards).build();
  }

  private static final TupleTag<KV<String, RecMessage>> TO_POPULARITY =
      new TupleTag<>("popularity") {};
  private static final TupleTag<KV<String, RecMessage>> TO_ITEMS = new TupleTag<>("items") {};
  private static final TupleTag<KV<String, RecMessage>> TO_CATEGORIES =
      new TupleTag<>("categories") {};
  private static final TupleTag<KV<String, RecMessage>> TO_JOIN = new TupleTag<>("join") {};
  private static final TupleTag<ItemNeighbours> NEIGHBOURS = new TupleTag<>("neighbours") {};

  @Override
  public RecommendResult expand(PCollection<ClickEvent> clicks) {
    RecommendConfig config = getConfig();
    int keyShards = getKeyShards();
    Coder<ClickEvent> clickCoder;
    try {
      clickCoder = clicks.getPipeline().getSchemaRegistry().getSchemaCoder(ClickEvent.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException(e);
    }
    Coder<RecMessage> messageCoder = RecommendCoders.messages();
    KvCoder<String, RecMessage> keyed = KvCoder.of(StringUtf8Coder.of(), messageCoder);
    RecommendConfig cfg = config;

    OrderedResult<ClickEvent, RecMessage> sessions =
        clicks
            .apply(
                "KeyBySession",
                MapElements.into(new TypeDescriptor<KV<String, ClickEvent>>() {})
                    .via((ClickEvent c) -> KV.of(SessionState.sessionKey(c, cfg), c)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), clickCoder))
            .apply(
                "Sessions",
                ApplyInEventTimeOrder.of(new RecommendProcessors.Sessions(config), messageCoder)
                    .withAllowedLateness(getAllowedLateness())
                    .withShards(keyShards));
    PCollectionTuple routed =
        sessions
            .getOutput()
            .apply(
                "RouteSessionMessages",
                ParDo.of(new RouteFn())
                    .withOutputTags(
                        TO_POPULARITY, TupleTagList.of(TO_ITEMS).and(TO_CATEGORIES).and(TO_JOIN)));

    OrderedResult<RecMessage, RecMessage> popularity =
        routed
            .get(TO_POPULARITY)
            .setCoder(keyed)
            .apply(
                "Popularity",
                ApplyInEventTimeOrder.of(new RecommendProcessors.Popularity(config), messageCoder)
                    .withShards(keyShards));
    PCollection<KV<String, RecMessage>> pairs =
        popularity
            .getOutput()
            .apply("KeyPairsByItem", ParDo.of(new KeyByTargetFn()))
            .setCoder(keyed);

    OrderedResult<RecMessage, RecMessage> items =
        PCollectionList.of(routed.get(TO_ITEMS).setCoder(keyed))
            .and(pairs)
            .apply("AllItemMessages", Flatten.pCollections())
            .apply(
                "Items",
                ApplyInEventTimeOrder.of(new RecommendProcessors.Items(config), messageCoder)
                    .withShards(keyShards));
    PCollectionTuple itemOut =
        items
            .getOutput()
            .apply(
                "RouteItemMessages",
                ParDo.of(new SplitNeighboursFn())
                    .withOutputTags(TO_JOIN, TupleTagList.of(NEIGHBOURS)));

    OrderedResult<RecMessage, RecMessage> categories =
        routed
            .get(TO_CATEGORIES)
            .setCoder(keyed)
            .apply(
                "Categories",
                ApplyInEventTimeOrder.of(new RecommendProcessors.Categories(config), messageCoder)
                    .withShards(keyShards));
    PCollection<KV<String, RecMessage>> categoryReplies =
        categories
            .getOutput()
            .apply("KeyCategoryReplies", ParDo.of(new KeyByTargetFn()))
            .setCoder(keyed);

    int shards = Math.max(1, keyShards);
    PCollection<SessionRecs> recs =
        PCollectionList.of(routed.get(TO_JOIN).setCoder(keyed))
            .and(itemOut.get(TO_JOIN).setCoder(keyed))
            .and(categoryReplies)
            .apply("AllReplies", Flatten.pCollections())
            .apply(
                "ShardRequests",
                MapElements.into(new TypeDescriptor<KV<String, KV<String, RecMessage>>>() {})
                    .via(
                        (KV<String, RecMessage> kv) ->
                            KV.of(ApplyInEventTimeOrder.runnerKey(kv.getKey(), shards), kv)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), keyed))
            .apply("JoinReplies", ParDo.of(new JoinFn(config)))
            .setCoder(RecommendCoders.sessionRecs());

    PCollectionList.of(popularity.getLate())
        .and(items.getLate())
        .and(categories.getLate())
        .apply("AllInternalLate", Flatten.pCollections())
        .apply("CountInternalLate", ParDo.of(new CountInternalLateFn()));

    return new RecommendResult(
        clicks.getPipeline(),
        recs,
        itemOut.get(NEIGHBOURS).setCoder(RecommendCoders.itemNeighbours()),
        sessions.getLate());
  }

  /**
   * Sends each message of the session step to the step(s) keyed by its item, category or request.
   */
  static final class RouteFn extends DoFn<RecMessage, KV<String, RecMessage>> {
    @ProcessElement
    public void process(@Element RecMessage m, MultiOutputReceiver out) {
      if (m instanceof Occurrence o) {
        out.get(TO_POPULARITY).output(KV.of(o.item(), m));
        out.get(TO_ITEMS).output(KV.of(o.item(), m));
      } else if (m instanceof PairNotice n) {
        out.get(TO_POPULARITY).output(KV.of(n.item(), m));
      } else if (m instanceof TrendUpdate u) {
        out.get(TO_CATEGORIES).output(KV.of(u.category(), m));
      } else if (m instanceof ComplementUpdate u) {
        out.get(TO_CATEGORIES).output(KV.of(u.category(), m));
      } else if (m instanceof RequestPart p) {
        out.get(p.category() ? TO_CATEGORIES : TO_ITEMS).output(KV.of(p.target(), m));
      } else if (m instanceof RequestHeader h) {
        out.get(TO_JOIN).output(KV.of(h.requestId(), m));
      } else {
        throw new IllegalStateException("unexpected session message " + m);
      }
    }
  }

  /** Keys a pair update by the item it updates, a category reply by its request. */
  static final class KeyByTargetFn extends DoFn<RecMessage, KV<String, RecMessage>> {
    @ProcessElement
    public void process(@Element RecMessage m, OutputReceiver<KV<String, RecMessage>> out) {
      if (m instanceof PairUpdate u) {
        out.output(KV.of(u.item(), m));
      } else if (m instanceof CategoryReply r) {
        out.output(KV.of(r.requestId(), m));
      } else {
        throw new IllegalStateException("unexpected message " + m);
      }
    }
  }

  /** Item replies go to the join keyed by request; changed neighbours to their output. */
  static final class SplitNeighboursFn extends DoFn<RecMessage, KV<String, RecMessage>> {
    @ProcessElement
    public void process(@Element RecMessage m, MultiOutputReceiver out) {
      if (m instanceof ItemReply r) {
        out.get(TO_JOIN).output(KV.of(r.requestId(), m));
      } else if (m instanceof NeighboursChanged n) {
        out.get(NEIGHBOURS).output(n.value());
      } else {
        throw new IllegalStateException("unexpected item message " + m);
      }
    }
  }

  /**
   * Collects the parts of each request (header, one reply per recent item, the category's reply)
   * and blends them once all have arrived. Runner keys are shards of request ids; a request's parts
   * are dropped from state as soon as it is complete.
   */
  static final class JoinFn extends DoFn<KV<String, KV<String, RecMessage>>, SessionRecs> {
    private final RecommendConfig config;
    private final Counter lists = Metrics.counter("rtp", "recommend.lists");

    @StateId("parts")
    private final StateSpec<MapState<String, List<RecMessage>>> partsSpec =
        StateSpecs.map(StringUtf8Coder.of(), ListCoder.of(RecommendCoders.messages()));

    JoinFn(RecommendConfig config) {
      this.config = config;
    }

    @ProcessElement
    public void process(
        @Element KV<String, KV<String, RecMessage>> element,
        @StateId("parts") MapState<String, List<RecMessage>> parts,
        OutputReceiver<SessionRecs> out) {
      String requestId = element.getValue().getKey();
      RecMessage m = element.getValue().getValue();
      List<RecMessage> held = parts.get(requestId).read();
      List<RecMessage> all = new ArrayList<>(held == null ? 2 : held.size() + 1);
      if (held != null) {
        all.addAll(held);
      }
      all.add(m);
      if (all.size() < expected(m)) {
        parts.put(requestId, all);
        return;
      }
      parts.remove(requestId);
      lists.inc();
      JobMetrics.recommendation();
      out.output(blend(all, config));
    }

    private static int expected(RecMessage m) {
      if (m instanceof RequestHeader h) {
        return h.parts();
      }
      if (m instanceof ItemReply r) {
        return r.parts();
      }
      return ((CategoryReply) m).parts();
    }
  }

  /** Blends the complete parts of one request. */
  static SessionRecs blend(List<RecMessage> parts, RecommendConfig config) {
    RequestHeader header = null;
    CategoryReply category = null;
    List<ItemReply> items = new ArrayList<>();
    for (RecMessage p : parts) {
      if (p instanceof RequestHeader h) {
        header = h;
      } else if (p instanceof CategoryReply c) {
        category = c;
      } else {
        items.add((ItemReply) p);
      }
    }
    if (header == null || category == null) {
      throw new IllegalStateException("incomplete request " + parts);
    }
    return Blend.recommend(header, items, category, config);
  }

  /**
   * Counts messages a step received after newer ones of its key (never expected: each step's
   * watermark hold keeps the next step's messages on time); a non-zero count means a list is
   * missing, and the job's accounting says so.
   */
  static final class CountInternalLateFn extends DoFn<RecMessage, Void> {
    private final Counter late = Metrics.counter("rtp", "recommend.internal_late");

    @ProcessElement
    public void process(@Element RecMessage m) {
      late.inc();
      JobMetrics.late("recommend.internal");
    }
  }
}
