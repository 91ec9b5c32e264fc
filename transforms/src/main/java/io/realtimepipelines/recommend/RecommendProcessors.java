package io.realtimepipelines.recommend;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.ordering.KeyedProcessor;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/** The per-key logic of the four ordered steps of {@link RecommendProducts}. */
final class RecommendProcessors {
  private RecommendProcessors() {}

  /** Per session: {@link SessionState}. */
  static final class Sessions implements KeyedProcessor<ClickEvent, SessionState, RecMessage> {
    private static final long serialVersionUID = 1L;
    private final RecommendConfig config;
    private final Counter applied = Metrics.counter("rtp", "recommend.clicks_applied");
    private final Counter requests = Metrics.counter("rtp", "recommend.requests");

    Sessions(RecommendConfig config) {
      this.config = config;
    }

    @Override
    public String name() {
      return "recommend.sessions";
    }

    @Override
    public SessionState newState() {
      return new SessionState();
    }

    @Override
    public Coder<SessionState> stateCoder() {
      return SessionState.coder();
    }

    @Override
    public long timestamp(ClickEvent c) {
      return c.getTimestamp().getMillis();
    }

    @Override
    public int compare(ClickEvent a, ClickEvent b) {
      return order(a, b);
    }

    /** Clicks of one instant: by event id, then action, then quantity. */
    static int order(ClickEvent a, ClickEvent b) {
      int c = a.getEventId().compareTo(b.getEventId());
      if (c == 0) {
        c = a.getAction().compareTo(b.getAction());
      }
      return c != 0 ? c : Integer.compare(a.getQuantity(), b.getQuantity());
    }

    @Override
    public void apply(SessionState state, ClickEvent c, Consumer<RecMessage> out) {
      applied.inc();
      state.apply(
          c,
          config,
          m -> {
            if (m instanceof RecMessage.RequestHeader) {
              requests.inc();
            }
            out.accept(m);
          });
    }

    @Override
    public long lastSeen(SessionState state) {
      return state.lastSeen;
    }

    @Override
    public long ttlMillis() {
      return config.inactivityGapMillis();
    }
  }

  /** Base of the steps keyed by item or category, whose events are {@link RecMessage}s. */
  abstract static class MessageStep<S> implements KeyedProcessor<RecMessage, S, RecMessage> {
    private static final long serialVersionUID = 1L;
    final RecommendConfig config;

    MessageStep(RecommendConfig config) {
      this.config = config;
    }

    @Override
    public long timestamp(RecMessage m) {
      return m.ts();
    }

    @Override
    public int compare(RecMessage a, RecMessage b) {
      return RecMessage.compare(a, b);
    }

    @Override
    public long ttlMillis() {
      return config.itemTtlMillis();
    }
  }

  /** Per item: {@link PopularityState}. */
  static final class Popularity extends MessageStep<PopularityState> {
    private static final long serialVersionUID = 1L;

    Popularity(RecommendConfig config) {
      super(config);
    }

    @Override
    public String name() {
      return "recommend.popularity";
    }

    @Override
    public PopularityState newState() {
      return new PopularityState();
    }

    @Override
    public Coder<PopularityState> stateCoder() {
      return PopularityState.coder();
    }

    @Override
    public void apply(PopularityState state, RecMessage m, Consumer<RecMessage> out) {
      state.apply(m, config, out);
    }

    @Override
    public long lastSeen(PopularityState state) {
      return state.lastSeen;
    }
  }

  /** Per item: {@link ItemState}. */
  static final class Items extends MessageStep<ItemState> {
    private static final long serialVersionUID = 1L;
    private final Counter published = Metrics.counter("rtp", "recommend.neighbours_published");

    Items(RecommendConfig config) {
      super(config);
    }

    @Override
    public String name() {
      return "recommend.items";
    }

    @Override
    public ItemState newState() {
      return new ItemState();
    }

    @Override
    public Coder<ItemState> stateCoder() {
      return ItemState.coder();
    }

    @Override
    public void apply(ItemState state, RecMessage m, Consumer<RecMessage> out) {
      state.apply(
          m,
          config,
          o -> {
            if (o instanceof RecMessage.NeighboursChanged) {
              published.inc();
            }
            out.accept(o);
          });
    }

    @Override
    public long lastSeen(ItemState state) {
      return state.lastSeen;
    }
  }

  /** Per category: {@link CategoryState}. */
  static final class Categories extends MessageStep<CategoryState> {
    private static final long serialVersionUID = 1L;

    Categories(RecommendConfig config) {
      super(config);
    }

    @Override
    public String name() {
      return "recommend.categories";
    }

    @Override
    public CategoryState newState() {
      return new CategoryState();
    }

    @Override
    public Coder<CategoryState> stateCoder() {
      return CategoryState.coder();
    }

    @Override
    public void apply(CategoryState state, RecMessage m, Consumer<RecMessage> out) {
      state.apply(m, config, out);
    }

    @Override
    public long lastSeen(CategoryState state) {
      return state.lastSeen;
    }
  }
}
