package io.realtimepipelines.pipelines.io;

import io.realtimepipelines.model.RawEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Arrays;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads JSON Lines files (plain, or gzip by the {@code .gz} suffix; one file or a glob) as raw
 * records with their {@code file:line} position. Lines are kept as bytes, so that invalid UTF-8
 * reaches validation as such instead of being replaced silently. Empty lines are records too (they
 * become EMPTY_RECORD dead letters); a final newline does not start one.
 */
public final class ReadJsonLines extends PTransform<PBegin, PCollection<RawEvent>> {
  /**
   * Lines longer than this keep only their first this + 1 bytes, with their full length and SHA-256
   * (validation rejects them as too large): a 100 MB line costs 16 MiB, not 100 MB.
   */
  public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  /** How many ways a file's lines are spread by default. */
  public static final int DEFAULT_SPREAD = 128;

  private final String filepattern;
  private final int spread;

  private ReadJsonLines(String filepattern, int spread) {
    this.filepattern = filepattern;
    this.spread = spread;
  }

  public static ReadJsonLines from(String filepattern) {
    if (filepattern == null || filepattern.isBlank()) {
      throw new IllegalArgumentException(
          "filepattern must be a file or glob, got '" + filepattern + "'");
    }
    return new ReadJsonLines(filepattern, DEFAULT_SPREAD);
  }

  /**
   * How many ways the lines are spread after reading (random keys; 1 to 65,536). A runner that
   * groups per key (the Direct runner) handles each as a unit of work, so fewer is faster there; a
   * cluster wants a few times its parallelism.
   */
  public ReadJsonLines withSpread(int ways) {
    if (ways < 1 || ways > 65_536) {
      throw new IllegalArgumentException("spread must be between 1 and 65536, got " + ways);
    }
    return new ReadJsonLines(filepattern, ways);
  }

  @Override
  public PCollection<RawEvent> expand(PBegin input) {
    return input
        .apply(
            "MatchFiles",
            FileIO.match()
                .filepattern(filepattern)
                .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
        .apply("OpenFiles", FileIO.readMatches().withCompression(Compression.AUTO))
        .apply("SplitLines", ParDo.of(new SplitLinesFn()))
        // One file is read by one worker; spread its lines before the heavier steps.
        .apply("SpreadLines", Reshuffle.<RawEvent>viaRandomKey().withNumBuckets(spread));
  }

  static final class SplitLinesFn extends DoFn<FileIO.ReadableFile, RawEvent> {
    private final Counter lines = Metrics.counter("rtp", "source.file.lines");

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<RawEvent> out)
        throws IOException {
      String name = file.getMetadata().resourceId().toString();
      if (name.startsWith("file:")) {
        name = name.substring("file:".length());
      }
      try (InputStream in =
          new BufferedInputStream(Channels.newInputStream(file.open()), 1 << 16)) {
        LineReader reader = new LineReader(in, MAX_LINE_BYTES);
        long lineNo = 0;
        byte[] line;
        while ((line = reader.next()) != null) {
          lineNo++;
          lines.inc();
          String position = name + ":" + lineNo;
          out.output(
              reader.lastLineBytes() > line.length
                  ? RawEvent.truncated(
                      line, position, reader.lastLineBytes(), reader.lastLineSha256())
                  : RawEvent.of(line, position));
        }
      }
    }
  }

  /** Splits a byte stream on '\n' (dropping a '\r' before it), bounding each line's size. */
  static final class LineReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[512];
    private int len;
    private long fullLength;
    private java.security.MessageDigest overLong;
    private String lastSha256;
    private boolean eof;

    LineReader(InputStream in, int maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    /**
     * The next line without its terminator, or null at the end of the stream. A line longer than
     * the limit keeps its first limit + 1 bytes, so that validation can tell it was too long.
     */
    byte[] next() throws IOException {
      if (eof) {
        return null;
      }
      len = 0;
      fullLength = 0;
      overLong = null;
      lastSha256 = null;
      while (true) {
        if (pos == limit) {
          int n = in.read(chunk, 0, chunk.length);
          if (n <= 0) {
            eof = true;
            return len == 0 ? null : finish();
          }
          pos = 0;
          limit = n;
        }
        int end = pos;
        while (end < limit && chunk[end] != '\n') {
          end++;
        }
        append(pos, end - pos);
        if (end < limit) {
          pos = end + 1;
          return finish();
        }
        pos = limit;
      }
    }

    /** Length in bytes of the last line returned, before any cut (its '\r' included). */
    long lastLineBytes() {
      return fullLength;
    }

    /** SHA-256 (hex) of the whole last line when it was cut, else null. */
    String lastLineSha256() {
      return lastSha256;
    }

    private void append(int from, int n) {
      fullLength += n;
      int take = Math.min(n, maxBytes + 1 - len);
      if (take < n) {
        if (overLong == null) {
          overLong = sha256();
          overLong.update(line, 0, len);
        }
        overLong.update(chunk, from, n);
      }
      if (take <= 0) {
        return;
      }
      if (len + take > line.length) {
        line = Arrays.copyOf(line, Math.max(len + take, Math.min(2 * line.length, maxBytes + 1)));
      }
      System.arraycopy(chunk, from, line, len, take);
      len += take;
    }

    private byte[] finish() {
      if (overLong != null) {
        lastSha256 = io.realtimepipelines.validation.DeadLetters.hex(overLong.digest());
        return Arrays.copyOf(line, len);
      }
      int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
      fullLength = n;
      return Arrays.copyOf(line, n);
    }

    private static java.security.MessageDigest sha256() {
      try {
        return java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JVM has SHA-256", e);
      }
    }
  }
}
