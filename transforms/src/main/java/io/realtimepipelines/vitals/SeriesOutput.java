package io.realtimepipelines.vitals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One output of the cleaning step: a cleaned value, a reading for review, or a gap. */
final class SeriesOutput {
  final @Nullable CleanedVital cleaned;
  final @Nullable ReviewedVital review;
  final @Nullable VitalGap gap;

  private SeriesOutput(
      @Nullable CleanedVital cleaned, @Nullable ReviewedVital review, @Nullable VitalGap gap) {
    this.cleaned = cleaned;
    this.review = review;
    this.gap = gap;
  }

  static SeriesOutput of(CleanedVital v) {
    return new SeriesOutput(v, null, null);
  }

  static SeriesOutput of(ReviewedVital v) {
    return new SeriesOutput(null, v, null);
  }

  static SeriesOutput of(VitalGap v) {
    return new SeriesOutput(null, null, v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesOutput
        && java.util.Objects.equals(cleaned, ((SeriesOutput) o).cleaned)
        && java.util.Objects.equals(review, ((SeriesOutput) o).review)
        && java.util.Objects.equals(gap, ((SeriesOutput) o).gap);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(cleaned, review, gap);
  }

  /** Tag byte, then the value with its schema coder. */
  static final class Coder extends CustomCoder<SeriesOutput> {
    private static final Coder INSTANCE = new Coder();
    private final transient org.apache.beam.sdk.coders.Coder<CleanedVital> cleanedCoder;
    private final transient org.apache.beam.sdk.coders.Coder<ReviewedVital> reviewCoder;
    private final transient org.apache.beam.sdk.coders.Coder<VitalGap> gapCoder;

    private Coder() {
      SchemaRegistry registry = SchemaRegistry.createDefault();
      try {
        cleanedCoder = registry.getSchemaCoder(CleanedVital.class);
        reviewCoder = registry.getSchemaCoder(ReviewedVital.class);
        gapCoder = registry.getSchemaCoder(VitalGap.class);
      } catch (NoSuchSchemaException e) {
        throw new IllegalStateException(e);
      }
    }

    static Coder of() {
      return INSTANCE;
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public void encode(SeriesOutput o, OutputStream out) throws IOException {
      if (o.cleaned != null) {
        out.write(0);
        cleanedCoder.encode(o.cleaned, out);
      } else if (o.review != null) {
        out.write(1);
        reviewCoder.encode(o.review, out);
      } else {
        out.write(2);
        gapCoder.encode(o.gap, out);
      }
    }

    @Override
    public SeriesOutput decode(InputStream in) throws IOException {
      int tag = in.read();
      switch (tag) {
        case 0:
          return SeriesOutput.of(cleanedCoder.decode(in));
        case 1:
          return SeriesOutput.of(reviewCoder.decode(in));
        case 2:
          return SeriesOutput.of(gapCoder.decode(in));
        default:
          throw new CoderException("unknown vitals output tag " + tag);
      }
    }

    @Override
    public void verifyDeterministic() {}
  }
}
