package io.realtimepipelines.pipelines;

import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** The repository's testdata/ folder and helpers to read job outputs back. */
public final class TestData {
  private TestData() {}

  /** A file in testdata/, found from the module folder or the repository root. */
  public static Path path(String name) {
    for (Path base : List.of(Paths.get("testdata"), Paths.get("..", "testdata"))) {
      if (Files.isDirectory(base)) {
        return base.resolve(name).toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("testdata/ not found from " + Paths.get("").toAbsolutePath());
  }

  /** Lines of a testdata file, empty ones included, counted on bytes (some are not UTF-8). */
  public static long lineCount(String name) {
    try {
      byte[] bytes = Files.readAllBytes(path(name));
      long n = 0;
      for (byte b : bytes) {
        if (b == '\n') {
          n++;
        }
      }
      return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? n + 1 : n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines of a testdata file as bytes (some are not UTF-8), without their line breaks. */
  public static List<byte[]> lines(String name) {
    try {
      byte[] bytes = Files.readAllBytes(path(name));
      List<byte[]> out = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          if (i > start || i < bytes.length) {
            out.add(java.util.Arrays.copyOfRange(bytes, start, i));
          }
          start = i + 1;
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The valid, first-seen events of one testdata file (by dedup key), as the job's validation keeps
   * them: what the reference models are run on.
   */
  public static <T extends Event> List<T> validEvents(EventType type, String file) {
    RecordDecoder<T> decoder = new RecordDecoder<>(type, 262_144, Duration.standardDays(1));
    Map<String, T> unique = new LinkedHashMap<>();
    for (byte[] line : lines(file)) {
      try {
        T e = decoder.decode(line, Instant.now());
        unique.putIfAbsent(e.dedupKey(), e);
      } catch (ValidationException bad) {
        // a dead letter in the job
      }
    }
    return new ArrayList<>(unique.values());
  }

  /** All lines of all files in an output folder. */
  public static List<String> outputLines(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jsonl"))
          .sorted()
          .flatMap(
              f -> {
                try {
                  return Files.readAllLines(f).stream();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
