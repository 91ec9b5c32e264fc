package io.realtimepipelines.monitor;

import com.tdunning.math.stats.MergingDigest;
import io.realtimepipelines.model.CompactEncoding;
import io.realtimepipelines.model.MetricSample;
import io.realtimepipelines.model.VersionedCoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The mergeable summary of a window's samples: count, sum, min, max, the unit and a t-digest of the
 * values (percentiles). Two sketches merge into the sketch of all their samples.
 */
public final class SampleSketch {
  long count;
  double sum;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  @Nullable String unit;
  MergingDigest digest;

  SampleSketch(int compression) {
    digest = new MergingDigest(compression);
  }

  void add(MetricSample s) {
    count++;
    sum += s.getValue();
    min = Math.min(min, s.getValue());
    max = Math.max(max, s.getValue());
    digest.add(s.getValue());
    unit = firstUnit(unit, s.getUnit());
  }

  void merge(SampleSketch o) {
    count += o.count;
    sum += o.sum;
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
    digest.add(o.digest);
    unit = firstUnit(unit, o.unit);
  }

  static @Nullable String firstUnit(@Nullable String a, @Nullable String b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }

  public long count() {
    return count;
  }

  public double mean() {
    return sum / count;
  }

  public double quantile(double q) {
    return digest.quantile(q);
  }

  /** Aggregates a window's samples into a sketch. */
  public static final class Fn extends CombineFn<MetricSample, SampleSketch, SampleSketch> {
    private static final long serialVersionUID = 1L;
    private final int compression;

    public Fn(int compression) {
      this.compression = compression;
    }

    @Override
    public SampleSketch createAccumulator() {
      return new SampleSketch(compression);
    }

    @Override
    public SampleSketch addInput(SampleSketch acc, MetricSample input) {
      acc.add(input);
      return acc;
    }

    @Override
    public SampleSketch mergeAccumulators(Iterable<SampleSketch> accumulators) {
      SampleSketch out = createAccumulator();
      for (SampleSketch a : accumulators) {
        out.merge(a);
      }
      return out;
    }

    @Override
    public SampleSketch extractOutput(SampleSketch acc) {
      SampleSketch out = createAccumulator();
      out.merge(acc);
      return out;
    }

    @Override
    public Coder<SampleSketch> getAccumulatorCoder(
        CoderRegistry registry, Coder<MetricSample> inputCoder) {
      return new SketchCoder();
    }

    @Override
    public Coder<SampleSketch> getDefaultOutputCoder(
        CoderRegistry registry, Coder<MetricSample> inputCoder) {
      return new SketchCoder();
    }
  }

  /** Format 1: count, sum, min, max, unit (empty: none), compression, t-digest bytes. */
  public static final class SketchCoder extends VersionedCoder<SampleSketch> {
    private static final long serialVersionUID = 1L;

    public SketchCoder() {
      super("sample sketch", 1);
    }

    @Override
    protected void write(CompactEncoding.Writer w, SampleSketch s) {
      w.writeVarLong(s.count);
      w.writeDouble(s.sum);
      w.writeDouble(s.min);
      w.writeDouble(s.max);
      w.writeString(s.unit == null ? "" : s.unit);
      w.writeVarLong((long) s.digest.compression());
      // The verbose form: the small form stores centroid means as floats and loses precision.
      ByteBuffer buf = ByteBuffer.allocate(s.digest.byteSize());
      s.digest.asBytes(buf);
      w.writeBytes(buf.array());
    }

    @Override
    protected SampleSketch read(CompactEncoding.Reader r) throws IOException {
      SampleSketch s = new SampleSketch(20);
      s.count = r.readVarLong();
      s.sum = r.readDouble();
      s.min = r.readDouble();
      s.max = r.readDouble();
      String unit = r.readString();
      s.unit = unit.isEmpty() ? null : unit;
      r.readVarLong();
      s.digest = MergingDigest.fromBytes(ByteBuffer.wrap(r.readBytes()));
      return s;
    }
  }
}
