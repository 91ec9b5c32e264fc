package io.realtimepipelines.tools;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files an input option such as {@code --updates} or {@code --decisions} names: one file; a folder, meaning its {@code *.jsonl}
 * and {@code *.jsonl.gz} files (not hidden, not in subfolders: what a Beam file sink writes); or
 * a glob such as {@code output/pricing/updates/part-*.jsonl}. Always sorted by path, so that the
 * order of updates with equal timestamps does not depend on the file system.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * The files of {@code spec}, sorted.
   *
   * @throws IllegalArgumentException when {@code spec} names no file
   */
  public static List<Path> resolve(String option, String spec) throws IOException {
    if (isGlob(spec)) {
      return glob(option, spec);
    }
    Path path = Paths.get(spec);
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> list = Files.list(path)) {
        files =
            list.filter(Files::isRegularFile)
                .filter(InputFiles::isJsonLines)
                .sorted()
                .collect(Collectors.toList());
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException(
            "--" + option + "=" + spec + " is a folder without *.jsonl or *.jsonl.gz files");
      }
      return files;
    }
    throw new IllegalArgumentException(
        "--" + option + "=" + spec + " is no file or folder (looked in "
            + path.toAbsolutePath().normalize() + ")");
  }

  private static boolean isJsonLines(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"));
  }

  private static boolean isGlob(String spec) {
    return spec.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /** Walks the folder before the first segment with a wildcard; matches the rest against it. */
  private static List<Path> glob(String option, String spec) throws IOException {
    String[] segments = spec.replace('\\', '/').split("/", -1);
    int first = 0;
    while (!isGlob(segments[first])) {
      first++;
    }
    String baseText = String.join("/", Arrays.asList(segments).subList(0, first));
    Path base = first == 0 ? Paths.get(".") : Paths.get(baseText.isEmpty() ? "/" : baseText);
    String rest = String.join("/", Arrays.asList(segments).subList(first, segments.length));
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(base)) {
      int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - first;
      try (Stream<Path> walk = Files.walk(base, depth)) {
        walk.filter(Files::isRegularFile)
            .filter(f -> matcher.matches(base.relativize(f)))
            .sorted()
            .forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "--" + option + "=" + spec + " matches no file (looked under "
              + base.toAbsolutePath().normalize() + ")");
    }
    return files;
  }
}
