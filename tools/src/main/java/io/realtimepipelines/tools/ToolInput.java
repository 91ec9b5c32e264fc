package io.realtimepipelines.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The input files of every tool, read the way a job reads {@code --input}: matched with Beam's
 * {@link FileSystems} (so a path, a glob such as {@code output/pricing/price-updates/part-*} and
 * any file system on the classpath work alike) and decompressed by file name as {@link
 * Compression#AUTO} does ({@code .gz} and the other suffixes Beam knows). A local folder means its
 * {@code *.jsonl} and {@code *.jsonl.gz} files (not hidden): what a job's file sink writes. Files
 * come sorted by name, so that the order of equal timestamps does not depend on the file system.
 */
public final class ToolInput {
  private static final int BUFFER_CHARS = 1 << 16;

  static {
    // Registers every file system on the classpath, as a job's options do.
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  private ToolInput() {}

  /** One input file. */
  public record InputFile(ResourceId id) {
    /** The file's own name, for positions in reports ("part-0.jsonl:12"). */
    public String name() {
      return id.getFilename();
    }

    /** The decompressed lines, UTF-8. */
    public BufferedReader open() throws IOException {
      return new BufferedReader(
          new InputStreamReader(openStream(), StandardCharsets.UTF_8), BUFFER_CHARS);
    }

    /**
     * Hands every line (blank ones too), in order, to {@code each} with its position, e.g.
     * "part-0.jsonl:12".
     */
    public void forEachLine(BiConsumer<String, String> each) throws IOException {
      String name = name();
      try (BufferedReader reader = open()) {
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lineNumber++;
          each.accept(name + ":" + lineNumber, line);
        }
      }
    }

    /** The decompressed bytes. */
    public InputStream openStream() throws IOException {
      return Channels.newInputStream(
          Compression.detect(id.getFilename()).readDecompressed(FileSystems.open(id)));
    }

    @Override
    public String toString() {
      return id.toString();
    }
  }

  /** One known file, e.g. a {@code --csv} option already checked to exist. */
  public static InputFile file(Path path) {
    return new InputFile(FileSystems.matchNewResource(path.toAbsolutePath().toString(), false));
  }

  /** The decompressed lines of one known file. */
  public static BufferedReader open(Path path) throws IOException {
    return file(path).open();
  }

  /**
   * The files {@code spec} names, sorted.
   *
   * @throws IllegalArgumentException naming {@code --option} when {@code spec} names no file
   */
  public static List<InputFile> match(String option, String spec) throws IOException {
    boolean folder = !spec.contains("://") && Files.isDirectory(Paths.get(spec));
    String pattern = folder ? Paths.get(spec).toAbsolutePath().resolve("*").toString() : spec;
    MatchResult match;
    try {
      match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + option + "=" + spec + ": " + e.getMessage(), e);
    }
    List<InputFile> files = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata m : match.metadata()) {
        if (!m.resourceId().isDirectory()
            && (!folder || isJsonLines(m.resourceId().getFilename()))) {
          files.add(new InputFile(m.resourceId()));
        }
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "--"
              + option
              + "="
              + spec
              + (folder
                  ? " is a folder without *.jsonl or *.jsonl.gz files"
                  : isGlob(spec) ? " matches no file" : " is no file or folder")
              + " (looked in "
              + Paths.get(spec).toAbsolutePath().normalize()
              + ")");
    }
    files.sort(Comparator.comparing(f -> f.id().toString()));
    return files;
  }

  private static boolean isJsonLines(String name) {
    return !name.startsWith(".") && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"));
  }

  private static boolean isGlob(String spec) {
    return spec.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
