package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the cluster tests share: the repository's scripts and bundled jar, processes with a log and
 * a deadline, the input files, and the outputs of a run read back for comparison.
 */
final class Clusters {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern READY_MILLIS = Pattern.compile("READY .* in (\\d+) ms");

  private Clusters() {}

  static Path repoRoot() {
    return Paths.get(System.getProperty("repoRoot", "..")).toAbsolutePath().normalize();
  }

  static Path bundledJar() {
    Path jar =
        Paths.get(System.getProperty("bundledJar", "../pipelines/target/pipelines-bundled.jar"))
            .toAbsolutePath()
            .normalize();
    assertTrue(Files.isRegularFile(jar), "build the bundled jar first: " + jar);
    return jar;
  }

  static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code target/<name>}, emptied: outputs and cluster folders of an earlier run removed. */
  static Path freshDir(String name) throws IOException {
    Path dir = Paths.get("target", name).toAbsolutePath();
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A finished process: its exit code and everything it printed. */
  record Ran(int exit, String output) {
    Ran assertOk(String what) {
      assertEquals(0, exit, what + " failed:\n" + tail());
      return this;
    }

    String tail() {
      return output.length() > 6000 ? "..." + output.substring(output.length() - 6000) : output;
    }
  }

  /** Runs {@code command} in {@code dir}, output to {@code log}; fails after {@code timeout}. */
  static Ran run(List<String> command, Path dir, Path log, Duration timeout) throws Exception {
    Process p = start(command, dir, log);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          "still running after "
              + timeout
              + ": "
              + command
              + "\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Ran(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  static Process start(List<String> command, Path dir, Path log) throws IOException {
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** The start time a cluster script printed on its READY line. */
  static long readyMillis(String output) {
    Matcher m = READY_MILLIS.matcher(output);
    assertTrue(m.find(), "no READY line:\n" + output);
    return Long.parseLong(m.group(1));
  }

  /**
   * A folder of transaction files: the repository's samples (valid, bad lines, a duplicate, the
   * seeded fraud patterns) and {@code generated} synthetic transactions with injected fraud and 2%
   * bad records.
   */
  static Path transactionFiles(Path dir, int generated) throws IOException {
    Files.createDirectories(dir);
    for (String name : List.of("transactions.jsonl", "transactions-bad.jsonl")) {
      Files.copy(repoRoot().resolve("testdata").resolve(name), dir.resolve(name));
    }
    EventGenerator gen =
        EventGenerators.create(
            EventType.TRANSACTION,
            GeneratorConfig.defaults().withSeed(16).withAccounts(2_000).withBadRate(0.02));
    try (Writer w =
        Files.newBufferedWriter(dir.resolve("generated.jsonl"), StandardCharsets.UTF_8)) {
      for (long n = 0; n < generated; n++) {
        w.write(gen.generate(n).json());
        w.write('\n');
      }
    }
    return dir;
  }

  /** Lines in the files of {@code dir}, by bytes (the bad samples hold invalid UTF-8). */
  static long lines(Path dir) throws IOException {
    long n = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        byte[] bytes = Files.readAllBytes(f);
        for (byte b : bytes) {
          if (b == '\n') {
            n++;
          }
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Every output of a job run under {@code outputDir/<job>/}: output name to its records, sorted
   * (the order of lines across shards is the runner's business, their content is not).
   */
  static Map<String, List<String>> outputs(Path outputDir, String job) throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    Path root = outputDir.resolve(job);
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        if (!Files.isDirectory(d)) {
          continue;
        }
        List<String> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(d)) {
          for (Path f :
              (Iterable<Path>)
                  files
                          .filter(Files::isRegularFile)
                          .filter(f -> !f.getFileName().toString().startsWith("."))
                      ::iterator) {
            records.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
          }
        }
        records.removeIf(String::isEmpty);
        records.replaceAll(Clusters::withoutProcessingTime);
        records.sort(null);
        out.put(d.getFileName().toString(), records);
      }
    }
    return out;
  }

  /**
   * A record without its {@code processingTime} (dead letters say when they were written, and an
   * out-of-range timestamp's message names it: all that differs between two runs of one input).
   */
  static String withoutProcessingTime(String record) {
    if (!record.contains("\"processingTime\"")) {
      return record;
    }
    String out = record;
    try {
      JsonNode node = JSON.readTree(record);
      if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove("processingTime");
        out = JSON.writeValueAsString(o);
      }
    } catch (IOException e) {
      // not JSON: compared as it is
    }
    // A timestamp too far ahead names the processing time it was compared with.
    return PROCESSING_TIME_IN_MESSAGE.matcher(out).replaceAll("processing time <now>");
  }

  private static final Pattern PROCESSING_TIME_IN_MESSAGE =
      Pattern.compile("processing time \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");

  static int total(Map<String, List<String>> outputs, String... names) {
    int n = 0;
    for (String name : names) {
      n += outputs.getOrDefault(name, List.of()).size();
    }
    return n;
  }

  /** Decision counts by action, for the report. */
  static Map<String, Integer> actions(List<String> decisions) throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    for (String d : decisions) {
      out.merge(JSON.readTree(d).get("action").asText(), 1, Integer::sum);
    }
    return out;
  }

  static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }
}
