package io.realtimepipelines.pipelines.generator;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Decides where anomaly episodes go. The indices are cut into slots of {@value #SLOT} events; a
 * hash of (seed, slot) decides whether the slot opens with an episode and of which kind, so an
 * episode occupies consecutive indices and any index learns its part in one hash. The chance per
 * slot is set so that, on average, {@code anomalyRate} of all events are in episodes.
 */
final class EpisodeLayout {
  /** Events per slot; an episode never fills a whole slot, so episodes never touch. */
  static final int SLOT = 32;

  /** Seed of the placement. */
  private final long seed;

  /** Salt that keeps each type's placement apart. */
  private final long salt;

  /** Kinds an episode may have, equally likely. */
  private final AnomalyKind[] kinds;

  /** Chance that a slot opens with an episode. */
  private final double slotChance;

  EpisodeLayout(long seed, long salt, double anomalyRate, AnomalyKind... kinds) {
    double meanLength = 0;
    for (AnomalyKind k : kinds) {
      meanLength += k.episodeLength();
    }
    meanLength /= kinds.length;
    this.seed = seed;
    this.salt = salt;
    this.kinds = kinds.clone();
    this.slotChance = anomalyRate * SLOT / meanLength;
    if (slotChance > 1) {
      throw new IllegalArgumentException(
          "anomalyRate "
              + anomalyRate
              + " is too high for episodes of "
              + meanLength
              + " events in slots of "
              + SLOT);
    }
  }

  /** The episode that index {@code n} is part of, or null when it is ordinary traffic. */
  @Nullable Episode at(long n) {
    if (slotChance == 0) {
      return null;
    }
    long slot = n / SLOT;
    long h = Mix.hash(seed, salt, slot);
    if (Mix.unit(h) >= slotChance) {
      return null;
    }
    long bits = Mix.mix64(h);
    AnomalyKind kind = kinds[Mix.below(bits, kinds.length)];
    int position = (int) (n - slot * SLOT);
    if (position >= kind.episodeLength()) {
      return null;
    }
    return new Episode(kind, slot * SLOT, position, Mix.mix64(bits));
  }

  /** One event's part in an episode. */
  static final class Episode {
    /** What the episode is. */
    final AnomalyKind kind;

    /** Index of the episode's first event. */
    final long start;

    /** This event's position in the episode, from 0. */
    final int position;

    /** Random bits shared by all events of the episode. */
    final long bits;

    Episode(AnomalyKind kind, long start, int position, long bits) {
      this.kind = kind;
      this.start = start;
      this.position = position;
      this.bits = bits;
    }
  }
}
