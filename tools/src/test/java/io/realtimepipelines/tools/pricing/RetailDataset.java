package io.realtimepipelines.tools.pricing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The UCI Online Retail by-day files in the shared folder next to the repository ({@code
 * ../shared/datasets/uci-online-retail-by-day/by-day} from the repository root), found by searching
 * upwards from the working directory. They are never copied into the repository; tests that need
 * them are skipped when they are absent.
 */
final class RetailDataset {
  static final String RELATIVE = "shared/datasets/uci-online-retail-by-day/by-day";

  private RetailDataset() {}

  /** The by-day folder; skips the calling test when it is not found. */
  static Path byDay() {
    List<Path> tried = new ArrayList<>();
    Path dir = Paths.get("").toAbsolutePath().normalize();
    for (; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isRegularFile(candidate.resolve("2010-12-01.csv"))) {
        return candidate;
      }
      tried.add(candidate);
    }
    assumeTrue(
        false,
        "UCI Online Retail by-day files not found (looked at "
            + tried
            + "); they live in"
            + " ../shared next to the repository and are not part of it");
    throw new AssertionError("unreachable");
  }
}
