package io.realtimepipelines.tools.pricing;

import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.tools.ToolInput.InputFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Audits the price updates of a pricing run against the catalogue's guardrails: how many updates,
 * how they spread over products and sizes, and every update that breaks a rule ({@link Check}),
 * with the product and the numbers. Rules are checked per product in event-time order (updates with
 * equal times in file order), each by one {@link Guardrail} of {@link #guardrails()}: new price at
 * least unitCost × (1 + minMargin) (rounded to pennies HALF_UP) and at least the floor, at most the
 * ceiling; a step |new − old| at most old × maxStep plus half a penny (a price capped at exactly
 * maxStep and rounded to pennies may overshoot by that much); no two changes closer than the
 * cooldown; oldPrice equal to the previous update's newPrice, or to the catalogue basePrice for the
 * first; no change under 1%. A line that is not a price update ({@link PriceUpdates}), and an
 * update for a product outside the catalogue, are violations too: an update that cannot be audited
 * does not pass. {@link PriceAuditCli} is its command line, {@link PriceAuditReport} its report.
 *
 * <pre>
 * rtp audit-prices --updates=output/pricing/updates/ --catalog=output/retail/catalog.jsonl
 * </pre>
 */
public final class PriceAudit {
  static final String DEFAULT_COOLDOWN_MINUTES = "5";
  static final String DEFAULT_PCT = "10";
  public static final Duration DEFAULT_COOLDOWN =
      Duration.ofMinutes(Long.parseLong(DEFAULT_COOLDOWN_MINUTES));
  public static final BigDecimal DEFAULT_MAX_STEP_PCT = new BigDecimal(DEFAULT_PCT);
  public static final BigDecimal DEFAULT_MIN_MARGIN_PCT = new BigDecimal(DEFAULT_PCT);

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
   * Every guardrail, in the order each update is checked; a new guardrail is added here (and its
   * checks to {@link Check}).
   */
  List<Guardrail> guardrails() {
    return List.of(
        new CatalogueGuardrails(minMarginPct),
        new StepGuardrail(maxStepPct),
        new CooldownGuardrail(cooldown),
        new ContinuityGuardrail(),
        new MinimumChangeGuardrail());
  }

  /** Reads every update of {@code files} (in this order) and checks them all. */
  public PriceAuditReport audit(List<InputFile> files, Map<String, CatalogEntry> catalog)
      throws IOException {
    List<Guardrail> guardrails = guardrails();
    Map<Check, String> limits = new EnumMap<>(Check.class);
    limits.put(Check.UNREADABLE, PriceUpdates.REQUIRED);
    for (Guardrail g : guardrails) {
      limits.putAll(g.limits());
    }
    PriceAuditReport report = new PriceAuditReport(files.size(), catalog.size(), limits);
    Map<String, List<PriceUpdate>> byProduct = new TreeMap<>();
    PriceUpdates.Sink sink =
        new PriceUpdates.Sink() {
          @Override
          public void update(PriceUpdate update) {
            report.addUpdate(update);
            byProduct.computeIfAbsent(update.productId(), p -> new ArrayList<>()).add(update);
          }

          @Override
          public void unreadable(String position, String why, String line) {
            report.addUnreadable(position, why, line);
          }
        };
    for (InputFile file : files) {
      PriceUpdates.read(file, sink);
    }
    List<Violation> found = new ArrayList<>();
    for (Map.Entry<String, List<PriceUpdate>> e : byProduct.entrySet()) {
      List<PriceUpdate> updates = e.getValue();
      updates.sort(Comparator.comparing(PriceUpdate::timestamp)); // stable: file order on ties
      report.setUpdates(e.getKey(), updates.size());
      CatalogEntry entry = catalog.get(e.getKey());
      PriceUpdate previous = null;
      for (PriceUpdate u : updates) {
        report.addChange(u);
        for (Guardrail g : guardrails) {
          g.check(u, previous, entry, found);
        }
        previous = u;
      }
    }
    found.forEach(report::add);
    report.sortViolations();
    return report;
  }
}
