package io.realtimepipelines.pipelines.fraud;

import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.fraud.RulesSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fraud rules from a file that is re-read when it changes, checked at most every {@code
 * reloadSeconds}. A change that does not parse or validate is rejected with its problems logged and
 * counted ({@code rtp/fraud.rules.rejected}); the previous version stays in force. Each worker
 * reads the file itself, so on a cluster it must be on a path every worker sees.
 */
public final class WatchedRulesFile implements RulesSource {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(WatchedRulesFile.class);

  private final String path;
  private final long reloadMillis;
  private final FraudRules initial;
  private final LongSupplier clock;

  private transient FraudRules current;
  private transient FileTime loadedModified;
  private transient long lastCheck;
  private transient Counter rejected;
  private transient Counter reloaded;

  WatchedRulesFile(String path, long reloadSeconds, FraudRules initial, LongSupplier clock) {
    this.path = path;
    this.reloadMillis = reloadSeconds * 1000;
    this.initial = initial;
    this.clock = clock;
  }

  /** Loads the file now (failing when it is invalid), then watches it. 0 turns watching off. */
  public static WatchedRulesFile load(String path, long reloadSeconds) throws InvalidRulesFile {
    return load(
        path, reloadSeconds, (LongSupplier & java.io.Serializable) System::currentTimeMillis);
  }

  static WatchedRulesFile load(String path, long reloadSeconds, LongSupplier clock)
      throws InvalidRulesFile {
    try {
      return new WatchedRulesFile(path, reloadSeconds, read(Paths.get(path)), clock);
    } catch (IOException e) {
      throw new InvalidRulesFile("cannot read rules file " + path + ": " + e.getMessage());
    } catch (FraudRules.InvalidRulesException e) {
      throw new InvalidRulesFile(
          "rules file " + path + " is invalid:\n  " + String.join("\n  ", e.problems()));
    }
  }

  static FraudRules read(Path file) throws IOException, FraudRules.InvalidRulesException {
    return FraudRules.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  @Override
  public synchronized FraudRules current() {
    if (current == null) {
      current = initial;
      lastCheck = clock.getAsLong();
      rejected = Metrics.counter("rtp", "fraud.rules.rejected");
      reloaded = Metrics.counter("rtp", "fraud.rules.reloaded");
      loadedModified = modified();
      return current;
    }
    long now = clock.getAsLong();
    if (reloadMillis > 0 && now - lastCheck >= reloadMillis) {
      lastCheck = now;
      FileTime modified = modified();
      if (modified != null && !modified.equals(loadedModified)) {
        loadedModified = modified;
        try {
          FraudRules next = read(Paths.get(path));
          LOG.info(
              "fraud rules reloaded from {}: version {} (was {})",
              path,
              next.version,
              current.version);
          current = next;
          reloaded.inc();
        } catch (IOException | FraudRules.InvalidRulesException e) {
          rejected.inc();
          LOG.error(
              "fraud rules update in {} rejected, keeping version {}: {}",
              path,
              current.version,
              e.getMessage());
        }
      }
    }
    return current;
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(Paths.get(path));
    } catch (IOException e) {
      return null;
    }
  }

  /** The rules file given at start could not be used. */
  public static final class InvalidRulesFile extends Exception {
    InvalidRulesFile(String message) {
      super(message);
    }
  }
}
