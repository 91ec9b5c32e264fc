package io.realtimepipelines.fraud;

import java.util.Objects;

/** A rule that fired for a transaction, with the sentence that explains it with its numbers. */
public final class Finding {
  private final RuleId rule;
  private final String text;

  public Finding(RuleId rule, String text) {
    this.rule = rule;
    this.text = text;
  }

  public RuleId rule() {
    return rule;
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
    return rule.id() + ": " + text;
  }
}
