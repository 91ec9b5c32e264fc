package io.realtimepipelines.pipelines.vitals;

import io.realtimepipelines.vitals.KeySource;
import io.realtimepipelines.vitals.Pseudonymiser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The pseudonym key of {@code --pseudonymKeyEnv} (an environment variable's name) or {@code
 * --pseudonymKeyFile} (a file whose first line is the key): at least 32 characters, e.g. {@code
 * openssl rand -hex 32}. Only the name of the place travels with the pipeline; each worker reads
 * the key itself, and no message ever contains it.
 */
final class PseudonymKeys {
  private PseudonymKeys() {}

  /** The key in an environment variable. */
  static final class FromEnv implements KeySource {
    private static final long serialVersionUID = 1L;
    private final String name;

    FromEnv(String name) {
      this.name = name;
    }

    @Override
    public byte[] read() {
      String value = System.getenv(name);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(describe() + " is not set or empty");
      }
      return checked(value.trim());
    }

    @Override
    public String describe() {
      return "environment variable " + name;
    }

    private byte[] checked(String key) {
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < Pseudonymiser.MIN_KEY_BYTES) {
        throw new IllegalStateException(
            "the pseudonym key in "
                + describe()
                + " has "
                + bytes.length
                + " bytes; use at least "
                + Pseudonymiser.MIN_KEY_BYTES
                + " (e.g. openssl rand -hex 32)");
      }
      return bytes;
    }
  }

  /** The key on the first line of a file. */
  static final class FromFile implements KeySource {
    private static final long serialVersionUID = 1L;
    private final String path;

    FromFile(String path) {
      this.path = path;
    }

    @Override
    public byte[] read() {
      List<String> lines;
      try {
        lines = Files.readAllLines(Paths.get(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read " + describe() + ": " + e.getClass().getSimpleName());
      }
      String key = lines.isEmpty() ? "" : lines.get(0).trim();
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < Pseudonymiser.MIN_KEY_BYTES) {
        throw new IllegalStateException(
            "the pseudonym key in "
                + describe()
                + " has "
                + bytes.length
                + " bytes on its first line; use at least "
                + Pseudonymiser.MIN_KEY_BYTES
                + " (e.g. openssl rand -hex 32)");
      }
      return bytes;
    }

    @Override
    public String describe() {
      return "file " + Path.of(path).toAbsolutePath().normalize();
    }
  }
}
