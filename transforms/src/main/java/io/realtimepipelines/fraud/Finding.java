package io.realtimepipelines.fraud;

import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A rule that fired for a transaction, with the sentence that explains it with its numbers. */
public final class Finding {
  /** The rule's position in {@link RuleRegistry#ALL}. */
  private final int rule;

  private final String text;

  /** The id of the user rule that fired ({@link #rule} is then {@link #USER}), else null. */
  private final @Nullable String userRule;

  /** {@link #rule} of a user rule's finding: after every built-in rule. */
  static final int USER = 255;

  Finding(int rule, String text) {
    this(rule, text, null);
  }

  private Finding(int rule, String text, @Nullable String userRule) {
    this.rule = rule;
    this.text = text;
    this.userRule = userRule;
  }

  /** A finding of the user rule {@code id} (docs/fraud-rule-language.md). */
  public static Finding user(String id, String text) {
    return new Finding(USER, text, id);
  }

  /** The user rule's id, or null for a built-in rule's finding. */
  @Nullable String userRule() {
    return userRule;
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
    return userRule != null ? userRule : RuleRegistry.ALL.get(rule).id();
  }

  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Finding
        && ((Finding) o).rule == rule
        && ((Finding) o).text.equals(text)
        && Objects.equals(((Finding) o).userRule, userRule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, text, userRule);
  }

  @Override
  public String toString() {
    return ruleId() + ": " + text;
  }
}
