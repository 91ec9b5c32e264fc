package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;

/**
 * The patterns the generator injects for downstream jobs to catch. Each is an episode of a few
 * events; every event of an episode carries its kind in {@link GeneratedEvent#anomaly()}.
 */
public enum AnomalyKind {
  /**
   * Four purchases of 500 to 3,000 from one hosting-range IP, by different accounts, within 40 s.
   */
  IP_BURST(EventType.TRANSACTION, 4),
  /** Four purchases under 3.00 then one of 800 to 2,500 on one card, within 50 s. */
  CARD_TESTING(EventType.TRANSACTION, 5),
  /** Two purchases on one card, at home then over 2,000 km away, at most 10 s apart. */
  IMPOSSIBLE_TRAVEL(EventType.TRANSACTION, 2),
  /** Three purchases near the account's usual amount, then one 25 to 60 times it. */
  AMOUNT_SPIKE(EventType.TRANSACTION, 4),
  /** Eight purchases of one rarely bought product by different users, within 80 s. */
  DEMAND_SPIKE(EventType.CLICK, 8),
  /** Four stock reports of one product falling to at most 5 units (normal stock is 100+). */
  LOW_STOCK(EventType.INVENTORY, 4),
  /** Four competitors listing one product at 40% to 65% of our price, within 40 s. */
  PRICE_UNDERCUT(EventType.COMPETITOR_PRICE, 4),
  /**
   * Three consecutive heart-rate readings of one patient at 140 to 190 bpm (normal is under 105).
   */
  HEART_RATE_SPIKE(EventType.VITAL, 3),
  /**
   * The first reading of a patient after 3 to 5 rounds of missing readings; only this reading is
   * marked, the missing ones are simply absent.
   */
  READING_GAP(EventType.VITAL, 1),
  /** A cell's four latency samples of a block at 6 to 12 times its usual latency. */
  LATENCY_SPIKE(EventType.METRIC, 4);

  /** Event type the anomaly occurs in. */
  private final EventType eventType;

  /** Marked events per episode. */
  private final int episodeLength;

  AnomalyKind(EventType eventType, int episodeLength) {
    this.eventType = eventType;
    this.episodeLength = episodeLength;
  }

  /** The event type the anomaly occurs in. */
  public EventType eventType() {
    return eventType;
  }

  /** Number of marked events in one episode. */
  public int episodeLength() {
    return episodeLength;
  }
}
