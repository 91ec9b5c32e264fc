package io.realtimepipelines.vitals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.config.JsonConfigReader;
import io.realtimepipelines.model.VitalMetric;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned rules of the vitals job: physiological limits, artefact checks, cadence and gap
 * filling, NEWS2 alert thresholds and quality windows. The defaults live only in {@code
 * rules/vitals.json}, which the build puts into this jar; a user's file overrides any of its keys
 * (objects are merged key by key) and the result is checked as a whole: a bad file is rejected with
 * every problem listed, never half-applied. The README documents every key.
 */
public final class VitalsConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the build puts {@code rules/vitals.json}. */
  public static final String RESOURCE = "/io/realtimepipelines/vitals/vitals.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Limits and cadence of one metric, in the metric's unit. */
  public static final class MetricRules implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Readings below this are implausible. */
    public final double plausibleMin;

    /** Readings above this are implausible. */
    public final double plausibleMax;

    /** Plausible readings below this are flagged {@code abnormal_low}. */
    public final double normalMin;

    /** Plausible readings above this are flagged {@code abnormal_high}. */
    public final double normalMax;

    /** A reading further than this from the device's rolling median is a jump. */
    public final double maxJump;

    /** Readings at one instant whose range exceeds this conflict. */
    public final double conflictTolerance;

    /** Expected seconds between readings of a device; 0 = learn it per device. */
    public final int cadenceSeconds;

    MetricRules(
        double plausibleMin,
        double plausibleMax,
        double normalMin,
        double normalMax,
        double maxJump,
        double conflictTolerance,
        int cadenceSeconds) {
      this.plausibleMin = plausibleMin;
      this.plausibleMax = plausibleMax;
      this.normalMin = normalMin;
      this.normalMax = normalMax;
      this.maxJump = maxJump;
      this.conflictTolerance = conflictTolerance;
      this.cadenceSeconds = cadenceSeconds;
    }
  }

  /** Name of this rule set, copied into every output. */
  public final String version;

  private final Map<VitalMetric, MetricRules> metrics;

  /** Rolling median: readings of the last this many seconds ... */
  public final int jumpWindowSeconds;

  /** ... at most this many (the newest) ... */
  public final int jumpMaxReadings;

  /** ... and the check needs at least this many. */
  public final int jumpMinReadings;

  /** A flat line needs at least this many identical readings ... */
  public final int flatLineMinReadings;

  /** ... spanning at least this many seconds ... */
  public final int flatLineMinSeconds;

  /** ... each at most this many seconds after the previous one ... */
  public final int flatLineMaxIntervalSeconds;

  /** ... and within this of the run's first value. */
  public final double flatLineTolerance;

  /** Learned cadence: median of the device's last this many intervals ... */
  public final int cadenceIntervals;

  /** ... once it has at least this many. */
  public final int cadenceMinIntervals;

  /** Gaps of at most this many missing readings are interpolated ... */
  public final int maxFillReadings;

  /** ... when they are also at most this long. */
  public final int maxFillSeconds;

  /** Alert when the NEWS2 score rises to or above one of these (ascending). */
  public final List<Integer> news2Thresholds;

  /** Alert when a parameter newly scores 3. */
  public final boolean news2SingleParameterAlert;

  /** A parameter's newest value older than this is missing. */
  public final int news2MaxAgeMinutes;

  /** Size of the quality windows. */
  public final int qualityWindowMinutes;

  /** Per-key state is dropped after this long without readings (event time). */
  public final int stateTtlHours;

  private VitalsConfig(JsonConfigReader r, JsonNode root) {
    version = r.requiredText("version");
    metrics = new EnumMap<>(VitalMetric.class);
    for (VitalMetric m : VitalMetric.values()) {
      String p = "metrics." + m.wireName() + ".";
      double pMin = r.decimal(p + "plausibleMin", 0, -1e6, 1e6);
      double pMax = r.decimal(p + "plausibleMax", 0, -1e6, 1e6);
      double nMin = r.decimal(p + "normalMin", 0, -1e6, 1e6);
      double nMax = r.decimal(p + "normalMax", 0, -1e6, 1e6);
      double jump = r.decimal(p + "maxJump", 0, 0, 1e6);
      double tol = r.decimal(p + "conflictTolerance", 0, 0, 1e6);
      int cadence = r.integer(p + "cadenceSeconds", 0, 0, 86_400);
      if (!(pMin < pMax)) {
        r.problem(
            "'"
                + p
                + "plausibleMin' ("
                + pMin
                + ") must be below '"
                + p
                + "plausibleMax' ("
                + pMax
                + ")");
      }
      if (!(pMin <= nMin && nMin < nMax && nMax <= pMax)) {
        r.problem(
            "'"
                + p
                + "normalMin' and 'normalMax' ("
                + nMin
                + ", "
                + nMax
                + ") must be ascending and within the plausible limits ("
                + pMin
                + ", "
                + pMax
                + ")");
      }
      if (jump <= 0) {
        r.problem("'" + p + "maxJump' must be greater than 0, got " + jump);
      }
      metrics.put(m, new MetricRules(pMin, pMax, nMin, nMax, jump, tol, cadence));
    }
    jumpWindowSeconds = r.integer("jump.windowSeconds", 300, 1, 86_400);
    jumpMaxReadings = r.integer("jump.maxReadings", 15, 1, 1000);
    jumpMinReadings = r.integer("jump.minReadings", 3, 1, 1000);
    if (jumpMinReadings > jumpMaxReadings) {
      r.problem(
          "'jump.minReadings' ("
              + jumpMinReadings
              + ") must not exceed 'jump.maxReadings' ("
              + jumpMaxReadings
              + ")");
    }
    flatLineMinReadings = r.integer("flatLine.minReadings", 10, 2, 100_000);
    flatLineMinSeconds = r.integer("flatLine.minSeconds", 120, 0, 86_400);
    flatLineMaxIntervalSeconds = r.integer("flatLine.maxIntervalSeconds", 120, 1, 86_400);
    flatLineTolerance = r.decimal("flatLine.tolerance", 0, 0, 1e6);
    cadenceIntervals = r.integer("cadence.intervals", 9, 1, 1000);
    cadenceMinIntervals = r.integer("cadence.minIntervals", 3, 1, 1000);
    if (cadenceMinIntervals > cadenceIntervals) {
      r.problem(
          "'cadence.minIntervals' ("
              + cadenceMinIntervals
              + ") must not exceed 'cadence.intervals' ("
              + cadenceIntervals
              + ")");
    }
    maxFillReadings = r.integer("gaps.maxFillReadings", 3, 0, 10_000);
    maxFillSeconds = r.integer("gaps.maxFillSeconds", 14_400, 0, 7 * 86_400);
    news2Thresholds = thresholds(r, root);
    news2SingleParameterAlert = r.bool("news2.singleParameterAlert", true);
    news2MaxAgeMinutes = r.integer("news2.maxAgeMinutes", 360, 1, 7 * 24 * 60);
    qualityWindowMinutes = r.integer("quality.windowMinutes", 60, 1, 7 * 24 * 60);
    stateTtlHours = r.integer("stateTtlHours", 24, 1, 24 * 365);
  }

  private static List<Integer> thresholds(JsonConfigReader r, JsonNode root) {
    JsonNode n = r.at("news2.thresholds");
    List<Integer> out = new ArrayList<>();
    if (n == null) {
      r.problem("'news2.thresholds' is required");
      return out;
    }
    if (!n.isArray()) {
      r.problem("'news2.thresholds' must be an array of whole numbers from 1 to 20, got " + n);
      return out;
    }
    for (JsonNode t : n) {
      if (!t.isIntegralNumber() || t.intValue() < 1 || t.intValue() > 20) {
        r.problem("'news2.thresholds' must hold whole numbers from 1 to 20, got " + t);
      } else if (!out.isEmpty() && t.intValue() <= out.get(out.size() - 1)) {
        r.problem("'news2.thresholds' must be strictly ascending, got " + n);
      } else {
        out.add(t.intValue());
      }
    }
    return List.copyOf(out);
  }

  /** The rules of one metric. */
  public MetricRules rules(VitalMetric metric) {
    return metrics.get(metric);
  }

  long ttlMillis() {
    return stateTtlHours * 3_600_000L;
  }

  /** The shipped rules, {@code rules/vitals.json}. */
  public static VitalsConfig defaults() {
    try {
      return parse("{}");
    } catch (InvalidVitalsConfigException e) {
      throw new IllegalStateException(
          "the shipped rules/vitals.json is invalid: " + e.getMessage(), e);
    }
  }

  /** The shipped file's text. */
  public static String defaultsJson() {
    return JsonConfigReader.shipped(VitalsConfig.class, RESOURCE);
  }

  /**
   * The shipped rules overridden by {@code json}: keys it names replace the shipped values, objects
   * merge key by key. Throws with every problem found.
   */
  public static VitalsConfig parse(String json) throws InvalidVitalsConfigException {
    JsonNode overrides;
    JsonNode base;
    try {
      overrides = MAPPER.readTree(json);
      base = MAPPER.readTree(defaultsJson());
    } catch (JsonProcessingException e) {
      throw new InvalidVitalsConfigException(List.of("not valid JSON: " + e.getOriginalMessage()));
    }
    if (overrides == null || !overrides.isObject()) {
      throw new InvalidVitalsConfigException(List.of("the vitals config must be a JSON object"));
    }
    JsonNode merged = JsonConfigReader.merge(base.deepCopy(), overrides);
    JsonConfigReader r = new JsonConfigReader(merged, known());
    VitalsConfig config = new VitalsConfig(r, merged);
    if (!r.problems().isEmpty()) {
      throw new InvalidVitalsConfigException(r.problems());
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
            "metrics",
            "jump",
            "flatLine",
            "cadence",
            "gaps",
            "news2",
            "quality",
            "stateTtlHours"));
    Set<String> metricNames = new java.util.HashSet<>();
    for (VitalMetric m : VitalMetric.values()) {
      metricNames.add(m.wireName());
      k.put(
          "metrics." + m.wireName(),
          Set.of(
              "plausibleMin",
              "plausibleMax",
              "normalMin",
              "normalMax",
              "maxJump",
              "conflictTolerance",
              "cadenceSeconds"));
    }
    k.put("metrics", metricNames);
    k.put("jump", Set.of("windowSeconds", "maxReadings", "minReadings"));
    k.put("flatLine", Set.of("minReadings", "minSeconds", "maxIntervalSeconds", "tolerance"));
    k.put("cadence", Set.of("intervals", "minIntervals"));
    k.put("gaps", Set.of("maxFillReadings", "maxFillSeconds"));
    k.put("news2", Set.of("thresholds", "singleParameterAlert", "maxAgeMinutes"));
    k.put("quality", Set.of("windowMinutes"));
    return k;
  }

  /** A configuration was rejected; lists every problem. */
  public static final class InvalidVitalsConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidVitalsConfigException(List<String> problems) {
      super("invalid vitals config: " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
