package io.realtimepipelines.fraud;

/** What to do with a transaction. */
public enum Action {
  APPROVE,
  REVIEW,
  BLOCK
}
