package io.realtimepipelines.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  /** Hands out at most {@code step} bytes per read, so lines cross read boundaries. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  private static List<String> lines(String text, int maxBytes, int step) throws IOException {
    ReadJsonLines.LineReader reader =
        new ReadJsonLines.LineReader(
            trickle(text.getBytes(StandardCharsets.UTF_8), step), maxBytes);
    List<String> out = new ArrayList<>();
    byte[] line;
    while ((line = reader.next()) != null) {
      out.add(new String(line, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void splitsOnNewlinesDropsCarriageReturnsAndKeepsEmptyLines() throws IOException {
    for (int step : new int[] {1, 2, 3, 7, 1 << 16}) {
      assertEquals(
          List.of("a", "", "bc", "d"), lines("a\n\r\nbc\r\nd\n", 100, step), "step " + step);
      assertEquals(List.of("a", "last"), lines("a\nlast", 100, step), "step " + step);
      assertEquals(List.of(), lines("", 100, step), "step " + step);
      assertEquals(List.of(""), lines("\n", 100, step), "step " + step);
      assertEquals(List.of("é€"), lines("é€\n", 100, step), "step " + step);
    }
  }

  @Test
  void aLongLineKeepsOneByteMoreThanTheLimitAndTheNextLineIsIntact() throws IOException {
    String longLine = "x".repeat(5000);
    for (int step : new int[] {1, 13, 1 << 16}) {
      List<String> out = lines(longLine + "\nnext\n" + "y".repeat(11) + "\n", 10, step);
      assertEquals(List.of("x".repeat(11), "next", "y".repeat(11)), out, "step " + step);
    }
  }

  @Test
  void readsMoreThanOneChunk() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String line = "{\"n\":" + i + "}";
      expected.add(line);
      text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
    }
    assertEquals(expected, lines(text.toString(), 1 << 20, 1 << 16));
    assertEquals(expected, lines(text.toString(), 1 << 20, 4093));
  }

  /** A 100 MB line (streamed, never held) keeps its cap + 1 bytes, its true length and hash. */
  @Test
  void aHundredMegabyteLineCostsItsCapAndKeepsItsLengthAndHash() throws Exception {
    long size = 100L * 1024 * 1024;
    java.security.MessageDigest expected = java.security.MessageDigest.getInstance("SHA-256");
    java.io.InputStream huge =
        new java.io.InputStream() {
          long left = size;
          boolean newline = true;

          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left == 0) {
              if (newline) {
                newline = false;
                b[off] = '\n';
                return 1;
              }
              return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            expected.update(b, off, n);
            left -= n;
            return n;
          }
        };
    ReadJsonLines.LineReader reader =
        new ReadJsonLines.LineReader(
            new java.io.SequenceInputStream(
                huge, new java.io.ByteArrayInputStream("{}\n".getBytes())),
            16 * 1024 * 1024);
    byte[] line = reader.next();
    assertEquals(16 * 1024 * 1024 + 1, line.length);
    assertEquals(size, reader.lastLineBytes());
    StringBuilder hex = new StringBuilder();
    for (byte b : expected.digest()) {
      hex.append(String.format("%02x", b));
    }
    assertEquals(hex.toString(), reader.lastLineSha256());
    assertEquals("{}", new String(reader.next(), StandardCharsets.UTF_8));
    assertEquals(2, reader.lastLineBytes());
  }
}
