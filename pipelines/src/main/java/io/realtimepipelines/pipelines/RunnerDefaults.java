package io.realtimepipelines.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Safe local defaults for the embedded runners, applied to the command line before parsing, by
 * option name only (no runner class is touched): embedded Flink and Spark listen on 127.0.0.1 only;
 * Flink streaming gets small bundles and a frequent watermark (low latency, and Beam's defaults did
 * not keep up with a Kafka job); the Direct runner skips its debugging checks for local runs and
 * uses few runner keys. A value the user gives always wins.
 */
final class RunnerDefaults {
  /** --keyShards on the Direct runner (fraud 20k events: 145 s with 128, 18 s with 4). */
  static final int DIRECT_KEY_SHARDS = 4;

  /**
   * Flink streaming's --maxBundleTimeMills; 100 when a job decides on arrival without Redis on the
   * way (Redis lookups and serving writes wait for a bundle's end).
   */
  static final String BUNDLE_MILLIS = "10";

  static final String ON_ARRIVAL_BUNDLE_MILLIS = "100";

  /** Embedded Flink's network buffer timeout; 0 (send per record) when deciding on arrival. */
  static final int BUFFER_TIMEOUT_MS = 5;

  private RunnerDefaults() {}

  static String runner(List<String> args) {
    String value = value(args, "runner");
    return value == null ? "DirectRunner" : value;
  }

  /**
   * Whether {@code --runner} names the Flink runner, as Beam accepts it (any case, short or full
   * name).
   */
  static boolean isFlink(List<String> args) {
    return runner(args).toLowerCase(Locale.ROOT).contains("flink");
  }

  static boolean isSpark(List<String> args) {
    return runner(args).toLowerCase(Locale.ROOT).contains("spark");
  }

  static boolean isDirect(List<String> args) {
    return runner(args).toLowerCase(Locale.ROOT).contains("direct");
  }

  /**
   * Whether a Flink run starts its own MiniCluster here: no {@code --flinkMaster}, or {@code
   * [local]}. {@code [auto]} means "the environment I am submitted from" (Flink's {@code flink run}
   * front end), as does a missing master when {@code FLINK_CONF_DIR} is set (Flink's scripts set
   * it): the cluster's configuration then stays untouched.
   */
  static boolean isEmbeddedFlink(List<String> args, Map<String, String> env) {
    String master = value(args, "flinkMaster");
    return "[local]".equals(master) || (master == null && env.get("FLINK_CONF_DIR") == null);
  }

  static List<String> apply(List<String> args) {
    return apply(args, System.getenv());
  }

  static List<String> apply(List<String> args, Map<String, String> env) {
    List<String> out = new ArrayList<>(args);
    if (isFlink(args)) {
      boolean onArrival = decidesOnArrival(args);
      if (isEmbeddedFlink(args, env) && value(args, "flinkConfDir") == null) {
        out.add("--flinkConfDir=" + loopbackFlinkConf(onArrival ? 0 : BUFFER_TIMEOUT_MS));
      }
      // Streaming: Beam's defaults (bundles of up to 1000 elements or 1 s, a watermark every
      // 200 ms) capped a Kafka fraud job near 200 events/s with idle CPU; these keep up at
      // 2,000/s (BENCHMARKS.md). Batch runs do not use them. The bundle time also sets the
      // latency: Beam's Flink operator passes the watermark on only when its bundle ends, so each
      // operator on the watermark's path adds up to 1.5 x maxBundleTimeMills (fraud: 8 of them
      // since each keyed stage is one step); 2 ms fills 2 cores with bundle checks, 50 ms cannot
      // keep up with 500/s.
      // Deciding on arrival takes the decisions off the watermark's path, so the bundle tick no
      // longer sets their latency, only its cost: every Beam operator checks its bundle every
      // maxBundleTimeMills / 2 on Flink's timer thread, which at 10 ms was the largest single CPU
      // item of a live fraud job at 500/s (0.38 of 1.12 cores; BENCHMARKS.md, "Bundle ticks when
      // deciding on arrival"). Not with Redis lookups or serving: those wait for a bundle's end.
      // The watermark then lags more, which on arrival only delays expiring state.
      addIfAbsent(out, "maxBundleSize", "100");
      boolean longBundles =
          onArrival
              && !Boolean.parseBoolean(value(args, "redisLookups"))
              && !Boolean.parseBoolean(value(args, "redisServing"));
      addIfAbsent(
          out, "maxBundleTimeMills", longBundles ? ON_ARRIVAL_BUNDLE_MILLIS : BUNDLE_MILLIS);
      addIfAbsent(out, "autoWatermarkInterval", "10");
      // Flink's heap state backend copies a runner key's whole state the first time the key is
      // touched while a checkpoint is written: with 128 runner keys per keyed stage that is every
      // account, IP and merchant state, every 10 s, on the thread that decides. One runner key per
      // entity copies only what is touched: at 2,000/s on arrival, p99 78 ms against 135 ms with
      // 128, and 24 ms (median of 3) with deduplication's compact state too (BENCHMARKS.md,
      // "Checkpoints copy whole runner keys"). Files keep 128: per entity was slower there.
      if (onArrival) {
        addIfAbsent(out, "keyShards", "0");
      }
    } else if (isSpark(args)) {
      String master = value(args, "sparkMaster");
      if (master == null || master.startsWith("local")) {
        setIfAbsent("spark.driver.host", "127.0.0.1");
        setIfAbsent("spark.driver.bindAddress", "127.0.0.1");
        setIfAbsent("spark.ui.enabled", "false");
      }
      // Beam caches a dataset that several steps read, by default MEMORY_ONLY: under memory
      // pressure Spark evicts it and recomputes it, counting its steps' counters twice (a
      // 1M-event fraud run read "2,000,000" and failed its accounting). MEMORY_AND_DISK ran out of
      // memory at -Xmx4g on that run; DISK_ONLY (the cache as coder bytes on local disk) passed it
      // in 187 s with 173 CPU-s, against 279 CPU-s per 1M for MEMORY_ONLY at 200k (BENCHMARKS.md).
      addIfAbsent(out, "storageLevel", "DISK_ONLY");
    } else if (isDirect(args)) {
      // Immutability/encodability checks are for testing transforms; they halve local speed.
      addIfAbsent(out, "enforceImmutability", "false");
      addIfAbsent(out, "enforceEncodability", "false");
      // It runs each runner key's work as its own bundle: few keys are several times faster.
      addIfAbsent(out, "keyShards", Integer.toString(DIRECT_KEY_SHARDS));
      // Return from run() at once so that the launcher can print progress.
      addIfAbsent(out, "blockOnRun", "false");
    }
    return out;
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private static void addIfAbsent(List<String> args, String name, String value) {
    if (value(args, name) == null) {
      args.add("--" + name + "=" + value);
    }
  }

  static String value(List<String> args, String name) {
    String prefix = "--" + name + "=";
    String found = null;
    for (String a : args) {
      if (a.startsWith(prefix)) {
        found = a.substring(prefix.length());
      } else if (a.equals("--" + name)) {
        found = "true";
      }
    }
    return found;
  }

  /** {@code --decideOnArrival} (fraud), as Beam parses a boolean flag. */
  static boolean decidesOnArrival(List<String> args) {
    return Boolean.parseBoolean(value(args, "decideOnArrival"));
  }

  private static Path loopbackFlinkConf(int bufferTimeoutMs) {
    try {
      Path dir = Files.createTempDirectory("rtp-flink-conf");
      dir.toFile().deleteOnExit();
      Path conf = dir.resolve("flink-conf.yaml");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "rest.address: 127.0.0.1",
              "rest.bind-address: 127.0.0.1",
              "jobmanager.rpc.address: 127.0.0.1",
              "jobmanager.bind-host: 127.0.0.1",
              "taskmanager.host: 127.0.0.1",
              "taskmanager.bind-host: 127.0.0.1",
              // Send network buffers after at most 5 ms instead of 100 ms: lower latency (0: per
              // record, when deciding on arrival). Flink 1.19's key: the older
              // execution.buffer-timeout logs a warning per operator.
              "execution.buffer-timeout.interval: " + bufferTimeoutMs + " ms",
              ""),
          StandardCharsets.UTF_8);
      conf.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a loopback Flink configuration", e);
    }
  }
}
