package io.realtimepipelines.fraud;

import java.util.Objects;

/** A rule that fired for a transaction, with the sentence that explains it with its numbers. */
public final class Finding {
  /** The rule's position in {@link RuleRegistry#ALL}. */
  private final int rule;

  private final String text;

  Finding(int rule, String text) {
    this.rule = rule;
    this.text = text;
  }

  /** A finding of the rule with id {@code ruleId} (see {@link RuleRegistry}). */
  public static Finding of(String ruleId, String text) {
    return new Finding(RuleRegistry.index(ruleId), text);
  }

  /** The rule's position in {@link RuleRegistry#ALL}: the order of reasons in a decision. */
  int rule() {
    return rule;
  }

  public String ruleId() {
    return RuleRegistry.ALL.get(rule).id();
  }

  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Finding && ((Finding) o).rule == rule && ((Finding) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, text);
  }

  @Override
  public String toString() {
    return ruleId() + ": " + text;
  }
}
