package io.realtimepipelines.monitor;

/** A statistic of one window of a series, as named in {@code rules/monitor.json}. */
public enum Stat {
  COUNT("count"),
  RATE("rate"),
  MEAN("mean"),
  MIN("min"),
  MAX("max"),
  P50("p50"),
  P95("p95"),
  P99("p99");

  private final String wireName;

  Stat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The statistic named {@code name}, or null. */
  public static Stat fromWireName(String name) {
    for (Stat s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** This statistic of {@code w}. */
  public double of(WindowStats w) {
    switch (this) {
      case COUNT:
        return w.getCount();
      case RATE:
        return w.getRatePerSecond();
      case MEAN:
        return w.getMean();
      case MIN:
        return w.getMin();
      case MAX:
        return w.getMax();
      case P50:
        return w.getP50();
      case P95:
        return w.getP95();
      case P99:
        return w.getP99();
      default:
        throw new IllegalStateException("unhandled stat " + this);
    }
  }
}
