package io.realtimepipelines.benchmarks.reference;

import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What flows between the reference job's steps: a valid transaction, the byte offset of its line in
 * the input file (so the first copy of a repeated id wins, as in the baseline) and the findings of
 * the stages it has passed. Immutable; serialized by {@link ScoredTransactionSerializer}.
 */
final class ScoredTransaction {
  /**
   * The order in which one key's transactions are applied: event time, then transaction id (as the
   * Beam job's stage events and the reference model order them).
   */
  static final Comparator<ScoredTransaction> EVENT_TIME_ORDER =
      Comparator.comparingLong((ScoredTransaction s) -> s.txn.getTimestamp().getMillis())
          .thenComparing(s -> s.txn.getTxnId());

  /** The transaction as decoded. */
  final Transaction txn;

  /** Byte offset of the transaction's line in the input file. */
  final long offset;

  /** Findings of the stages passed so far, in stage order. */
  final List<Finding> findings;

  ScoredTransaction(Transaction txn, long offset, List<Finding> findings) {
    this.txn = txn;
    this.offset = offset;
    this.findings = findings;
  }

  static ScoredTransaction of(Transaction txn, long offset) {
    return new ScoredTransaction(txn, offset, List.of());
  }

  /** This transaction with {@code more} findings after those it has. */
  ScoredTransaction plus(List<Finding> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Finding> all = new ArrayList<>(findings.size() + more.size());
    all.addAll(findings);
    all.addAll(more);
    return new ScoredTransaction(txn, offset, Collections.unmodifiableList(all));
  }
}
