package io.realtimepipelines.tools.fraud;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The handbook CSV in the shared folder next to the repository ({@code
 * ../shared/datasets/fraud-handbook-card-transactions/} from the repository root). It is never
 * copied into the repository; tests that need it are skipped when it is absent.
 */
final class HandbookDataset {
  static final String RELATIVE =
      "shared/datasets/fraud-handbook-card-transactions/" + HandbookCsv.FILE_NAME;

  /** Rows in the full file, per SOURCE.md. */
  static final int ROWS = 201_256;

  private HandbookDataset() {}

  /** The CSV, found from the module folder or the repository root; skips the test if absent. */
  static Path csv() {
    List<Path> tried = new ArrayList<>();
    for (String up : List.of("../..", "..")) {
      Path candidate = Paths.get(up).resolve(RELATIVE).toAbsolutePath().normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    assumeTrue(
        false,
        "handbook dataset not found (looked at "
            + tried
            + "); it lives in ../shared next to the"
            + " repository and is not part of it");
    throw new AssertionError("unreachable");
  }

  /** The first {@code n} data lines split on commas, read independently of HandbookCsv. */
  static List<String[]> firstRows(int n) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(csv(), StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (!header.startsWith("TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,")) {
        throw new AssertionError("unexpected header " + header);
      }
      String line;
      while (rows.size() < n && (line = reader.readLine()) != null) {
        rows.add(line.split(","));
      }
    }
    return rows;
  }

  // Column positions in the file as published (see SOURCE.md).
  static final int ID = 0;
  static final int DATETIME = 1;
  static final int CUSTOMER = 2;
  static final int TERMINAL = 3;
  static final int AMOUNT = 4;
  static final int FRAUD = 7;
  static final int SCENARIO = 8;
}
