package io.realtimepipelines.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts measured child JVMs: a job from the bundled jar ({@code java -jar}, whose manifest carries
 * the {@code Add-Opens} Spark needs), or a class of this module (the baseline, JMH) on the
 * harness's own classpath. Each gets the same heap limit and its own {@code java.io.tmpdir},
 * removed afterwards, because embedded Flink and Spark leave files there.
 */
final class JarLauncher {
  private final Path jar;
  private final String heap;
  private final Path workDir;
  private final long timeoutSeconds;

  JarLauncher(Path jar, String heap, Path workDir, long timeoutSeconds) {
    this.jar = jar;
    this.heap = heap;
    this.workDir = workDir;
    this.timeoutSeconds = timeoutSeconds;
  }

  Path jar() {
    return jar;
  }

  String heap() {
    return heap;
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -Xmx… -jar <bundled jar> <args>}. */
  ChildRun.Measurement run(List<String> args, Path tmpDir, Path log)
      throws IOException, InterruptedException {
    List<String> cmd = jvm(tmpDir);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(args);
    return measure(cmd, tmpDir, log);
  }

  /** {@code java -Xmx… -cp <this classpath> <mainClass> <args>}. */
  ChildRun.Measurement runClass(String mainClass, List<String> args, Path tmpDir, Path log)
      throws IOException, InterruptedException {
    return runClass(mainClass, List.of(), args, tmpDir, log);
  }

  /** {@code java -Xmx… <jvmArgs> -cp <this classpath> <mainClass> <args>}. */
  ChildRun.Measurement runClass(
      String mainClass, List<String> jvmArgs, List<String> args, Path tmpDir, Path log)
      throws IOException, InterruptedException {
    List<String> cmd = jvm(tmpDir);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return measure(cmd, tmpDir, log);
  }

  private List<String> jvm(Path tmpDir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.add("-Xmx" + heap);
    cmd.add("-Djava.io.tmpdir=" + tmpDir.toAbsolutePath());
    cmd.add("-Djava.awt.headless=true");
    return cmd;
  }

  private ChildRun.Measurement measure(List<String> cmd, Path tmpDir, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(tmpDir);
    try {
      return ChildRun.run(cmd, workDir, log, timeoutSeconds);
    } finally {
      delete(tmpDir);
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
