package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.EpisodeLayout.Episode;
import java.util.SplittableRandom;

/**
 * The shared frame of the generators whose anomalies are episodes at consecutive indices: event
 * time from the day curve, episode placement, and invalid records. Subclasses write the JSON of
 * ordinary events and of episode events.
 */
abstract class SlottedGenerator implements EventGenerator {
  /** Longest event-time gap between consecutive events of one episode, milliseconds. */
  static final long EPISODE_STEP_MILLIS = 10_000;

  private static final long SALT_EPISODES = 0x45504953L;
  private static final long SALT_DEFECTS = 0x42414453L;
  private static final Defect[] DEFECTS = Defect.values();

  /** What to generate. */
  protected final GeneratorConfig config;

  /** Event time of each index. */
  protected final EventClock clock;

  /** Where episodes go. */
  private final EpisodeLayout layout;

  /** Type produced. */
  private final EventType type;

  /** Salt of the per-event random stream, distinct per type. */
  private final long eventSalt;

  SlottedGenerator(EventType type, GeneratorConfig config, long eventSalt, AnomalyKind... kinds) {
    this.type = type;
    this.config = config;
    this.eventSalt = eventSalt;
    this.clock = new EventClock(config.startMillis(), config.eventTimeRate(), config.diurnal());
    this.layout =
        new EpisodeLayout(config.seed(), SALT_EPISODES ^ eventSalt, config.anomalyRate(), kinds);
  }

  @Override
  public final EventType type() {
    return type;
  }

  @Override
  public final GeneratedEvent generate(long n) {
    checkIndex(n);
    Episode episode = layout.at(n);
    JsonLine out = new JsonLine();
    if (episode != null) {
      long millis = episodeMillis(episode, n);
      writeEpisode(episode, n, millis, out);
      return new GeneratedEvent(n, out.close(), millis, episode.kind, null);
    }
    long millis = clock.millisAt(n);
    Defect defect = null;
    if (config.badRate() > 0) {
      long h = Mix.hash(config.seed(), SALT_DEFECTS ^ eventSalt, n);
      if (Mix.unit(h) < config.badRate()) {
        defect = DEFECTS[Mix.below(Mix.mix64(h), DEFECTS.length)];
      }
    }
    writeOrdinary(
        n, millis, new SplittableRandom(Mix.hash(config.seed(), eventSalt, n)), defect, out);
    String json = out.close();
    if (defect == Defect.MALFORMED_JSON) {
      json = json.substring(0, json.length() / 2);
    }
    return new GeneratedEvent(n, json, millis, null, defect);
  }

  @Override
  public final long eventTimeMillis(long n) {
    checkIndex(n);
    Episode episode = layout.at(n);
    return episode == null ? clock.millisAt(n) : episodeMillis(episode, n);
  }

  /**
   * Episode events follow the day curve but never drift more than {@link #EPISODE_STEP_MILLIS}
   * apart, so an episode stays within seconds even at low rates. The result is still strictly
   * increasing in the index and before the next ordinary event.
   */
  private long episodeMillis(Episode e, long n) {
    long first = clock.millisAt(e.start);
    return first + Math.min(clock.millisAt(n) - first, e.position * EPISODE_STEP_MILLIS);
  }

  private static void checkIndex(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("index must be at least 0, got " + n);
    }
  }

  /** Random stream of what all events of an episode share (drawn in the same order by each). */
  static SplittableRandom episodeRandom(Episode e) {
    return new SplittableRandom(e.bits);
  }

  /** Random stream of what differs between the events of an episode. */
  static SplittableRandom positionRandom(Episode e) {
    return new SplittableRandom(Mix.hash(e.bits, 0x504f53L, e.position));
  }

  /** Writes an ordinary event, broken as {@code defect} says (MALFORMED_JSON is done later). */
  abstract void writeOrdinary(
      long n, long millis, SplittableRandom rnd, Defect defect, JsonLine out);

  /** Writes the event at {@code n}, part of {@code episode}. */
  abstract void writeEpisode(Episode episode, long n, long millis, JsonLine out);

  /** Writes the type's main number field, broken as {@code defect} says. */
  static void checkedDecimal(JsonLine out, String name, long unscaled, int scale, Defect defect) {
    if (defect == Defect.MISSING_FIELD) {
      return;
    }
    if (defect == Defect.WRONG_TYPE) {
      out.decimalAsString(name, unscaled, scale);
    } else if (defect == Defect.INVALID_VALUE) {
      out.decimal(name, -Math.max(1, unscaled), scale);
    } else {
      out.decimal(name, unscaled, scale);
    }
  }
}
