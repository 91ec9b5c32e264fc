package io.realtimepipelines.tools.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.realtimepipelines.pipelines.pricing.CatalogFile;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import io.realtimepipelines.tools.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Audits the price updates of a pricing run against the catalogue's guardrails: how many updates,
 * how they spread over products and sizes, and every update that breaks a rule ({@link Check}),
 * with the product and the numbers. Rules are checked per product in event-time order (updates with
 * equal times in file order): new price at least unitCost × (1 + minMargin) (rounded to pennies
 * HALF_UP) and at least the floor, at most the ceiling; a step |new − old| at most old × maxStep
 * plus half a penny (a price capped at exactly maxStep and rounded to pennies may overshoot by that
 * much); no two changes closer than the cooldown; oldPrice equal to the previous update's newPrice,
 * or to the catalogue basePrice for the first; no change under 1%. A line that is not a price
 * update, and an update for a product outside the catalogue, are violations too: an update that
 * cannot be audited does not pass.
 *
 * <p>An update is one JSON object per line with at least {@code {"productId":"sku-85123A",
 * "oldPrice":2.55,"newPrice":2.68,"timestamp":"2010-12-01T09:00:00Z"}} and optionally {@code
 * "reasons":["low stock"]}; other fields are ignored.
 *
 * <pre>
 * rtp audit-prices --updates=output/pricing/updates/ --catalog=output/retail/catalog.jsonl
 * </pre>
 */
public final class PriceAudit {
  /** Subcommand name. */
  public static final String COMMAND = "audit-prices";

  /** Exit code when every update passes. */
  public static final int CLEAN = 0;

  /** Exit code when at least one update breaks a guardrail (the tools' {@link Tools#FAILED}). */
  public static final int VIOLATIONS = Tools.FAILED;

  private static final String DEFAULT_COOLDOWN_MINUTES = "5";
  private static final String DEFAULT_PCT = "10";
  public static final Duration DEFAULT_COOLDOWN =
      Duration.ofMinutes(Long.parseLong(DEFAULT_COOLDOWN_MINUTES));
  public static final BigDecimal DEFAULT_MAX_STEP_PCT = new BigDecimal(DEFAULT_PCT);
  public static final BigDecimal DEFAULT_MIN_MARGIN_PCT = new BigDecimal(DEFAULT_PCT);

  /** Changes smaller than this (in percent of the old price) are noise. */
  public static final BigDecimal MIN_CHANGE_PCT = BigDecimal.ONE;

  /** Allowed overshoot of the step limit, for rounding to pennies: half a penny. */
  public static final BigDecimal STEP_TOLERANCE = new BigDecimal("0.005");

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final ObjectReader JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .reader();
  private static final int TOP_PRODUCTS = 5;
  private static final int TOP_REASONS = 10;

  /** A guardrail; every update is checked against each. */
  public enum Check {
    UNREADABLE("line is a price update", "productId, oldPrice > 0, newPrice, timestamp"),
    UNKNOWN_PRODUCT("product is in the catalogue", "catalog"),
    BELOW_MIN_MARGIN("newPrice ≥ unitCost × (1 + minMargin)", "minMarginPct"),
    BELOW_FLOOR("newPrice ≥ floor", "catalog"),
    ABOVE_CEILING("newPrice ≤ ceiling", "catalog"),
    STEP_TOO_LARGE("\\|newPrice − oldPrice\\| ≤ oldPrice × maxStep", "maxStepPct"),
    WITHIN_COOLDOWN("time since the product's previous change ≥ cooldown", "cooldownMinutes"),
    NOT_CONTINUOUS("oldPrice = previous newPrice (basePrice for the first)", "catalog"),
    CHANGE_UNDER_1_PCT("\\|newPrice − oldPrice\\| ≥ 1% of oldPrice", "1%");

    private final String rule;
    private final String source;

    Check(String rule, String source) {
      this.rule = rule;
      this.source = source;
    }

    /** The rule an update must satisfy, as markdown. */
    public String rule() {
      return rule;
    }
  }

  /** Relative change buckets of the histogram, in percent of the old price. */
  public enum Bucket {
    BELOW_MINUS_10("< −10%"),
    MINUS_10_TO_5("−10% .. −5%"),
    MINUS_5_TO_1("−5% .. −1%"),
    UNDER_1("−1% .. +1% (exclusive)"),
    PLUS_1_TO_5("+1% .. +5%"),
    PLUS_5_TO_10("+5% .. +10%"),
    ABOVE_PLUS_10("> +10%");

    private final String label;

    Bucket(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The bucket of a change of {@code pct} percent; boundaries belong to the inner bucket. */
    static Bucket of(BigDecimal pct) {
      if (pct.compareTo(BigDecimal.valueOf(-10)) < 0) {
        return BELOW_MINUS_10;
      }
      if (pct.compareTo(BigDecimal.valueOf(-5)) < 0) {
        return MINUS_10_TO_5;
      }
      if (pct.compareTo(BigDecimal.valueOf(-1)) <= 0) {
        return MINUS_5_TO_1;
      }
      if (pct.compareTo(BigDecimal.ONE) < 0) {
        return UNDER_1;
      }
      if (pct.compareTo(BigDecimal.valueOf(5)) <= 0) {
        return PLUS_1_TO_5;
      }
      if (pct.compareTo(BigDecimal.TEN) <= 0) {
        return PLUS_5_TO_10;
      }
      return ABOVE_PLUS_10;
    }
  }

  /**
   * One price update read from a file.
   *
   * @param position "file:line"
   */
  public record PriceUpdate(
      String productId,
      BigDecimal oldPrice,
      BigDecimal newPrice,
      Instant timestamp,
      List<String> reasons,
      String position) {

    /** (new − old) / old in percent, 2 decimals. */
    BigDecimal changePct() {
      return newPrice
          .subtract(oldPrice)
          .multiply(HUNDRED)
          .divide(oldPrice, MathContext.DECIMAL64)
          .setScale(2, RoundingMode.HALF_UP);
    }
  }

  /**
   * One broken guardrail.
   *
   * @param productId the product, or "" for an unreadable line
   * @param timestamp the update's event time, or null for an unreadable line
   * @param numbers the values compared, e.g. "newPrice 1.50 < floor 1.68"
   * @param position "file:line"
   */
  public record Violation(
      Check check, String productId, Instant timestamp, String numbers, String position) {}

  private final Duration cooldown;
  private final BigDecimal maxStepPct;
  private final BigDecimal minMarginPct;

  private PriceAudit(Duration cooldown, BigDecimal maxStepPct, BigDecimal minMarginPct) {
    this.cooldown = cooldown;
    this.maxStepPct = maxStepPct;
    this.minMarginPct = minMarginPct;
  }

  /** Cooldown 5 minutes, steps up to 10%, margin at least 10% over cost. */
  public static PriceAudit create() {
    return new PriceAudit(DEFAULT_COOLDOWN, DEFAULT_MAX_STEP_PCT, DEFAULT_MIN_MARGIN_PCT);
  }

  /** Two changes of one product closer than {@code cooldown} (0 or more) are a violation. */
  public PriceAudit withCooldown(Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException("cooldown must be 0 or more, got " + value);
    }
    return new PriceAudit(value, maxStepPct, minMarginPct);
  }

  /** A step larger than {@code pct} percent (0 to 1000) of the old price is a violation. */
  public PriceAudit withMaxStepPct(BigDecimal pct) {
    if (pct == null || pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(1000)) > 0) {
      throw new IllegalArgumentException("maxStepPct must be from 0 to 1000, got " + pct);
    }
    return new PriceAudit(cooldown, pct, minMarginPct);
  }

  /** A new price below unitCost × (1 + {@code pct}/100) (pct 0 to 1000) is a violation. */
  public PriceAudit withMinMarginPct(BigDecimal pct) {
    if (pct == null || pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(1000)) > 0) {
      throw new IllegalArgumentException("minMarginPct must be from 0 to 1000, got " + pct);
    }
    return new PriceAudit(cooldown, maxStepPct, pct);
  }

  /**
   * Reads a catalogue written by {@code convert-retail}.
   *
   * @throws IllegalArgumentException naming the line that is not a catalogue entry, or a repeated
   *     productId
   */
  public static Map<String, CatalogEntry> readCatalog(Path file) throws IOException {
    Map<String, CatalogEntry> catalog = new HashMap<>();
    String name = file.getFileName().toString();
    try (BufferedReader reader = ToolInput.open(file)) {
      long lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        CatalogEntry entry;
        try {
          entry = CatalogFile.fromJson(JSON.readTree(line));
        } catch (JsonProcessingException | IllegalArgumentException e) {
          String why = e instanceof JsonProcessingException ? "not JSON" : e.getMessage();
          throw new IllegalArgumentException(
              "--catalog "
                  + name
                  + ":"
                  + lineNumber
                  + " is not a catalogue entry ("
                  + why
                  + "): '"
                  + RejectedLines.abbreviate(line)
                  + "'");
        }
        if (catalog.put(entry.getProductId(), entry) != null) {
          throw new IllegalArgumentException(
              "--catalog "
                  + name
                  + ":"
                  + lineNumber
                  + " repeats productId "
                  + entry.getProductId());
        }
      }
    }
    if (catalog.isEmpty()) {
      throw new IllegalArgumentException("--catalog " + file + " has no entries");
    }
    return catalog;
  }

  /** Reads every update of {@code files} (in this order) and checks them all. */
  public Report audit(List<InputFile> files, Map<String, CatalogEntry> catalog) throws IOException {
    Report report = new Report(files.size(), catalog.size());
    Map<String, List<PriceUpdate>> byProduct = new TreeMap<>();
    for (InputFile file : files) {
      read(file, byProduct, report);
    }
    BigDecimal marginFactor = BigDecimal.ONE.add(minMarginPct.movePointLeft(2));
    BigDecimal stepFraction = maxStepPct.movePointLeft(2);
    for (Map.Entry<String, List<PriceUpdate>> e : byProduct.entrySet()) {
      List<PriceUpdate> updates = e.getValue();
      updates.sort(Comparator.comparing(PriceUpdate::timestamp)); // stable: file order on ties
      report.perProduct.put(e.getKey(), updates.size());
      CatalogEntry entry = catalog.get(e.getKey());
      PriceUpdate previous = null;
      for (PriceUpdate u : updates) {
        check(u, previous, entry, marginFactor, stepFraction, report);
        previous = u;
      }
    }
    report.violations.sort(
        Comparator.comparing(Violation::check)
            .thenComparing(Violation::productId)
            .thenComparing(v -> v.timestamp() == null ? Instant.MIN : v.timestamp()));
    return report;
  }

  private void check(
      PriceUpdate u,
      PriceUpdate previous,
      CatalogEntry entry,
      BigDecimal marginFactor,
      BigDecimal stepFraction,
      Report report) {
    BigDecimal newPrice = u.newPrice();
    BigDecimal oldPrice = u.oldPrice();
    BigDecimal pct = u.changePct();
    report.histogram.merge(Bucket.of(pct), 1L, Long::sum);
    if (entry == null) {
      report.add(u, Check.UNKNOWN_PRODUCT, "not in the catalogue");
    } else {
      BigDecimal minPrice =
          entry.getUnitCost().multiply(marginFactor).setScale(2, RoundingMode.HALF_UP);
      if (newPrice.compareTo(minPrice) < 0) {
        report.add(
            u,
            Check.BELOW_MIN_MARGIN,
            "newPrice "
                + price(newPrice)
                + " < unitCost "
                + price(entry.getUnitCost())
                + " × "
                + plain(marginFactor)
                + " = "
                + price(minPrice));
      }
      if (entry.getFloor() != null && newPrice.compareTo(entry.getFloor()) < 0) {
        report.add(
            u,
            Check.BELOW_FLOOR,
            "newPrice " + price(newPrice) + " < floor " + price(entry.getFloor()));
      }
      if (entry.getCeiling() != null && newPrice.compareTo(entry.getCeiling()) > 0) {
        report.add(
            u,
            Check.ABOVE_CEILING,
            "newPrice " + price(newPrice) + " > ceiling " + price(entry.getCeiling()));
      }
    }
    BigDecimal step = newPrice.subtract(oldPrice).abs();
    if (step.compareTo(oldPrice.multiply(stepFraction).add(STEP_TOLERANCE)) > 0) {
      report.add(
          u,
          Check.STEP_TOO_LARGE,
          price(oldPrice)
              + " → "
              + price(newPrice)
              + " is "
              + signed(pct)
              + "%, more than "
              + plain(maxStepPct)
              + "%");
    }
    if (previous != null) {
      Duration gap = Duration.between(previous.timestamp(), u.timestamp());
      if (gap.compareTo(cooldown) < 0) {
        report.add(
            u,
            Check.WITHIN_COOLDOWN,
            gap.getSeconds()
                + " s after the change at "
                + previous.timestamp()
                + " ("
                + previous.position()
                + "), cooldown "
                + cooldown.toMinutes()
                + " min");
      }
    }
    BigDecimal expected =
        previous != null ? previous.newPrice() : entry != null ? entry.getBasePrice() : null;
    if (expected != null && oldPrice.compareTo(expected) != 0) {
      report.add(
          u,
          Check.NOT_CONTINUOUS,
          "oldPrice "
              + price(oldPrice)
              + " ≠ "
              + (previous != null ? "previous newPrice " : "basePrice ")
              + price(expected));
    }
    if (step.multiply(HUNDRED).compareTo(oldPrice.multiply(MIN_CHANGE_PCT)) < 0) {
      report.add(
          u,
          Check.CHANGE_UNDER_1_PCT,
          price(oldPrice) + " → " + price(newPrice) + " is " + signed(pct) + "%");
    }
  }

  private static void read(InputFile file, Map<String, List<PriceUpdate>> byProduct, Report report)
      throws IOException {
    String name = file.name();
    try (BufferedReader reader = file.open()) {
      long lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String position = name + ":" + lineNumber;
        if (line.isBlank()) {
          continue;
        }
        PriceUpdate update;
        try {
          update = parse(line, position);
        } catch (IllegalArgumentException e) {
          report.unreadable.add(position, e.getMessage(), line);
          report.violations.add(
              new Violation(
                  Check.UNREADABLE,
                  "",
                  null,
                  e.getMessage() + ": '" + RejectedLines.abbreviate(line) + "'",
                  position));
          report.byCheck.merge(Check.UNREADABLE, 1L, Long::sum);
          continue;
        }
        report.updates++;
        if (report.first == null || update.timestamp().isBefore(report.first)) {
          report.first = update.timestamp();
        }
        if (report.last == null || update.timestamp().isAfter(report.last)) {
          report.last = update.timestamp();
        }
        for (String reason : update.reasons()) {
          report.reasons.merge(reason, 1L, Long::sum);
        }
        byProduct.computeIfAbsent(update.productId(), p -> new ArrayList<>()).add(update);
      }
    }
  }

  /** One update line; the exception message says what is wrong with it. */
  static PriceUpdate parse(String line, String position) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode id = node.get("productId");
    if (id == null || !id.isTextual() || id.textValue().isBlank()) {
      throw new IllegalArgumentException("productId missing or not a string");
    }
    BigDecimal oldPrice = CatalogFile.positive(node, "oldPrice");
    JsonNode newNode = node.get("newPrice");
    if (newNode == null || !newNode.isNumber()) {
      throw new IllegalArgumentException("newPrice missing or not a number");
    }
    JsonNode ts = node.get("timestamp");
    Instant timestamp;
    if (ts != null && ts.isTextual()) {
      try {
        timestamp =
            OffsetDateTime.parse(ts.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("timestamp is not ISO-8601 with an offset");
      }
    } else if (ts != null && ts.isIntegralNumber() && ts.canConvertToLong()) {
      timestamp = Instant.ofEpochMilli(ts.longValue());
    } else {
      throw new IllegalArgumentException("timestamp missing or not ISO-8601 or epoch millis");
    }
    List<String> reasons = new ArrayList<>();
    JsonNode list = node.get("reasons");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new IllegalArgumentException("reasons is not an array of strings");
      }
      for (JsonNode r : list) {
        if (!r.isTextual()) {
          throw new IllegalArgumentException("reasons is not an array of strings");
        }
        reasons.add(r.textValue());
      }
    }
    return new PriceUpdate(
        id.textValue(),
        oldPrice,
        newNode.decimalValue(),
        timestamp,
        List.copyOf(reasons),
        position);
  }

  static String plain(BigDecimal value) {
    return value.stripTrailingZeros().scale() < 0
        ? value.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
        : value.stripTrailingZeros().toPlainString();
  }

  static String price(BigDecimal value) {
    return value.toPlainString();
  }

  static String signed(BigDecimal pct) {
    return (pct.signum() > 0 ? "+" : "") + pct.toPlainString();
  }

  /** What an audit found. */
  public final class Report {
    private final int files;
    private final int catalogSize;
    private long updates;
    private Instant first;
    private Instant last;
    private final Map<String, Integer> perProduct = new TreeMap<>();
    private final Map<Bucket, Long> histogram = new EnumMap<>(Bucket.class);
    private final Map<Check, Long> byCheck = new EnumMap<>(Check.class);
    private final Map<String, Long> reasons = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final RejectedLines unreadable = new RejectedLines();

    private Report(int files, int catalogSize) {
      this.files = files;
      this.catalogSize = catalogSize;
    }

    private void add(PriceUpdate u, Check check, String numbers) {
      violations.add(new Violation(check, u.productId(), u.timestamp(), numbers, u.position()));
      byCheck.merge(check, 1L, Long::sum);
    }

    /** Price updates read (unreadable lines not counted). */
    public long updates() {
      return updates;
    }

    /** Products with at least one update. */
    public int productsChanged() {
      return perProduct.size();
    }

    /** Updates per product, by productId. */
    public Map<String, Integer> updatesPerProduct() {
      return Collections.unmodifiableMap(perProduct);
    }

    /** Updates in {@code bucket}. */
    public long inBucket(Bucket bucket) {
      return histogram.getOrDefault(bucket, 0L);
    }

    /** Violations of {@code check}. */
    public long violations(Check check) {
      return byCheck.getOrDefault(check, 0L);
    }

    /** Every violation, by check, product and time. */
    public List<Violation> violations() {
      return Collections.unmodifiableList(violations);
    }

    /** Lines that are not price updates. */
    public RejectedLines unreadable() {
      return unreadable;
    }

    /** True when no update breaks any guardrail. */
    public boolean clean() {
      return violations.isEmpty();
    }

    /**
     * The nearest-rank percentile {@code p} (0 &lt; p ≤ 100) of updates per changed product; 0 when
     * there are none.
     */
    public int updatesPerProductPercentile(int p) {
      List<Integer> counts = new ArrayList<>(perProduct.values());
      if (counts.isEmpty()) {
        return 0;
      }
      Collections.sort(counts);
      int rank = (int) Math.ceil(p / 100.0 * counts.size());
      return counts.get(Math.max(rank, 1) - 1);
    }

    /** The report as markdown; at most {@code maxListed} violations listed (0: all). */
    public String toMarkdown(int maxListed) {
      StringBuilder s = new StringBuilder();
      s.append("## Price audit\n\n");
      s.append("| measure | value |\n|---|---|\n");
      s.append("| price updates | ")
          .append(updates)
          .append(" (")
          .append(files)
          .append(files == 1 ? " file" : " files")
          .append(") |\n");
      if (first != null) {
        s.append("| event time | ").append(first).append(" .. ").append(last).append(" |\n");
      }
      s.append("| products changed | ")
          .append(productsChanged())
          .append(" of ")
          .append(catalogSize)
          .append(" in the catalogue |\n");
      s.append("| updates per product | min ")
          .append(updatesPerProductPercentile(0))
          .append(", median ")
          .append(updatesPerProductPercentile(50))
          .append(", p90 ")
          .append(updatesPerProductPercentile(90))
          .append(", max ")
          .append(updatesPerProductPercentile(100))
          .append(" |\n");
      List<Map.Entry<String, Integer>> top = new ArrayList<>(perProduct.entrySet());
      top.sort(
          Map.Entry.<String, Integer>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      s.append("| most changed | ");
      String sep = "";
      for (Map.Entry<String, Integer> e : top.subList(0, Math.min(TOP_PRODUCTS, top.size()))) {
        s.append(sep).append(cell(e.getKey())).append(' ').append(e.getValue());
        sep = ", ";
      }
      s.append(" |\n");
      if (!reasons.isEmpty()) {
        List<Map.Entry<String, Long>> r = new ArrayList<>(reasons.entrySet());
        r.sort(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        s.append("| top reasons | ");
        sep = "";
        for (Map.Entry<String, Long> e : r.subList(0, Math.min(TOP_REASONS, r.size()))) {
          s.append(sep).append(cell(e.getKey())).append(' ').append(e.getValue());
          sep = ", ";
        }
        s.append(" |\n");
      }
      s.append("\n| relative change | updates | share |\n|---|---:|---:|\n");
      for (Bucket b : Bucket.values()) {
        long n = inBucket(b);
        s.append("| ")
            .append(b.label())
            .append(" | ")
            .append(n)
            .append(" | ")
            .append(share(n, updates))
            .append(" |\n");
      }
      s.append("\n| guardrail | limit | violations |\n|---|---|---:|\n");
      for (Check c : Check.values()) {
        s.append("| ")
            .append(c.rule())
            .append(" | ")
            .append(limit(c))
            .append(" | ")
            .append(violations(c))
            .append(" |\n");
      }
      s.append('\n');
      if (clean()) {
        s.append("**PASS**: no violations over ").append(updates).append(" updates.\n");
      } else {
        s.append("**FAIL**: ")
            .append(violations.size())
            .append(" violations over ")
            .append(updates)
            .append(" updates")
            .append(
                unreadable.count() > 0 ? " and " + unreadable.count() + " unreadable lines" : "")
            .append(".\n\n");
        s.append("| guardrail | product | event time | numbers | at |\n|---|---|---|---|---|\n");
        int listed = 0;
        for (Violation v : violations) {
          if (maxListed > 0 && listed == maxListed) {
            s.append("\n… and ")
                .append(violations.size() - listed)
                .append(" more (raise --maxListed).\n");
            break;
          }
          s.append("| ")
              .append(v.check().name())
              .append(" | ")
              .append(cell(v.productId()))
              .append(" | ")
              .append(v.timestamp() == null ? "" : v.timestamp().toString())
              .append(" | ")
              .append(cell(v.numbers()))
              .append(" | ")
              .append(cell(v.position()))
              .append(" |\n");
          listed++;
        }
      }
      return s.toString();
    }

    private String limit(Check c) {
      switch (c) {
        case BELOW_MIN_MARGIN:
          return "minMarginPct=" + plain(minMarginPct);
        case STEP_TOO_LARGE:
          return "maxStepPct=" + plain(maxStepPct) + " (+0.005 for rounding)";
        case WITHIN_COOLDOWN:
          return "cooldownMinutes=" + cooldown.toMinutes();
        default:
          return c.source;
      }
    }
  }

  private static String share(long n, long total) {
    if (total == 0) {
      return "n/a";
    }
    return BigDecimal.valueOf(n * 100)
            .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP)
            .toPlainString()
        + "%";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * {@code rtp audit-prices}: prints the markdown report. Exit code 0 when no update breaks a
   * guardrail, 1 when one does or reading failed, 2 when the command line or the catalogue is
   * wrong.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code audit-prices}. */
  @Command(
      name = COMMAND,
      description = "audit price updates against the catalogue guardrails; distribution of changes",
      footer = {
        "",
        "Prints a markdown report: updates, products changed, updates per product, relative-change"
            + " histogram, every violation.",
        "Also violations: new price below floor or above ceiling, oldPrice not the previous"
            + " newPrice (basePrice for the first update), a change under 1%%, an unknown product,"
            + " a line that is not an update.",
        "Exit codes: 0 no violations, 1 violations or reading failed, 2 wrong command line or"
            + " catalogue."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--updates",
        required = true,
        paramLabel = "<path>",
        description =
            "price updates as JSON Lines (plain or .gz): a file, a folder (its *.jsonl"
                + " and *.jsonl.gz files) or a glob such as 'output/pricing/updates/part-*'; one object"
                + " per line: {\"productId\",\"oldPrice\",\"newPrice\",\"timestamp\":<ISO-8601>,"
                + "\"reasons\":[...] (optional)}")
    String updates;

    @Option(
        names = "--catalog",
        required = true,
        paramLabel = "<path>",
        description = "the catalogue written by convert-retail")
    Path catalog;

    @Option(
        names = "--cooldownMinutes",
        paramLabel = "<min>",
        defaultValue = DEFAULT_COOLDOWN_MINUTES,
        description =
            "two changes of a product closer than this are a violation (0 to 10080;"
                + " default ${DEFAULT-VALUE})")
    long cooldownMinutes;

    @Option(
        names = "--maxStepPct",
        paramLabel = "<pct>",
        defaultValue = DEFAULT_PCT,
        description =
            "a step larger than this percent of the old price (plus half a penny) is a"
                + " violation (0 to 1000; default ${DEFAULT-VALUE})")
    BigDecimal maxStepPct;

    @Option(
        names = "--minMarginPct",
        paramLabel = "<pct>",
        defaultValue = DEFAULT_PCT,
        description =
            "a new price below unitCost x (1 + pct/100) is a violation (0 to 1000;"
                + " default ${DEFAULT-VALUE})")
    BigDecimal minMarginPct;

    @Option(
        names = "--maxListed",
        paramLabel = "<N>",
        defaultValue = "0",
        description = "list at most N violations (default 0: all)")
    int maxListed;

    @Override
    protected int execute() throws IOException {
      existingFile("catalog", catalog);
      BigDecimal maxPct = BigDecimal.valueOf(1000);
      PriceAudit audit =
          create()
              .withCooldown(
                  Duration.ofMinutes(inRange("cooldownMinutes", cooldownMinutes, 0, 10_080)))
              .withMaxStepPct(inRange("maxStepPct", maxStepPct, BigDecimal.ZERO, maxPct))
              .withMinMarginPct(inRange("minMarginPct", minMarginPct, BigDecimal.ZERO, maxPct));
      inRange("maxListed", maxListed, 0, Integer.MAX_VALUE);
      List<InputFile> files = ToolInput.match("updates", updates);
      Report report = audit.audit(files, readCatalog(catalog));
      out.print(report.toMarkdown(maxListed));
      if (report.updates() == 0) {
        err.println("warning: no price updates in " + files);
      }
      return report.clean() ? CLEAN : VIOLATIONS;
    }
  }
}
