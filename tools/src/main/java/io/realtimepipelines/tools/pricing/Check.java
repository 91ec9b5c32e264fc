package io.realtimepipelines.tools.pricing;

/**
 * What the price audit checks, in the order its report lists them. Each check but {@link
 * #UNREADABLE} is made by one {@link Guardrail}.
 */
public enum Check {
  UNREADABLE("line is a price update"),
  UNKNOWN_PRODUCT("product is in the catalogue"),
  BELOW_MIN_MARGIN("newPrice ≥ unitCost × (1 + minMargin)"),
  BELOW_FLOOR("newPrice ≥ floor"),
  ABOVE_CEILING("newPrice ≤ ceiling"),
  STEP_TOO_LARGE("\\|newPrice − oldPrice\\| ≤ oldPrice × maxStep"),
  WITHIN_COOLDOWN("time since the product's previous change ≥ cooldown"),
  NOT_CONTINUOUS("oldPrice = previous newPrice (basePrice for the first)"),
  CHANGE_UNDER_1_PCT("\\|newPrice − oldPrice\\| ≥ 1% of oldPrice");

  private final String rule;

  Check(String rule) {
    this.rule = rule;
  }

  /** The rule an update must satisfy, as markdown. */
  public String rule() {
    return rule;
  }
}
