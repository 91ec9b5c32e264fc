package io.realtimepipelines.fraud;

/**
 * Where a rule runs: in one of the scorer's keyed stages, with a memory per key, or in the last,
 * stateless step. Transactions without an IP skip the IP stage.
 */
public enum RuleStage {
  /** Keyed by the transaction's IP. */
  IP,
  /** Keyed by the account (a rule keeps its per-card memory inside its account memory). */
  ACCOUNT,
  /** Keyed by the merchant. */
  MERCHANT,
  /** The last step: no memory, sees the lookups' {@link Enrichment}. */
  DECIDE
}
