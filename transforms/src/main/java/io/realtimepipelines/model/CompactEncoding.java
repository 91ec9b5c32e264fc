package io.realtimepipelines.model;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.joda.time.Instant;

/**
 * The byte formats shared by the hand-written coders ({@link TransactionCoder}, {@code
 * DecisionCoder}): varints (7 bits a byte, low first), zig-zag varints for signed values, strings
 * as a varint byte length and UTF-8 (as {@code StringUtf8Coder}), decimals as the zig-zag scale and
 * the unscaled value (a zig-zag varint when it fits in a long, else its two's-complement bytes),
 * instants as zig-zag varint epoch millis, doubles as 8 big-endian bytes of {@link
 * Double#doubleToLongBits} (one NaN). A value is built in a per-thread {@link Writer} and handed to
 * the stream in one write; a {@link Reader} reads strings through a per-thread scratch buffer.
 */
public final class CompactEncoding {
  private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);
  private static final ThreadLocal<Reader> READERS = ThreadLocal.withInitial(Reader::new);

  /** Buffers larger than this are not kept for the next value. */
  private static final int KEPT_BUFFER_BYTES = 64 * 1024;

  private CompactEncoding() {}

  /**
   * An empty writer for one value: write the fields, then {@link Writer#writeTo} and, in a {@code
   * finally}, {@link Writer#release}.
   */
  public static Writer writer() {
    Writer w = WRITERS.get();
    if (w.inUse) {
      return new Writer(); // a coder called while another encodes on this thread
    }
    w.inUse = true;
    w.pos = 0;
    return w;
  }

  /** A growable byte buffer with the encoders of the formats above. Not thread-safe. */
  public static final class Writer {
    private byte[] buf = new byte[256];
    private int pos;
    private boolean inUse;

    private Writer() {}

    private void ensure(int more) {
      if (pos + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
      }
    }

    public void writeByte(int b) {
      ensure(1);
      buf[pos++] = (byte) b;
    }

    /** Unsigned varint of the 64 bits of {@code v}: 1 to 10 bytes. */
    public void writeVarLong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    /** Zig-zag varint: small negative values stay short. */
    public void writeZigZag(long v) {
      writeVarLong((v << 1) ^ (v >> 63));
    }

    public void writeLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[pos++] = (byte) (v >>> shift);
      }
    }

    public void writeDouble(double v) {
      writeLong(Double.doubleToLongBits(v));
    }

    /** Varint byte length, then UTF-8; ASCII is copied without an intermediate array. */
    public void writeString(String s) {
      int n = s.length();
      int start = pos;
      writeVarLong(n);
      ensure(n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          pos = start;
          writeBytes(s.getBytes(StandardCharsets.UTF_8));
          return;
        }
        buf[pos++] = (byte) c;
      }
    }

    /** Varint length, then the bytes. */
    public void writeBytes(byte[] bytes) {
      writeVarLong(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, pos, bytes.length);
      pos += bytes.length;
    }

    /**
     * Varint of zig-zag(scale) * 2 + (1 when the unscaled value needs more than 64 bits), then the
     * unscaled value as a zig-zag varint, or as varint length and two's-complement bytes.
     */
    public void writeDecimal(BigDecimal d) {
      BigInteger unscaled = d.unscaledValue();
      long scale = d.scale();
      boolean big = unscaled.bitLength() > 63;
      writeVarLong((((scale << 1) ^ (scale >> 63)) << 1) | (big ? 1 : 0));
      if (big) {
        writeBytes(unscaled.toByteArray());
      } else {
        writeZigZag(unscaled.longValue());
      }
    }

    /** Zig-zag varint of the epoch millis. */
    public void writeInstant(Instant t) {
      writeZigZag(t.getMillis());
    }

    /** Hands everything written to {@code out} in one call. */
    public void writeTo(OutputStream out) throws IOException {
      out.write(buf, 0, pos);
    }

    /** Makes this thread's writer available again; call in a {@code finally}. */
    public void release() {
      inUse = false;
      if (buf.length > KEPT_BUFFER_BYTES) {
        buf = new byte[256];
      }
    }
  }

  /**
   * A reader of one value from {@code in}: read the fields, then, in a {@code finally}, {@link
   * Reader#release}.
   */
  public static Reader reader(InputStream in) {
    Reader r = READERS.get();
    if (r.in != null) {
      r = new Reader(); // a coder called while another decodes on this thread
    }
    r.in = in;
    return r;
  }

  /** Reads the formats above from a stream, through a reused scratch buffer. Not thread-safe. */
  public static final class Reader {
    private byte[] scratch = new byte[256];
    private InputStream in;

    private Reader() {}

    /** Makes this thread's reader available again; call in a {@code finally}. */
    public void release() {
      in = null;
      if (scratch.length > KEPT_BUFFER_BYTES) {
        scratch = new byte[256];
      }
    }

    public int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("unexpected end of stream");
      }
      return b;
    }

    public long readVarLong() throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = readByte();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new CoderException("varint longer than 10 bytes");
    }

    public long readZigZag() throws IOException {
      long v = readVarLong();
      return (v >>> 1) ^ -(v & 1);
    }

    /** A varint that must be a length or count: 0 to {@link Integer#MAX_VALUE}. */
    public int readLength() throws IOException {
      long n = readVarLong();
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new CoderException("invalid length " + n);
      }
      return (int) n;
    }

    private byte[] readFully(int n) throws IOException {
      if (n > scratch.length) {
        scratch = new byte[Math.max(n, scratch.length * 2)];
      }
      if (in.readNBytes(scratch, 0, n) != n) {
        throw new EOFException("unexpected end of stream in " + n + " bytes");
      }
      return scratch;
    }

    public long readLong() throws IOException {
      byte[] b = readFully(8);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (b[i] & 0xFF);
      }
      return v;
    }

    public double readDouble() throws IOException {
      return Double.longBitsToDouble(readLong());
    }

    public byte[] readBytes() throws IOException {
      int n = readLength();
      return Arrays.copyOf(readFully(n), n);
    }

    public String readString() throws IOException {
      int n = readLength();
      return n == 0 ? "" : new String(readFully(n), 0, n, StandardCharsets.UTF_8);
    }

    public BigDecimal readDecimal() throws IOException {
      long head = readVarLong();
      long zigzagScale = head >>> 1;
      long scale = (zigzagScale >>> 1) ^ -(zigzagScale & 1);
      if (scale != (int) scale) {
        throw new CoderException("invalid decimal scale " + scale);
      }
      if ((head & 1) == 0) {
        return BigDecimal.valueOf(readZigZag(), (int) scale);
      }
      return new BigDecimal(new BigInteger(readBytes()), (int) scale);
    }

    public Instant readInstant() throws IOException {
      return new Instant(readZigZag());
    }
  }
}
