package io.realtimepipelines.tools.pricing;

import io.realtimepipelines.tools.RejectedLines;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a price audit found: how many updates, how they spread over products and sizes of change,
 * and every violation; {@link #toMarkdown} writes it as the {@code audit-prices} report.
 */
public final class PriceAuditReport {
  private static final int TOP_PRODUCTS = 5;
  private static final int TOP_REASONS = 10;

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

  private final int files;
  private final int catalogSize;
  private final Map<Check, String> limits;
  private long updates;
  private Instant first;
  private Instant last;
  private final Map<String, Integer> perProduct = new TreeMap<>();
  private final Map<Bucket, Long> histogram = new EnumMap<>(Bucket.class);
  private final Map<Check, Long> byCheck = new EnumMap<>(Check.class);
  private final Map<String, Long> reasons = new HashMap<>();
  private final List<Violation> violations = new ArrayList<>();
  private final RejectedLines unreadable = new RejectedLines();

  /**
   * An empty report of an audit of {@code files} update files against a catalogue of {@code
   * catalogSize} products, with {@code limits} (each check's limit as the table shows it).
   */
  PriceAuditReport(int files, int catalogSize, Map<Check, String> limits) {
    this.files = files;
    this.catalogSize = catalogSize;
    this.limits = new EnumMap<>(limits);
  }

  /** Counts one update read: its time, its reasons and its size of change. */
  void addUpdate(PriceUpdate u) {
    updates++;
    if (first == null || u.timestamp().isBefore(first)) {
      first = u.timestamp();
    }
    if (last == null || u.timestamp().isAfter(last)) {
      last = u.timestamp();
    }
    for (String reason : u.reasons()) {
      reasons.merge(reason, 1L, Long::sum);
    }
  }

  /** Counts a line that is not a price update, which is a violation too. */
  void addUnreadable(String position, String why, String line) {
    unreadable.add(position, why, line);
    add(
        new Violation(
            Check.UNREADABLE,
            "",
            null,
            why + ": '" + RejectedLines.abbreviate(line) + "'",
            position));
  }

  /** Counts the change of an update checked. */
  void addChange(PriceUpdate u) {
    histogram.merge(Bucket.of(u.changePct()), 1L, Long::sum);
  }

  /** Sets how many updates {@code productId} had. */
  void setUpdates(String productId, int count) {
    perProduct.put(productId, count);
  }

  void add(Violation v) {
    violations.add(v);
    byCheck.merge(v.check(), 1L, Long::sum);
  }

  /** Orders the violations by check, product and time; equal ones keep the order found. */
  void sortViolations() {
    violations.sort(
        Comparator.comparing(Violation::check)
            .thenComparing(Violation::productId)
            .thenComparing(v -> v.timestamp() == null ? Instant.MIN : v.timestamp()));
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
    s.append("| most changed | ").append(top(perProduct, TOP_PRODUCTS)).append(" |\n");
    if (!reasons.isEmpty()) {
      s.append("| top reasons | ").append(top(reasons, TOP_REASONS)).append(" |\n");
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
          .append(limits.get(c))
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
          .append(unreadable.count() > 0 ? " and " + unreadable.count() + " unreadable lines" : "")
          .append(".\n\n");
      appendViolations(s, maxListed);
    }
    return s.toString();
  }

  private void appendViolations(StringBuilder s, int maxListed) {
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

  /** The {@code n} largest counts, largest first, ties by name: "sku-A 3, sku-B 1". */
  private static <N extends Number & Comparable<N>> String top(Map<String, N> counts, int n) {
    List<Map.Entry<String, N>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(
        Map.Entry.<String, N>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    StringBuilder s = new StringBuilder();
    String sep = "";
    for (Map.Entry<String, N> e : sorted.subList(0, Math.min(n, sorted.size()))) {
      s.append(sep).append(cell(e.getKey())).append(' ').append(e.getValue());
      sep = ", ";
    }
    return s.toString();
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
}
