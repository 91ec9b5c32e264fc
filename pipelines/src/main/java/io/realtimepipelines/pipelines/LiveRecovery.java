package io.realtimepipelines.pipelines;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Durable progress for live jobs, applied by the launcher to the command line (by option name, no
 * runner class): a Kafka source without {@code --maxRecords} on Flink gets checkpoints every {@link
 * #CHECKPOINT_INTERVAL_MILLIS} ms to {@code --stateDir} (default {@code
 * state/<job>-<consumerGroup>}), retained when the job stops or dies, a restart strategy, and on
 * start resumes from the newest completed checkpoint there (or {@code --fromSavepoint}). A lock
 * file keeps a second copy of the same job off the same folder. A value the user gives wins.
 *
 * <pre>
 * ./rtp fraud --source=KAFKA --sink=KAFKA --runner=FlinkRunner   # kill -9 it, run it again
 * </pre>
 */
final class LiveRecovery {
  /** Default checkpoint interval of a live Flink job: at most this much input is read twice. */
  static final long CHECKPOINT_INTERVAL_MILLIS = 10_000;

  /** Default restart strategy inside a running job (e.g. Redis or a broker away for a while). */
  static final int RESTART_ATTEMPTS = 1_000;

  static final long RESTART_DELAY_MILLIS = 5_000;

  /** Held for the life of the process: one job per state folder. */
  private static final java.util.Map<Path, FileLock> LOCKS = new java.util.HashMap<>();

  private LiveRecovery() {}

  /** True for an unbounded Kafka source. */
  static boolean isLiveKafka(List<String> args) {
    String source = RunnerDefaults.value(args, "source");
    String max = RunnerDefaults.value(args, "maxRecords");
    return source != null && source.equalsIgnoreCase("KAFKA") && (max == null || max.equals("0"));
  }

  /** The state folder of a job: --stateDir, else state/&lt;job&gt;-&lt;consumer group&gt;. */
  static Path stateDir(String job, List<String> args) {
    String dir = RunnerDefaults.value(args, "stateDir");
    if (dir != null) {
      return Paths.get(dir).toAbsolutePath().normalize();
    }
    String group = RunnerDefaults.value(args, "consumerGroup");
    String name = job + "-" + (group != null ? group : "rtp-" + job);
    return Paths.get("state", name.replaceAll("[^A-Za-z0-9._-]", "_")).toAbsolutePath().normalize();
  }

  /**
   * The command line with durable-progress defaults for a live Flink job; other runs unchanged.
   * Prints where the job resumes from.
   */
  static List<String> apply(String job, List<String> args, PrintStream out) {
    if (!isLiveKafka(args) || !RunnerDefaults.isFlink(args)) {
      return args;
    }
    List<String> out2 = new ArrayList<>(args);
    String interval = RunnerDefaults.value(args, "checkpointingInterval");
    if (interval != null && Long.parseLong(interval) <= 0) {
      return args; // checkpoints off on purpose: the job refuses it without --allowDataLossOnCrash
    }
    Path state = stateDir(job, args);
    Path checkpoints = state.resolve("checkpoints");
    try {
      Files.createDirectories(checkpoints);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot create --stateDir=" + state + ": " + e.getMessage(), e);
    }
    lock(state);
    add(out2, "checkpointingInterval", Long.toString(CHECKPOINT_INTERVAL_MILLIS));
    add(out2, "stateBackend", "filesystem");
    add(out2, "stateBackendStoragePath", checkpoints.toUri().toString());
    add(out2, "externalizedCheckpointsEnabled", "true");
    add(out2, "retainExternalizedCheckpointsOnCancellation", "true");
    // Beam's Flink runner keeps a ring of numConcurrentCheckpoints + 1 buffers for
    // @RequiresStableInput steps (the exactly-once writer). A restored checkpoint brings its
    // pending buffers back, and they stay pending until the next checkpoint completes; a crash
    // soon after each restart adds one more. With the default ring of 2 the next buffer landed
    // on a pending one, and records were released before their checkpoint completed (duplicates
    // after the next crash, found by the fault suite). A ring of 33 with one checkpoint at a time
    // takes 32 crashes in a row, each before the restarted job completes a second checkpoint.
    add(out2, "numConcurrentCheckpoints", "32");
    // Also the first checkpoint's earliest time: Flink starts checkpointing after a random delay
    // between this pause and the interval. Beam's Flink source splits the Kafka source after the
    // job starts, and a checkpoint completed before that holds no partitions: a job restored from
    // it finishes at once with nothing read (the fault suite hit it with a first checkpoint 3 s
    // in). Splitting takes well under a second with a reachable broker.
    add(out2, "minPauseBetweenCheckpoints", "8000");
    add(out2, "numberOfExecutionRetries", Integer.toString(RESTART_ATTEMPTS));
    add(out2, "executionRetryDelay", Long.toString(RESTART_DELAY_MILLIS));

    String explicit = RunnerDefaults.value(args, "fromSavepoint");
    Optional<Path> restore =
        explicit != null
            ? Optional.of(Paths.get(explicit).toAbsolutePath())
            : latestCheckpoint(checkpoints);
    if (explicit != null && !Files.isRegularFile(restore.get().resolve("_metadata"))) {
      throw new IllegalArgumentException(
          "--fromSavepoint="
              + explicit
              + " holds no _metadata: give a savepoint or retained"
              + " checkpoint folder (e.g. "
              + checkpoints
              + "/<job id>/chk-<n>)");
    }
    if (restore.isPresent()) {
      if (explicit == null) {
        removeOlderThan(checkpoints, restore.get());
      }
      out.println(
          "Resuming from " + restore.get() + " (state and Kafka offsets of that checkpoint)");
      restoreFrom(out2, restore.get());
    } else {
      out.println(
          "First start in "
              + state
              + ": no checkpoint yet; Kafka offsets of the consumer"
              + " group if it has any, else --startPosition");
    }
    return out2;
  }

  /** The checkpoint an embedded live job resumes from, as {@link #apply} configured it. */
  static Optional<Path> resumedFrom(List<String> effective) {
    String confDir = RunnerDefaults.value(effective, "flinkConfDir");
    Path file = confDir == null ? null : Paths.get(confDir, "flink-conf.yaml");
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String key = "execution.savepoint.path: ";
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(key)) {
          return Optional.of(Paths.get(java.net.URI.create(line.substring(key.length()).trim())));
        }
      }
    } catch (IOException e) {
      // No configuration to read: nothing was resumed as far as the launcher can tell.
    }
    return Optional.empty();
  }

  /**
   * What to tell the user when a live Kafka job on embedded Flink ended by itself, which it never
   * should; and, when it had resumed from one of its own checkpoints, the repair. Beam's Flink
   * source splits the Kafka source only after the job has started, and a checkpoint completed
   * before that holds no partitions: a job restored from it reads nothing and finishes at once, and
   * so would every restart. Such a checkpoint holds nothing read either (nothing was read before
   * the split), so its runs are moved to {@code <stateDir>/unusable/<time>/} and the next start is
   * a first start.
   */
  static String endedByItself(String job, List<String> effective) {
    String ended = "the live job ended by itself; a job reading Kafka never should.";
    Optional<Path> from = resumedFrom(effective);
    Path state = stateDir(job, effective);
    Path checkpoints = state.resolve("checkpoints");
    if (from.isEmpty() || !from.get().startsWith(checkpoints)) {
      return ended + " Its checkpoints are left as they are.";
    }
    Path aside = state.resolve("unusable").resolve(Long.toString(System.currentTimeMillis()));
    try (Stream<Path> runs = Files.list(checkpoints)) {
      Files.createDirectories(aside);
      for (Path run : (Iterable<Path>) runs::iterator) {
        Files.move(run, aside.resolve(run.getFileName()));
      }
    } catch (IOException e) {
      return ended
          + " It had resumed from "
          + from.get()
          + ", which holds no Kafka partitions, and moving it aside failed ("
          + e.getMessage()
          + "): move "
          + checkpoints
          + "/* away before the next start.";
    }
    return ended
        + " It had resumed from "
        + from.get()
        + ", a checkpoint completed before the Kafka source was split, which holds no partitions"
        + " (and nothing read). Its checkpoints are now in "
        + aside
        + "; start the job again: it starts as a first start, from the consumer group's"
        + " committed offsets, else --startPosition.";
  }

  /** The newest completed checkpoint (a chk-N folder with its _metadata) under {@code dir}. */
  static Optional<Path> latestCheckpoint(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> jobs = Files.list(dir)) {
      List<Path> done = new ArrayList<>();
      for (Path j : (Iterable<Path>) jobs::iterator) {
        if (!Files.isDirectory(j)) {
          continue;
        }
        try (Stream<Path> chks = Files.list(j)) {
          chks.filter(c -> c.getFileName().toString().startsWith("chk-"))
              .filter(c -> Files.isRegularFile(c.resolve("_metadata")))
              .forEach(done::add);
        }
      }
      // Flink writes _metadata last and atomically (a rename), so its time orders completion.
      return done.stream().max(Comparator.comparingLong(LiveRecovery::metadataTime));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  private static long metadataTime(Path chk) {
    try {
      return Files.getLastModifiedTime(chk.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }

  /** Deletes the folders of earlier runs except the one holding {@code keep}. */
  private static void removeOlderThan(Path checkpoints, Path keep) {
    Path keepJob = keep.getParent();
    try (Stream<Path> jobs = Files.list(checkpoints)) {
      for (Path j : (Iterable<Path>) jobs::iterator) {
        if (Files.isDirectory(j) && !j.equals(keepJob)) {
          deleteTree(j);
        }
      }
    } catch (IOException e) {
      // Old checkpoints only cost disk space.
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Restores from {@code path}: a cluster takes --savepointPath; the embedded MiniCluster only
   * reads it from its configuration (execution.savepoint.path), so the launcher's generated
   * flink-conf.yaml (or a copy of the user's) gets it.
   */
  private static void restoreFrom(List<String> args, Path path) {
    String master = RunnerDefaults.value(args, "flinkMaster");
    boolean embedded = master == null || master.equals("[local]") || master.equals("[auto]");
    if (!embedded) {
      add(args, "savepointPath", path.toString());
      return;
    }
    String confDir = RunnerDefaults.value(args, "flinkConfDir");
    try {
      Path dir = Files.createTempDirectory("rtp-flink-conf");
      dir.toFile().deleteOnExit();
      StringBuilder conf = new StringBuilder();
      if (confDir != null && Files.isRegularFile(Paths.get(confDir, "flink-conf.yaml"))) {
        conf.append(Files.readString(Paths.get(confDir, "flink-conf.yaml"), StandardCharsets.UTF_8))
            .append('\n');
      }
      conf.append("execution.savepoint.path: ").append(path.toUri()).append('\n');
      String allow = RunnerDefaults.value(args, "allowNonRestoredState");
      if (allow != null) {
        conf.append("execution.savepoint.ignore-unclaimed-state: ").append(allow).append('\n');
      }
      Path file = dir.resolve("flink-conf.yaml");
      Files.writeString(file, conf.toString(), StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
      args.removeIf(a -> a.startsWith("--flinkConfDir="));
      args.add("--flinkConfDir=" + dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a Flink configuration", e);
    }
  }

  private static synchronized void lock(Path state) {
    if (LOCKS.containsKey(state)) {
      return;
    }
    String busy =
        "another job is running with --stateDir="
            + state
            + "; stop it first, or give"
            + " this one its own --stateDir and --consumerGroup";
    try {
      FileChannel channel =
          FileChannel.open(
              state.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        channel.close();
        throw new IllegalArgumentException(busy);
      }
      LOCKS.put(state, l);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot lock --stateDir=" + state + ": " + e.getMessage(), e);
    }
  }

  private static void add(List<String> args, String name, String value) {
    if (RunnerDefaults.value(args, name) == null) {
      args.add("--" + name + "=" + value);
    }
  }
}
