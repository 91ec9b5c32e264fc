package io.realtimepipelines.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The real data sets in the shared folder next to the repository ({@code ../shared/datasets/...}
 * from the repository root), found by searching upwards from the working directory. They are never
 * copied into the repository; a test that needs one is skipped, saying why, when it is absent.
 */
public final class SharedDatasets {
  private SharedDatasets() {}

  /**
   * The file {@code datasets/<relative>} of the shared folder; skips the calling test without it.
   */
  public static Path file(String relative, String what) {
    List<Path> tried = new ArrayList<>();
    for (Path dir = Paths.get("").toAbsolutePath().normalize();
        dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/datasets").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    assumeTrue(
        false,
        what
            + " not found (looked at "
            + tried
            + "); it lives in ../shared next to"
            + " the repository and is not part of it");
    throw new AssertionError("unreachable");
  }
}
