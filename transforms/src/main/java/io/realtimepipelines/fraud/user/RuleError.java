package io.realtimepipelines.fraud.user;

/**
 * A user rule could not be evaluated on a transaction: it reads a field the record lacks, or a
 * value of another type than declared, or its expression failed. The rule does not fire on that
 * transaction; every other rule still decides it (docs/fraud-rule-language.md).
 */
public final class RuleError extends Exception {
  private static final long serialVersionUID = 1L;

  public RuleError(String message) {
    super(message, null, false, false);
  }
}
