package io.realtimepipelines.recommend;

import io.realtimepipelines.model.CompactEncoding;
import io.realtimepipelines.model.VersionedCoder;
import io.realtimepipelines.recommend.RecMessage.Occurrence;
import io.realtimepipelines.recommend.RecMessage.PairNotice;
import io.realtimepipelines.recommend.RecMessage.PairUpdate;
import io.realtimepipelines.recommend.RecMessage.Partner;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * An item's popularity (the decayed sum over sessions of its strength), kept to forward each pair
 * the item takes part in to its partner together with the item's popularity at that instant: the
 * partner needs it to normalise the relation, and cannot read another item's state itself.
 */
final class PopularityState {
  private static final int FORMAT = 1;

  /** Popularity at {@link #at}. */
  double popularity;

  /** Event time (ms) of the last occurrence, or Long.MIN_VALUE. */
  long at = Long.MIN_VALUE;

  /** Event time (ms) of the last message. */
  long lastSeen = Long.MIN_VALUE;

  double popularityAt(long t, RecommendConfig config) {
    return at == Long.MIN_VALUE ? 0 : popularity * Decay.decay(at, t, config.halfLifeMillis());
  }

  void apply(RecMessage m, RecommendConfig config, Consumer<RecMessage> out) {
    long t = m.ts();
    lastSeen = t;
    if (m instanceof Occurrence o) {
      popularity = popularityAt(t, config) + o.delta();
      at = t;
    } else if (m instanceof PairNotice n) {
      double p = popularityAt(t, config);
      for (Partner partner : n.partners()) {
        out.accept(
            new PairUpdate(
                partner.item(),
                n.item(),
                n.category(),
                partner.credit(),
                partner.complementCredit(),
                partner.newPair(),
                partner.newComplement(),
                p,
                t,
                n.eventId()));
      }
    } else {
      throw new IllegalArgumentException("popularity step got " + m.getClass().getSimpleName());
    }
  }

  static Coder coder() {
    return Coder.INSTANCE;
  }

  /** Format version byte, then the fields ({@link CompactEncoding}). */
  static final class Coder extends VersionedCoder<PopularityState> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    private Coder() {
      super("PopularityState", FORMAT);
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    protected void write(CompactEncoding.Writer w, PopularityState s) {
      w.writeDouble(s.popularity);
      w.writeZigZag(s.at);
      w.writeZigZag(s.lastSeen);
    }

    @Override
    protected PopularityState read(CompactEncoding.Reader r) throws IOException {
      PopularityState s = new PopularityState();
      s.popularity = r.readDouble();
      s.at = r.readZigZag();
      s.lastSeen = r.readZigZag();
      return s;
    }
  }
}
