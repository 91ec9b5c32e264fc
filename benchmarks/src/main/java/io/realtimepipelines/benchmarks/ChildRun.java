package io.realtimepipelines.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a child process and measures it: wall time, CPU seconds (user + system) and
 * peak resident memory, read from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status} ({@code
 * VmHWM}, the kernel's own high-water mark) every {@link #SAMPLE_MILLIS} ms. The last sample before
 * exit misses at most that much CPU time, under 1% of any run worth measuring. Output (stdout and
 * stderr together) goes to a log file for the summary parser and for the reader of a failed run.
 */
final class ChildRun {
  static final long SAMPLE_MILLIS = 100;

  /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ChildRun() {}

  /** What one child process did and cost. */
  record Measurement(
      int exitCode,
      boolean timedOut,
      double wallSeconds,
      double cpuSeconds,
      long peakRssBytes,
      Path log) {

    /** The log's text, empty when it cannot be read. */
    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
  }

  /**
   * Runs {@code command} in {@code workDir}, output to {@code log}; kills it (and its children)
   * after {@code timeoutSeconds}.
   */
  static Measurement run(List<String> command, Path workDir, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    long start = System.nanoTime();
    Process p = pb.start();
    long pid = p.pid();
    double cpu = 0;
    long rss = 0;
    boolean timedOut = false;
    long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!p.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
      cpu = Math.max(cpu, cpuSeconds(pid));
      rss = Math.max(rss, peakRssBytes(pid));
      if (System.nanoTime() > deadline) {
        timedOut = true;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
        break;
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new Measurement(p.exitValue(), timedOut, wall, cpu, rss, log);
  }

  /** utime + stime of {@code pid} in seconds, 0 when it is gone. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state): utime is field 14, stime field 15.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** VmHWM of {@code pid} in bytes, 0 when it is gone. */
  static long peakRssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          String kb = line.substring("VmHWM:".length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone between two samples
    }
    return 0;
  }
}
