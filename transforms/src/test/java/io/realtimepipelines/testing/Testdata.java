package io.realtimepipelines.testing;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** The repository's testdata/ files, parsed the way the jobs parse them. */
public final class Testdata {
  /** Processing time the files are parsed at (their events are from 2026-11-23). */
  public static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

  private Testdata() {}

  /** The testdata/ folder, found from the module folder or the repository root. */
  public static Path dir() {
    for (Path base : List.of(Paths.get("testdata"), Paths.get("..", "testdata"))) {
      if (Files.isDirectory(base)) {
        return base;
      }
    }
    throw new IllegalStateException("testdata/ not found from " + Paths.get("").toAbsolutePath());
  }

  /** Lines of testdata/transactions*.jsonl, as bytes (some are not UTF-8). */
  public static List<byte[]> transactionLines() {
    List<byte[]> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir())) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().matches("transactions.*\\.jsonl"))
              .sorted()
              .toList()) {
        byte[] all = Files.readAllBytes(f);
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
          if (i == all.length || all[i] == '\n') {
            if (i > start) {
              byte[] line = new byte[i - start];
              System.arraycopy(all, start, line, 0, line.length);
              lines.add(line);
            }
            start = i + 1;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** Every line of testdata/transactions*.jsonl that the transaction contract accepts. */
  public static List<Transaction> transactions() {
    RecordDecoder<Transaction> decoder =
        new RecordDecoder<>(EventType.TRANSACTION, 256 * 1024, Duration.standardDays(1));
    List<Transaction> out = new ArrayList<>();
    for (byte[] line : transactionLines()) {
      try {
        out.add(decoder.decode(line, NOW));
      } catch (ValidationException e) {
        // A dead letter in the jobs: not a transaction.
      }
    }
    return out;
  }
}
