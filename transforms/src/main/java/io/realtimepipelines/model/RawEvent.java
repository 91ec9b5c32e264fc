package io.realtimepipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * One record as a source delivered it, before parsing: the bytes and where they came from.
 * Sources produce these; the validation transforms turn them into events or dead letters.
 */
@DefaultCoder(RawEvent.RawEventCoder.class)
public final class RawEvent {
  private final byte[] payload;
  private final String sourcePosition;

  private RawEvent(byte[] payload, String sourcePosition) {
    this.payload = payload;
    this.sourcePosition = sourcePosition;
  }

  /** The bytes as received; not copied, so callers must not change them. */
  public static RawEvent of(byte[] payload, String sourcePosition) {
    return new RawEvent(payload, sourcePosition);
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
        && sourcePosition.equals(((RawEvent) o).sourcePosition);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(payload) + sourcePosition.hashCode();
  }

  @Override
  public String toString() {
    return "RawEvent{" + sourcePosition + ", " + payload.length + " bytes}";
  }

  /** Length-prefixed bytes and position; deterministic. */
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
    }

    @Override
    public RawEvent decode(InputStream in) throws IOException {
      return new RawEvent(ByteArrayCoder.of().decode(in), StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
