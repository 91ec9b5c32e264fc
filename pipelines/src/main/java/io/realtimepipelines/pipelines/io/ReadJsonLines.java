package io.realtimepipelines.pipelines.io;

import io.realtimepipelines.model.RawEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.ReadableFileCoder;
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

  /**
   * Bytes of an uncompressed file one worker reads at a time by default. A file is cut at line
   * starts into pieces of about this size, which are spread over the workers before their lines are
   * read: a 1M-transaction file (280 MB) is 17 pieces. Before, one worker read a whole file and
   * every line was shuffled on (BENCHMARKS.md, "A file read in pieces").
   */
  public static final long DEFAULT_CHUNK_BYTES = 16L * 1024 * 1024;

  private final String filepattern;
  private final long chunkBytes;

  private ReadJsonLines(String filepattern, long chunkBytes) {
    this.filepattern = filepattern;
    this.chunkBytes = chunkBytes;
  }

  public static ReadJsonLines from(String filepattern) {
    if (filepattern == null || filepattern.isBlank()) {
      throw new IllegalArgumentException(
          "filepattern must be a file or glob, got '" + filepattern + "'");
    }
    return new ReadJsonLines(filepattern, DEFAULT_CHUNK_BYTES);
  }

  /**
   * Bytes of an uncompressed file read as one piece (at least 1; a piece ends at the first line
   * start from there). A compressed file is always one piece.
   */
  public ReadJsonLines withChunkBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("chunk bytes must be at least 1, got " + bytes);
    }
    return new ReadJsonLines(filepattern, bytes);
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
        .apply("CutFiles", ParDo.of(new CutFileFn(chunkBytes)))
        .setCoder(FileChunk.CODER)
        // A few pieces per file, not its lines, cross the network before the reading.
        .apply("SpreadPieces", Reshuffle.<FileChunk>viaRandomKey())
        .apply("ReadLines", ParDo.of(new ReadChunkFn()));
  }

  /** A file's name as positions show it: without a {@code file:} scheme. */
  static String displayName(FileIO.ReadableFile file) {
    String name = file.getMetadata().resourceId().toString();
    return name.startsWith("file:") ? name.substring("file:".length()) : name;
  }

  /**
   * Lines {@code firstLine}, ... of a file: the bytes from {@code start} (a line start) up to
   * {@code end} (a line start, or the end of the file).
   */
  static final class FileChunk {
    static final Coder<FileChunk> CODER = new FileChunkCoder();

    final FileIO.ReadableFile file;
    final long start;
    final long end;
    final long firstLine;

    FileChunk(FileIO.ReadableFile file, long start, long end, long firstLine) {
      this.file = file;
      this.start = start;
      this.end = end;
      this.firstLine = firstLine;
    }
  }

  private static final class FileChunkCoder extends AtomicCoder<FileChunk> {
    private static final Coder<FileIO.ReadableFile> FILE = ReadableFileCoder.of();
    private static final Coder<Long> LONG = VarLongCoder.of();

    @Override
    public void encode(FileChunk c, OutputStream out) throws IOException {
      FILE.encode(c.file, out);
      LONG.encode(c.start, out);
      LONG.encode(c.end, out);
      LONG.encode(c.firstLine, out);
    }

    @Override
    public FileChunk decode(InputStream in) throws IOException {
      return new FileChunk(FILE.decode(in), LONG.decode(in), LONG.decode(in), LONG.decode(in));
    }
  }

  /**
   * Cuts an uncompressed file into pieces of about {@code chunkBytes}, each starting at a line
   * start, with the number of its first line: one sequential pass that only counts newlines. A
   * compressed file cannot be entered in the middle and stays one piece.
   */
  static final class CutFileFn extends DoFn<FileIO.ReadableFile, FileChunk> {
    private final long chunkBytes;

    CutFileFn(long chunkBytes) {
      this.chunkBytes = chunkBytes;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<FileChunk> out)
        throws IOException {
      long size = file.getMetadata().sizeBytes();
      if (file.getCompression() != Compression.UNCOMPRESSED || size <= chunkBytes) {
        out.output(new FileChunk(file, 0, Long.MAX_VALUE, 1));
        return;
      }
      long start = 0;
      long firstLine = 1;
      long offset = 0;
      long newlines = 0;
      long cutFrom = chunkBytes;
      byte[] buf = new byte[1 << 16];
      try (InputStream in = Channels.newInputStream(file.open())) {
        int n;
        while ((n = in.read(buf)) > 0) {
          for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
              newlines++;
              long next = offset + i + 1;
              if (next >= cutFrom) {
                out.output(new FileChunk(file, start, next, firstLine));
                start = next;
                firstLine = newlines + 1;
                cutFrom = next + chunkBytes;
              }
            }
          }
          offset += n;
        }
      }
      if (start < offset) {
        out.output(new FileChunk(file, start, Long.MAX_VALUE, firstLine));
      }
    }
  }

  /** The lines of one piece as raw records with their {@code file:line} position. */
  static final class ReadChunkFn extends DoFn<FileChunk, RawEvent> {
    private final Counter lines = Metrics.counter("rtp", "source.file.lines");

    @ProcessElement
    public void process(@Element FileChunk chunk, OutputReceiver<RawEvent> out) throws IOException {
      String name = displayName(chunk.file);
      ReadableByteChannel channel;
      if (chunk.start > 0) {
        SeekableByteChannel seekable = chunk.file.openSeekable();
        seekable.position(chunk.start);
        channel = seekable;
      } else {
        channel = chunk.file.open();
      }
      try (InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16)) {
        LineReader reader = new LineReader(in, MAX_LINE_BYTES, chunk.end - chunk.start);
        long lineNo = chunk.firstLine - 1;
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
    private long budget;

    LineReader(InputStream in, int maxBytes) {
      this(in, maxBytes, Long.MAX_VALUE);
    }

    /** Reads at most {@code budget} bytes of {@code in}. */
    LineReader(InputStream in, int maxBytes, long budget) {
      this.in = in;
      this.maxBytes = maxBytes;
      this.budget = budget;
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
          int n = budget <= 0 ? -1 : in.read(chunk, 0, (int) Math.min(chunk.length, budget));
          if (n > 0) {
            budget -= n;
          }
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
