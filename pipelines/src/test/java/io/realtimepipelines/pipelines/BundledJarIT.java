package io.realtimepipelines.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the bundled jar exactly as a user does ({@code java -jar pipelines-bundled.jar validate
 * --runner=…}), with no JVM flags: the manifest must open what Spark needs on Java 17, and the
 * embedded Flink and Spark must listen on the loopback interface only.
 */
class BundledJarIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"DirectRunner", "FlinkRunner", "SparkRunner"})
  void validateRunsFromTheBundledJar(String runner, @TempDir Path out) throws Exception {
    Path jar = Paths.get(System.getProperty("bundledJar", "target/pipelines-bundled.jar"));
    assertTrue(Files.isRegularFile(jar), "bundled jar missing: " + jar);
    Path log = out.resolve("run.log");
    List<String> command =
        List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + out,
            "-jar",
            jar.toString(),
            "validate",
            "--runner=" + runner,
            "--input=" + TestData.path("transactions*.jsonl"),
            "--outputDir=" + out.resolve("output"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Set<String> listening = new HashSet<>();
    while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
      listening.addAll(ListeningSockets.of(process.pid()));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("read = valid + dead letters + duplicates: ok"), output);

    long input =
        TestData.lineCount("transactions.jsonl") + TestData.lineCount("transactions-bad.jsonl");
    long written =
        TestData.outputLines(out.resolve("output/validate/valid")).size()
            + TestData.outputLines(out.resolve("output/validate/dead-letters")).size()
            + TestData.outputLines(out.resolve("output/validate/duplicates")).size();
    assertEquals(input, written, output);

    if (!runner.equals("DirectRunner")) {
      // Embedded Flink (REST, RPC) and Spark (driver RPC, block manager) do listen: the check saw
      // them.
      assertTrue(!listening.isEmpty(), runner + ": no listening socket observed, check is blind");
    }
    List<String> exposed = new ArrayList<>();
    for (String address : listening) {
      if (!ListeningSockets.isLoopback(address)) {
        exposed.add(address);
      }
    }
    assertTrue(exposed.isEmpty(), runner + " listened beyond loopback: " + exposed);
  }

  /** Listening TCP sockets of one process, read from /proc (Linux). */
  static final class ListeningSockets {
    private ListeningSockets() {}

    static Set<String> of(long pid) {
      Set<String> inodes = new HashSet<>();
      Path fds = Paths.get("/proc", Long.toString(pid), "fd");
      try (var stream = Files.newDirectoryStream(fds)) {
        for (Path fd : stream) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException e) {
            // fd closed while listing
          }
        }
      } catch (IOException e) {
        return Set.of();
      }
      Set<String> out = new HashSet<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        try {
          for (String line : Files.readAllLines(Paths.get(table))) {
            String[] f = line.trim().split("\\s+");
            // f[1] local address, f[3] state (0A = LISTEN), f[9] inode
            if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
              out.add(f[1]);
            }
          }
        } catch (IOException e) {
          // no such table
        }
      }
      return out;
    }

    /** 127.0.0.0/8 or ::1 (or the IPv4-mapped 127.x), in /proc's hex notation. */
    static boolean isLoopback(String hexAddressAndPort) {
      String hex = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
      if (hex.length() == 8) {
        return hex.endsWith("7F"); // little-endian: first octet last
      }
      return hex.equals("00000000000000000000000001000000")
          || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }
  }
}
