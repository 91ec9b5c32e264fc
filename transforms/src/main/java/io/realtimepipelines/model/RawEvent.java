package io.realtimepipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One record as a source delivered it, before parsing: the bytes and where they came from. Sources
 * produce these; the validation transforms turn them into events or dead letters. A source that
 * meets a record larger than it will carry (a 100 MB line) keeps a prefix and says so: the original
 * size and the SHA-256 of the whole record travel with it.
 */
@DefaultCoder(RawEvent.RawEventCoder.class)
public final class RawEvent {
  private final byte[] payload;
  private final String sourcePosition;
  private final long originalBytes;
  private final @Nullable String originalSha256;

  private RawEvent(
      byte[] payload, String sourcePosition, long originalBytes, @Nullable String originalSha256) {
    this.payload = payload;
    this.sourcePosition = sourcePosition;
    this.originalBytes = originalBytes;
    this.originalSha256 = originalSha256;
  }

  /** The bytes as received; not copied, so callers must not change them. */
  public static RawEvent of(byte[] payload, String sourcePosition) {
    return new RawEvent(payload, sourcePosition, payload.length, null);
  }

  /**
   * The first bytes of a record too large to carry whole: {@code originalBytes} long, with the
   * SHA-256 (lowercase hex) of all of it. Validation rejects it as PAYLOAD_TOO_LARGE.
   */
  public static RawEvent truncated(
      byte[] prefix, String sourcePosition, long originalBytes, String originalSha256) {
    if (originalBytes <= prefix.length) {
      throw new IllegalArgumentException(
          "a truncated record is longer than its prefix: "
              + originalBytes
              + " <= "
              + prefix.length);
    }
    return new RawEvent(prefix, sourcePosition, originalBytes, originalSha256);
  }

  /** Size of the record at its source; more than {@code payload().length} when truncated. */
  public long originalBytes() {
    return originalBytes;
  }

  /** True when the source kept only a prefix of the record. */
  public boolean isTruncated() {
    return originalBytes > payload.length;
  }

  /** SHA-256 of the whole record when the source truncated it, else null (hash the payload). */
  public @Nullable String originalSha256() {
    return originalSha256;
  }

  public byte[] payload() {
    return payload;
  }

  /** {@code file:line}, {@code topic/partition/offset} or {@code generator:n}. */
  public String sourcePosition() {
    return sourcePosition;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawEvent
        && Arrays.equals(payload, ((RawEvent) o).payload)
        && sourcePosition.equals(((RawEvent) o).sourcePosition)
        && originalBytes == ((RawEvent) o).originalBytes
        && Objects.equals(originalSha256, ((RawEvent) o).originalSha256);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(payload) + sourcePosition.hashCode();
  }

  @Override
  public String toString() {
    return "RawEvent{"
        + sourcePosition
        + ", "
        + payload.length
        + " bytes"
        + (isTruncated() ? " of " + originalBytes : "")
        + "}";
  }

  /** Length-prefixed bytes, position, original size and hash; deterministic. */
  public static final class RawEventCoder extends AtomicCoder<RawEvent> {
    private static final RawEventCoder INSTANCE = new RawEventCoder();

    public static RawEventCoder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} find this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(RawEvent.class), INSTANCE);
    }

    @Override
    public void encode(RawEvent value, OutputStream out) throws IOException {
      ByteArrayCoder.of().encode(value.payload, out);
      StringUtf8Coder.of().encode(value.sourcePosition, out);
      VarLongCoder.of().encode(value.originalBytes, out);
      HASH.encode(value.originalSha256, out);
    }

    @Override
    public RawEvent decode(InputStream in) throws IOException {
      return new RawEvent(
          ByteArrayCoder.of().decode(in),
          StringUtf8Coder.of().decode(in),
          VarLongCoder.of().decode(in),
          HASH.decode(in));
    }

    private static final NullableCoder<String> HASH = NullableCoder.of(StringUtf8Coder.of());

    @Override
    public void verifyDeterministic() {}
  }
}
