package io.realtimepipelines.model;

import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.testing.Testdata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.SchemaRegistry;

/**
 * Not a test: a plain loop timing encode + decode of the testdata transactions (and the reference
 * model's decisions on them) with the schema coders and the hand-written ones, over unsynchronized
 * in-memory streams like Flink's. Run from transforms/ with the test classpath: {@code java -cp
 * target/classes:target/test-classes:<deps> io.realtimepipelines.model.EncodingTiming}.
 */
public final class EncodingTiming {
  private static volatile Object sink;

  private EncodingTiming() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    long millisPerRound = args.length > 1 ? Long.parseLong(args[1]) : 1000;
    SchemaRegistry registry = SchemaRegistry.createDefault();
    List<Transaction> txns = Testdata.transactions();
    List<Decision> decisions = FraudModel.decide(txns, List.of(), FraudRules.defaults());
    System.out.printf(
        "%d transactions, %d decisions; %d rounds of %d ms, median%n",
        txns.size(), decisions.size(), rounds, millisPerRound);
    report(
        "Transaction",
        registry.getSchemaCoder(Transaction.class),
        TransactionCoder.of(),
        txns,
        rounds,
        millisPerRound);
    report(
        "Decision",
        registry.getSchemaCoder(Decision.class),
        Decision.coder(),
        decisions,
        rounds,
        millisPerRound);
  }

  /** Rounds of the two coders alternate, so that both see the same load on a shared machine. */
  private static <T> void report(
      String name, Coder<T> schema, Coder<T> fast, List<T> values, int rounds, long millisPerRound)
      throws IOException {
    List<Coder<T>> coders = List.of(schema, fast);
    for (Coder<T> coder : coders) {
      time(coder, values, 1, millisPerRound, true); // warm-up
    }
    double[][] encDec = new double[2][rounds];
    double[][] enc = new double[2][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int c = 0; c < 2; c++) {
        encDec[c][r] = time(coders.get(c), values, 1, millisPerRound, true)[0];
        enc[c][r] = time(coders.get(c), values, 1, millisPerRound, false)[0];
      }
    }
    for (int c = 0; c < 2; c++) {
      Buffer out = new Buffer();
      for (T v : values) {
        coders.get(c).encode(v, out);
      }
      System.out.printf(
          "%-11s %-12s %6.1f bytes  encode+decode %7.1f ns/op (min %7.1f)  encode %7.1f ns/op%n",
          name,
          c == 0 ? "schema" : "hand-written",
          (double) out.size / values.size(),
          median(encDec[c]),
          Arrays.stream(encDec[c]).min().getAsDouble(),
          median(enc[c]));
    }
  }

  private static <T> double[] time(
      Coder<T> coder, List<T> values, int rounds, long millis, boolean decode) throws IOException {
    double[] nsPerOp = new double[rounds];
    Buffer out = new Buffer();
    for (int r = 0; r < rounds; r++) {
      long ops = 0;
      long start = System.nanoTime();
      long end = start + millis * 1_000_000;
      long now;
      do {
        for (int i = 0; i < 100; i++) {
          out.size = 0;
          for (T v : values) {
            coder.encode(v, out);
          }
          if (decode) {
            Input in = new Input(out.bytes, out.size);
            Object last = null;
            for (int k = 0; k < values.size(); k++) {
              last = coder.decode(in);
            }
            sink = last;
          }
          ops += values.size();
        }
        now = System.nanoTime();
      } while (now < end);
      nsPerOp[r] = (double) (now - start) / ops;
    }
    return nsPerOp;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Unsynchronized growable output, like Flink's DataOutputSerializer. */
  private static final class Buffer extends OutputStream {
    byte[] bytes = new byte[1 << 16];
    int size;

    @Override
    public void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, size * 2);
      }
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
      }
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }
  }

  /** Unsynchronized input over an array, like Flink's DataInputDeserializer. */
  private static final class Input extends InputStream {
    private final byte[] bytes;
    private final int end;
    private int pos;

    Input(byte[] bytes, int end) {
      this.bytes = bytes;
      this.end = end;
    }

    @Override
    public int read() {
      return pos < end ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= end) {
        return -1;
      }
      int n = Math.min(len, end - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
