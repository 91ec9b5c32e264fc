package io.realtimepipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * A {@link CompactEncoding} coder of state that outlives a release: a format version byte, then the
 * fields. A value in an unknown format is refused with a {@link CoderException} naming both
 * versions, never misread. Subclasses write and read the fields; one that still reads older formats
 * says from which one ({@link #VersionedCoder(String, int, int)}) and overrides {@link
 * #read(CompactEncoding.Reader, int)}.
 */
public abstract class VersionedCoder<T> extends CustomCoder<T> {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final int format;
  private final int oldest;

  protected VersionedCoder(String name, int format) {
    this(name, format, format);
  }

  /** Writes {@code format}; reads every format from {@code oldest} to {@code format}. */
  protected VersionedCoder(String name, int format, int oldest) {
    this.name = name;
    this.format = format;
    this.oldest = oldest;
  }

  /** Writes the fields of {@code value}. */
  protected abstract void write(CompactEncoding.Writer w, T value);

  /** Reads the fields written by {@link #write} in format {@code format}. */
  protected abstract T read(CompactEncoding.Reader r) throws IOException;

  /** Reads the fields written in format {@code found}; by default only the current one exists. */
  protected T read(CompactEncoding.Reader r, int found) throws IOException {
    return read(r);
  }

  @Override
  public final void encode(T value, OutputStream out) throws IOException {
    CompactEncoding.Writer w = CompactEncoding.writer();
    try {
      w.writeByte(format);
      write(w, value);
      w.writeTo(out);
    } finally {
      w.release();
    }
  }

  @Override
  public final T decode(InputStream in) throws IOException {
    CompactEncoding.Reader r = CompactEncoding.reader(in);
    try {
      int found = r.readByte();
      if (found < oldest || found > format) {
        throw new CoderException(
            "unknown "
                + name
                + " format "
                + found
                + ", expected "
                + (oldest == format ? Integer.toString(format) : oldest + " to " + format));
      }
      return read(r, found);
    } finally {
      r.release();
    }
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }
}
