package io.realtimepipelines.vitals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One output of the scoring step: a score or an alert. */
final class ScoreOutput {
  final @Nullable News2Score score;
  final @Nullable VitalAlert alert;

  ScoreOutput(@Nullable News2Score score, @Nullable VitalAlert alert) {
    this.score = score;
    this.alert = alert;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreOutput
        && java.util.Objects.equals(score, ((ScoreOutput) o).score)
        && java.util.Objects.equals(alert, ((ScoreOutput) o).alert);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(score, alert);
  }

  /** Tag byte, then the value with its schema coder. */
  static final class Coder extends CustomCoder<ScoreOutput> {
    private static final Coder INSTANCE = new Coder();
    private final transient org.apache.beam.sdk.coders.Coder<News2Score> scoreCoder;
    private final transient org.apache.beam.sdk.coders.Coder<VitalAlert> alertCoder;

    private Coder() {
      SchemaRegistry registry = SchemaRegistry.createDefault();
      try {
        scoreCoder = registry.getSchemaCoder(News2Score.class);
        alertCoder = registry.getSchemaCoder(VitalAlert.class);
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
    public void encode(ScoreOutput o, OutputStream out) throws IOException {
      if (o.score != null) {
        out.write(0);
        scoreCoder.encode(o.score, out);
      } else {
        out.write(1);
        alertCoder.encode(o.alert, out);
      }
    }

    @Override
    public ScoreOutput decode(InputStream in) throws IOException {
      int tag = in.read();
      if (tag == 0) {
        return new ScoreOutput(scoreCoder.decode(in), null);
      }
      if (tag == 1) {
        return new ScoreOutput(null, alertCoder.decode(in));
      }
      throw new CoderException("unknown vitals score output tag " + tag);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
