package io.realtimepipelines.vitals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/** What one output of the cleaning step adds to a quality window; summed per window. */
public final class QualityCounts {
  long accepted;
  long flagged;
  long imputed;
  long gaps;
  long gapMillis;
  long missingReadings;

  QualityCounts() {}

  static QualityCounts of(CleanedVital v) {
    QualityCounts c = new QualityCounts();
    if (v.getImputed()) {
      c.imputed = 1;
    } else {
      c.accepted = 1;
    }
    return c;
  }

  static QualityCounts of(ReviewedVital v) {
    QualityCounts c = new QualityCounts();
    c.flagged = 1;
    return c;
  }

  static QualityCounts of(VitalGap g) {
    QualityCounts c = new QualityCounts();
    c.gaps = 1;
    c.gapMillis = g.getEnd().getMillis() - g.getStart().getMillis();
    c.missingReadings = g.getMissingReadings();
    return c;
  }

  void add(QualityCounts o) {
    accepted += o.accepted;
    flagged += o.flagged;
    imputed += o.imputed;
    gaps += o.gaps;
    gapMillis += o.gapMillis;
    missingReadings += o.missingReadings;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof QualityCounts)) {
      return false;
    }
    QualityCounts q = (QualityCounts) o;
    return accepted == q.accepted
        && flagged == q.flagged
        && imputed == q.imputed
        && gaps == q.gaps
        && gapMillis == q.gapMillis
        && missingReadings == q.missingReadings;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(accepted, flagged, imputed, gaps, gapMillis, missingReadings);
  }

  /** Six longs. */
  public static final class CountsCoder extends AtomicCoder<QualityCounts> {
    static final CountsCoder INSTANCE = new CountsCoder();

    public static CountsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(QualityCounts c, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeLong(c.accepted);
      d.writeLong(c.flagged);
      d.writeLong(c.imputed);
      d.writeLong(c.gaps);
      d.writeLong(c.gapMillis);
      d.writeLong(c.missingReadings);
    }

    @Override
    public QualityCounts decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      QualityCounts c = new QualityCounts();
      c.accepted = d.readLong();
      c.flagged = d.readLong();
      c.imputed = d.readLong();
      c.gaps = d.readLong();
      c.gapMillis = d.readLong();
      c.missingReadings = d.readLong();
      return c;
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Sums counts. */
  static final class Sum extends CombineFn<QualityCounts, QualityCounts, QualityCounts> {
    @Override
    public QualityCounts createAccumulator() {
      return new QualityCounts();
    }

    @Override
    public QualityCounts addInput(QualityCounts acc, QualityCounts input) {
      acc.add(input);
      return acc;
    }

    @Override
    public QualityCounts mergeAccumulators(Iterable<QualityCounts> accs) {
      QualityCounts out = new QualityCounts();
      accs.forEach(out::add);
      return out;
    }

    @Override
    public QualityCounts extractOutput(QualityCounts acc) {
      QualityCounts out = new QualityCounts();
      out.add(acc);
      return out;
    }

    @Override
    public Coder<QualityCounts> getAccumulatorCoder(
        CoderRegistry registry, Coder<QualityCounts> in) {
      return CountsCoder.INSTANCE;
    }

    @Override
    public Coder<QualityCounts> getDefaultOutputCoder(
        CoderRegistry registry, Coder<QualityCounts> in) {
      return CountsCoder.INSTANCE;
    }
  }
}
