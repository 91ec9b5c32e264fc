package io.realtimepipelines.benchmarks.reference;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.io.DelimitedInputFormat;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.fs.Path;

/**
 * The lines of a text file as (byte offset of the line, the line's exact bytes without its line
 * break): a splittable format, so the lines of one large file are read by every reader subtask in
 * parallel, each from its own block. The bytes go to the decoder unchanged, as the baseline's
 * ISO-8859-1 round trip gives them; the offset names the line in a dead letter and lets the first
 * copy of a repeated id win.
 */
final class LineFormat extends DelimitedInputFormat<Tuple2<Long, byte[]>> {
  private static final long serialVersionUID = 1L;

  /** File offset of the line {@link #readRecord} is about to turn into a record. */
  private transient long lineStart;

  LineFormat(Path file) {
    super(file, null);
  }

  @Override
  public Tuple2<Long, byte[]> nextRecord(Tuple2<Long, byte[]> reuse) throws IOException {
    // The format's offset is where the next line starts until that line is read.
    lineStart = getCurrentState();
    return super.nextRecord(reuse);
  }

  @Override
  public Tuple2<Long, byte[]> readRecord(
      Tuple2<Long, byte[]> reuse, byte[] bytes, int offset, int numBytes) {
    if (numBytes > 0 && bytes[offset + numBytes - 1] == '\r') {
      numBytes--; // a CRLF line break, as BufferedReader.readLine drops it
    }
    return Tuple2.of(lineStart, Arrays.copyOfRange(bytes, offset, offset + numBytes));
  }
}
