package io.realtimepipelines.fraud;

import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.TransactionCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * What flows between the scorer's keyed stages: a transaction with the findings gathered so far, or
 * a fraud report. Ordered by event time, reports before transactions at the same instant.
 */
final class StageEvent implements Comparable<StageEvent> {
  private final @Nullable Transaction txn;
  private final List<Finding> findings;
  private final @Nullable FraudFeedback feedback;
  private final Enrichment enrichment;

  private StageEvent(
      @Nullable Transaction txn,
      List<Finding> findings,
      @Nullable FraudFeedback feedback,
      Enrichment enrichment) {
    this.txn = txn;
    this.findings = findings;
    this.feedback = feedback;
    this.enrichment = enrichment;
  }

  static StageEvent of(Transaction txn) {
    return new StageEvent(txn, List.of(), null, Enrichment.NONE);
  }

  static StageEvent of(Transaction txn, Enrichment enrichment) {
    return new StageEvent(txn, List.of(), null, enrichment);
  }

  static StageEvent of(FraudFeedback feedback) {
    return new StageEvent(null, List.of(), feedback, Enrichment.NONE);
  }

  boolean isTransaction() {
    return txn != null;
  }

  Transaction txn() {
    return txn;
  }

  FraudFeedback feedback() {
    return feedback;
  }

  List<Finding> findings() {
    return findings;
  }

  /** What the lookups knew about the transaction; {@link Enrichment#NONE} for reports. */
  Enrichment enrichment() {
    return enrichment;
  }

  Instant timestamp() {
    return txn != null ? txn.getTimestamp() : feedback.getTimestamp();
  }

  /** This transaction with exactly {@code findings}. */
  StageEvent withFindings(List<Finding> findings) {
    return new StageEvent(txn, Collections.unmodifiableList(findings), null, enrichment);
  }

  /** This transaction with more findings. */
  StageEvent plus(List<Finding> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Finding> all = new ArrayList<>(findings.size() + more.size());
    all.addAll(findings);
    all.addAll(more);
    return new StageEvent(txn, Collections.unmodifiableList(all), null, enrichment);
  }

  @Override
  public int compareTo(StageEvent o) {
    int c = timestamp().compareTo(o.timestamp());
    if (c != 0) {
      return c;
    }
    if (isTransaction() != o.isTransaction()) {
      return isTransaction() ? 1 : -1;
    }
    return isTransaction()
        ? txn.getTxnId().compareTo(o.txn.getTxnId())
        : feedback.getTxnId().compareTo(o.feedback.getTxnId());
  }

  /**
   * Tag byte, then the transaction ({@link TransactionCoder}), its findings and enrichment, or the
   * report (schema coder). Transactions are tagged 3: tag 1 was the schema-coded form of earlier
   * versions, refused rather than misread.
   */
  static final class StageEventCoder extends CustomCoder<StageEvent> {
    private static final StageEventCoder INSTANCE = new StageEventCoder();
    private static final int TRANSACTION = 3;
    private static final int SCHEMA_CODED_TRANSACTION = 1;
    private static final int FEEDBACK = 2;
    private final transient Coder<FraudFeedback> feedbackCoder;

    private StageEventCoder() {
      SchemaRegistry registry = SchemaRegistry.createDefault();
      try {
        feedbackCoder = registry.getSchemaCoder(FraudFeedback.class);
      } catch (NoSuchSchemaException e) {
        throw new IllegalStateException(e);
      }
    }

    static StageEventCoder of() {
      return INSTANCE;
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public void encode(StageEvent value, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      if (value.txn != null) {
        data.writeByte(TRANSACTION);
        data.flush();
        TransactionCoder.of().encode(value.txn, out);
        data.writeInt(value.findings.size());
        for (Finding f : value.findings) {
          data.writeByte(f.rule());
          if (f.rule() == Finding.USER) {
            data.writeUTF(f.userRule());
          }
          data.writeUTF(f.text());
        }
        data.flush();
        Enrichment.EnrichmentCoder.of().encode(value.enrichment, out);
      } else {
        data.writeByte(FEEDBACK);
        data.flush();
        feedbackCoder.encode(value.feedback, out);
      }
      data.flush();
    }

    @Override
    public StageEvent decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      byte tag = data.readByte();
      if (tag == TRANSACTION) {
        Transaction t = TransactionCoder.of().decode(in);
        int n = data.readInt();
        List<Finding> findings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          int rule = data.readUnsignedByte();
          findings.add(
              rule == Finding.USER
                  ? Finding.user(data.readUTF(), data.readUTF())
                  : new Finding(rule, data.readUTF()));
        }
        Enrichment enrichment = Enrichment.EnrichmentCoder.of().decode(in);
        return new StageEvent(t, Collections.unmodifiableList(findings), null, enrichment);
      }
      if (tag == FEEDBACK) {
        return new StageEvent(null, List.of(), feedbackCoder.decode(in), Enrichment.NONE);
      }
      throw new CoderException(
          tag == SCHEMA_CODED_TRANSACTION
              ? "stage event written by an earlier version (schema-coded transaction)"
              : "unknown stage event tag " + tag);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
