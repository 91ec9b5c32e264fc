package io.realtimepipelines.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realtimepipelines.model.RawEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read in pieces gives every line exactly once, with its own line number, whatever the piece
 * size: on the test's runner (Direct, embedded Flink, local Spark: the surefire executions).
 */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class ReadJsonLinesTest {

  /** Line i of a file as the test expects it: "name:i|hex of its bytes". */
  private static String expected(Path file, int lineNo, byte[] bytes) {
    return file + ":" + lineNo + "|" + HexFormat.of().formatHex(bytes);
  }

  private static PCollection<String> read(TestPipeline p, String pattern, long chunkBytes) {
    return p.apply(ReadJsonLines.from(pattern).withChunkBytes(chunkBytes))
        .apply(
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (RawEvent e) ->
                        e.sourcePosition() + "|" + HexFormat.of().formatHex(e.payload())));
  }

  /**
   * Writes {@code lines} lines: JSON, empty lines, CRLF endings, a line of invalid UTF-8 and one
   * crossing many pieces; the last one without a newline. Returns what each line should read as.
   */
  private static List<byte[]> writeLines(OutputStream out, int lines) throws IOException {
    List<byte[]> expected = new ArrayList<>();
    for (int i = 1; i <= lines; i++) {
      byte[] line;
      String ending = "\n";
      if (i % 17 == 0) {
        line = new byte[0];
      } else if (i % 29 == 0) {
        line = new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'};
      } else if (i == lines / 2) {
        line = ("{\"long\":\"" + "x".repeat(5_000) + "\"}").getBytes(StandardCharsets.UTF_8);
      } else {
        line = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        ending = i % 5 == 0 ? "\r\n" : "\n";
      }
      out.write(line);
      if (i < lines) {
        out.write(ending.getBytes(StandardCharsets.US_ASCII));
      }
      expected.add(line);
    }
    return expected;
  }

  @Test
  void everyLineOfEveryPieceOnceWithItsLineNumber(TestPipeline p, @TempDir Path dir)
      throws IOException {
    Path plain = dir.resolve("a.jsonl");
    List<String> want = new ArrayList<>();
    try (OutputStream out = Files.newOutputStream(plain)) {
      List<byte[]> lines = writeLines(out, 1_000);
      for (int i = 0; i < lines.size(); i++) {
        want.add(expected(plain, i + 1, lines.get(i)));
      }
    }
    // A compressed file cannot be entered in the middle: one piece whatever the size.
    Path gz = dir.resolve("b.jsonl.gz");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    List<byte[]> gzLines = writeLines(raw, 300);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(raw.toByteArray());
    }
    for (int i = 0; i < gzLines.size(); i++) {
      want.add(expected(gz, i + 1, gzLines.get(i)));
    }

    // 64 bytes: pieces of one to a few lines, and the long line alone.
    PAssert.that(read(p, dir.resolve("*").toString(), 64)).containsInAnyOrder(want);
    p.run().waitUntilFinish();
  }

  @Test
  void aFileEndingInANewlineHasNoEmptyLastRecord(TestPipeline p, @TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("c.jsonl");
    Files.writeString(file, "{\"a\":1}\n\n{\"a\":2}\n");
    PAssert.that(read(p, file.toString(), 1))
        .containsInAnyOrder(
            expected(file, 1, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
            expected(file, 2, new byte[0]),
            expected(file, 3, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)));
    p.run().waitUntilFinish();
  }

  @Test
  void aPieceSizeBelowOneByteIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ReadJsonLines.from("x").withChunkBytes(0));
    assertEquals("chunk bytes must be at least 1, got 0", e.getMessage());
  }
}
