package io.realtimepipelines.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The output files of every tool: UTF-8 text, gzip when the name ends in {@code .gz}, parent
 * folders created, as a job's file sink names its files.
 */
public final class ToolOutput {
  private static final int BUFFER_BYTES = 1 << 16;

  private ToolOutput() {}

  /** A new (or emptied) file to write. */
  public static Writer open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream out = Files.newOutputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      out = new GZIPOutputStream(out, BUFFER_BYTES);
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_BYTES);
  }
}
