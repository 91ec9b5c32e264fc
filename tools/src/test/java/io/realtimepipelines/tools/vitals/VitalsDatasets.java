package io.realtimepipelines.tools.vitals;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The vitals data sets in the shared folder next to the repository ({@code
 * ../shared/datasets/<name>}), found by searching upwards from the working directory. Never copied
 * into the repository; tests that need them are skipped, saying why, when absent.
 */
final class VitalsDatasets {
  static final String FITBIT = "shared/datasets/fitbit-heartrate-seconds";
  static final String SEPSIS = "shared/datasets/physionet-sepsis-2019-setA";

  private VitalsDatasets() {}

  /** The folder {@code relative} holding {@code file}; skips the calling test when not found. */
  static Path find(String relative, String file) {
    List<Path> tried = new ArrayList<>();
    for (Path dir = Paths.get("").toAbsolutePath().normalize();
        dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate.resolve(file))) {
        return candidate;
      }
      tried.add(candidate);
    }
    assumeTrue(
        false,
        relative
            + "/"
            + file
            + " not found (looked at "
            + tried
            + "); the data sets"
            + " live in ../shared next to the repository and are not part of it");
    throw new AssertionError("unreachable");
  }
}
