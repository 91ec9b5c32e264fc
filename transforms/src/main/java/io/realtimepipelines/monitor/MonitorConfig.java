package io.realtimepipelines.monitor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.config.JsonConfigReader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned rules of the monitor job: window size, sketch accuracy, static threshold rules, the
 * adaptive detector and the alert state machine. The defaults live only in {@code
 * rules/monitor.json}, which the build puts into this jar. A user's file replaces the keys it names
 * (objects merge key by key; the {@code thresholds} list is replaced as a whole) and the result is
 * checked as a whole: a bad file is rejected with every problem listed.
 */
public final class MonitorConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the build puts {@code rules/monitor.json}. */
  public static final String RESOURCE = "/io/realtimepipelines/monitor/monitor.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Which way a value must move to breach. */
  public enum Direction {
    UP,
    DOWN,
    BOTH
  }

  /** A static threshold on one statistic of the series of one metric ({@code *}: all). */
  public static final class Threshold implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rule name, in alerts and Redis keys. */
    public final String name;

    /** Metric the rule watches, or {@code *}. */
    public final String metric;

    /** Statistic compared. */
    public final Stat stat;

    /** Breach when the statistic is above this (null: no upper limit). */
    public final Double above;

    /** Breach when the statistic is below this (null: no lower limit). */
    public final Double below;

    Threshold(String name, String metric, Stat stat, Double above, Double below) {
      this.name = name;
      this.metric = metric;
      this.stat = stat;
      this.above = above;
      this.below = below;
    }

    /** Whether this rule watches {@code metricName}. */
    public boolean watches(String metricName) {
      return metric.equals("*") || metric.equals(metricName);
    }
  }

  /** Name of the adaptive rule in alerts. */
  public static final String ADAPTIVE_RULE = "adaptive";

  /** Name of this rule set, copied into every alert. */
  public final String version;

  /** Size of the fixed event-time windows. */
  public final int windowMinutes;

  /** t-digest compression: higher is more accurate and larger. */
  public final int compression;

  /** Static rules, in file order. */
  public final List<Threshold> thresholds;

  /** Whether the adaptive detector runs. */
  public final boolean adaptiveEnabled;

  /** Metrics it watches ({@code *}: all). */
  public final Set<String> adaptiveMetrics;

  /** Statistic it watches. */
  public final Stat adaptiveStat;

  /** Baseline: median of the statistic over the series' last this many windows ... */
  public final int historyWindows;

  /** ... once it has at least this many. */
  public final int minHistory;

  /** Breach when the value is further than this many robust deviations from the baseline. */
  public final double deviations;

  /** The deviation is at least this fraction of the baseline's magnitude ... */
  public final double relativeFloor;

  /** ... and at least this, in the metric's unit. */
  public final double absoluteFloor;

  /** Which way the adaptive detector looks. */
  public final Direction direction;

  /** An alert fires after this many breaching windows in a row (1: at once). */
  public final int pendingWindows;

  /** A firing alert resolves after this many windows in a row without a breach. */
  public final int resolveWindows;

  /** A series' state is dropped after this long without samples (event time). */
  public final int stateTtlHours;

  private MonitorConfig(JsonConfigReader r) {
    version = r.requiredText("version");
    windowMinutes = r.integer("window.minutes", 60, 1, 24 * 60);
    compression = r.integer("sketch.compression", 100, 20, 1000);
    thresholds = thresholds(r);
    adaptiveEnabled = r.bool("adaptive.enabled", true);
    adaptiveMetrics = r.stringSet("adaptive.metrics");
    if (adaptiveEnabled && adaptiveMetrics.isEmpty()) {
      r.problem("'adaptive.metrics' must name at least one metric (or \"*\") when enabled");
    }
    adaptiveStat = stat(r, "adaptive.stat", "mean");
    historyWindows = r.integer("adaptive.historyWindows", 48, 3, 10_000);
    minHistory = r.integer("adaptive.minHistory", 12, 3, 10_000);
    if (minHistory > historyWindows) {
      r.problem(
          "'adaptive.minHistory' ("
              + minHistory
              + ") must not exceed"
              + " 'adaptive.historyWindows' ("
              + historyWindows
              + ")");
    }
    deviations = r.decimal("adaptive.deviations", 6, 0.5, 100);
    relativeFloor = r.decimal("adaptive.relativeFloor", 0.05, 0, 10);
    absoluteFloor = r.decimal("adaptive.absoluteFloor", 0, 0, 1e15);
    if (relativeFloor == 0 && absoluteFloor == 0) {
      r.problem(
          "'adaptive.relativeFloor' and 'adaptive.absoluteFloor' must not both be 0"
              + " (a constant series would alert on any change)");
    }
    direction = direction(r);
    pendingWindows = r.integer("alerts.pendingWindows", 2, 1, 1000);
    resolveWindows = r.integer("alerts.resolveWindows", 3, 1, 1000);
    stateTtlHours = r.integer("stateTtlHours", 168, 1, 24 * 365);
  }

  private static Stat stat(JsonConfigReader r, String path, String dflt) {
    JsonNode n = r.at(path);
    String name = n == null ? dflt : n.asText();
    Stat s = n != null && !n.isTextual() ? null : Stat.fromWireName(name);
    if (s == null) {
      r.problem("'" + path + "' must be one of " + statNames() + ", got " + n);
      return Stat.MEAN;
    }
    return s;
  }

  private static String statNames() {
    List<String> names = new ArrayList<>();
    for (Stat s : Stat.values()) {
      names.add(s.wireName());
    }
    return names.toString();
  }

  private static Direction direction(JsonConfigReader r) {
    JsonNode n = r.at("adaptive.direction");
    if (n == null) {
      return Direction.BOTH;
    }
    switch (n.asText()) {
      case "up":
        return Direction.UP;
      case "down":
        return Direction.DOWN;
      case "both":
        return Direction.BOTH;
      default:
        r.problem("'adaptive.direction' must be \"up\", \"down\" or \"both\", got " + n);
        return Direction.BOTH;
    }
  }

  private static List<Threshold> thresholds(JsonConfigReader r) {
    JsonNode list = r.at("thresholds");
    List<Threshold> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    if (!list.isArray()) {
      r.problem("'thresholds' must be an array of rules, got " + list);
      return out;
    }
    Set<String> names = new HashSet<>();
    Set<String> known = Set.of("name", "metric", "stat", "above", "below");
    for (int i = 0; i < list.size(); i++) {
      JsonNode t = list.get(i);
      String p = "thresholds[" + i + "]";
      if (!t.isObject()) {
        r.problem("'" + p + "' must be an object, got " + t);
        continue;
      }
      t.fieldNames()
          .forEachRemaining(
              k -> {
                if (!known.contains(k)) {
                  r.problem(
                      "unknown key '"
                          + p
                          + "."
                          + k
                          + "' (known: above, below, metric, name, stat)");
                }
              });
      String name = t.path("name").asText("");
      if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
        r.problem(
            "'"
                + p
                + ".name' must be 1-64 of a-z 0-9 _ starting with a letter, got "
                + t.get("name"));
      } else if (name.equals(ADAPTIVE_RULE) || !names.add(name)) {
        r.problem("'" + p + ".name' \"" + name + "\" is used twice (\"adaptive\" is reserved)");
      }
      String metric = t.path("metric").asText("");
      if (!metric.equals("*") && !metric.matches("[a-z][a-z0-9_.-]{0,63}")) {
        r.problem("'" + p + ".metric' must be a metric name or \"*\", got " + t.get("metric"));
      }
      Stat stat = Stat.fromWireName(t.path("stat").asText(""));
      if (stat == null) {
        r.problem("'" + p + ".stat' must be one of " + statNames() + ", got " + t.get("stat"));
      }
      Double above = limit(r, t, p, "above");
      Double below = limit(r, t, p, "below");
      if (above == null && below == null) {
        r.problem("'" + p + "' needs 'above', 'below' or both");
      } else if (above != null && below != null && !(below < above)) {
        r.problem(
            "'"
                + p
                + ".below' ("
                + below
                + ") must be less than '"
                + p
                + ".above' ("
                + above
                + ")");
      }
      out.add(new Threshold(name, metric, stat, above, below));
    }
    return List.copyOf(out);
  }

  private static Double limit(JsonConfigReader r, JsonNode t, String p, String key) {
    JsonNode n = t.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      r.problem("'" + p + "." + key + "' must be a number, got " + n);
      return null;
    }
    return n.doubleValue();
  }

  /** Window size in milliseconds. */
  public long windowMillis() {
    return windowMinutes * 60_000L;
  }

  long ttlMillis() {
    return stateTtlHours * 3_600_000L;
  }

  /** Whether the adaptive detector watches {@code metric}. */
  public boolean adaptiveWatches(String metric) {
    return adaptiveEnabled && (adaptiveMetrics.contains("*") || adaptiveMetrics.contains(metric));
  }

  /** The shipped rules, {@code rules/monitor.json}. */
  public static MonitorConfig defaults() {
    try {
      return parse("{}");
    } catch (InvalidMonitorConfigException e) {
      throw new IllegalStateException(
          "the shipped rules/monitor.json is invalid: " + e.getMessage(), e);
    }
  }

  /** The shipped file's text. */
  public static String defaultsJson() {
    return JsonConfigReader.shipped(MonitorConfig.class, RESOURCE);
  }

  /**
   * The shipped rules overridden by {@code json}: keys it names replace the shipped values, objects
   * merge key by key. Throws with every problem found.
   */
  public static MonitorConfig parse(String json) throws InvalidMonitorConfigException {
    JsonNode overrides;
    JsonNode base;
    try {
      overrides = MAPPER.readTree(json);
      base = MAPPER.readTree(defaultsJson());
    } catch (JsonProcessingException e) {
      throw new InvalidMonitorConfigException(List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (overrides == null || !overrides.isObject()) {
      throw new InvalidMonitorConfigException(List.of("the monitor config must be a JSON object"));
    }
    JsonNode merged = JsonConfigReader.merge(base.deepCopy(), overrides);
    JsonConfigReader r = new JsonConfigReader(merged, known());
    MonitorConfig config = new MonitorConfig(r);
    if (!r.problems().isEmpty()) {
      throw new InvalidMonitorConfigException(r.problems());
    }
    return config;
  }

  private static Map<String, Set<String>> known() {
    Map<String, Set<String>> k = new HashMap<>();
    k.put(
        "",
        Set.of(
            "version",
            "description",
            "window",
            "sketch",
            "thresholds",
            "adaptive",
            "alerts",
            "stateTtlHours"));
    k.put("window", Set.of("minutes"));
    k.put("sketch", Set.of("compression"));
    k.put(
        "adaptive",
        Set.of(
            "enabled",
            "metrics",
            "stat",
            "historyWindows",
            "minHistory",
            "deviations",
            "relativeFloor",
            "absoluteFloor",
            "direction"));
    k.put("alerts", Set.of("pendingWindows", "resolveWindows"));
    return k;
  }

  /** A configuration was rejected; lists every problem. */
  public static final class InvalidMonitorConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidMonitorConfigException(List<String> problems) {
      super("invalid monitor config: " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
