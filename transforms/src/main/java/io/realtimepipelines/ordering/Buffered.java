package io.realtimepipelines.ordering;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * An event waiting in a shard's buffer, kept as one byte array: its event time, its key and the
 * event in its own coder's encoding. Copying it copies bytes instead of running the event's coder,
 * which matters on the Direct runner: it copies a state cell through its coder every time a bundle
 * touches it, and a shard's buffer holds all its keys' waiting events.
 */
final class Buffered {
  private final byte[] bytes;
  /** Event time (ms) of the event. */
  final long timestamp;
  /** Where the key starts and ends in {@link #bytes}; the event follows. */
  private final int keyStart;
  private final int keyEnd;

  private Buffered(byte[] bytes) {
    this.bytes = bytes;
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      this.timestamp = VarInt.decodeLong(in);
      int keyLength = VarInt.decodeInt(in);
      this.keyStart = bytes.length - in.available();
      this.keyEnd = keyStart + keyLength;
    } catch (IOException e) {
      throw new IllegalStateException("corrupt buffered event", e);
    }
  }

  static <E> Buffered of(String key, long timestamp, E event, Coder<E> coder) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      VarInt.encode(timestamp, out);
      VarInt.encode(k.length, out);
      out.write(k);
      coder.encode(event, out);
      return new Buffered(out.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an event of key " + key, e);
    }
  }

  /** The key the event belongs to. */
  String key() {
    return new String(bytes, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8);
  }

  /** The event, decoded with the coder it was encoded with. */
  <E> E event(Coder<E> coder) {
    try {
      return coder.decode(new ByteArrayInputStream(bytes, keyEnd, bytes.length - keyEnd));
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode a buffered event of key " + key(), e);
    }
  }

  /** The bytes as they are: deterministic, and a copy is an array copy. */
  static final class BufferedCoder extends CustomCoder<Buffered> {
    private static final BufferedCoder INSTANCE = new BufferedCoder();

    static BufferedCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Buffered value, OutputStream out) throws IOException {
      ByteArrayCoder.of().encode(value.bytes, out);
    }

    @Override
    public Buffered decode(InputStream in) throws IOException {
      return new Buffered(ByteArrayCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof BufferedCoder;
    }

    @Override
    public int hashCode() {
      return BufferedCoder.class.hashCode();
    }
  }
}
