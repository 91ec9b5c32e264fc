package io.realtimepipelines.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile records in files, through the jobs as a user runs them (validate, fraud,
 * pricing): exit 0, each hostile line a dead letter with its code and a bounded payload, and every
 * valid neighbour's output the same as without them.
 */
class HostileFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Hostile variants of {@code good} (whose number field is {@code "price":10} or similar). */
  private static List<byte[]> hostile(String good, String numberField, String idField, String id) {
    List<byte[]> out = new ArrayList<>();
    for (String n : List.of("1e400", "-1e400", "1e-10000", "-1e-999999999")) {
      out.add(
          good.replaceFirst("\"" + numberField + "\":[0-9.]+", "\"" + numberField + "\":" + n)
              .getBytes(StandardCharsets.UTF_8));
    }
    out.add(
        good.replace("\"" + idField + "\":\"" + id + "\"", "\"" + idField + "\":\"\\ud800\"")
            .getBytes(StandardCharsets.UTF_8));
    out.add(
        good.replace("\"" + idField + "\":\"" + id + "\"", "\"" + idField + "\":\"a\\u0000b\"")
            .getBytes(StandardCharsets.UTF_8));
    out.add(
        good.replace("\"" + id + "\"", "\"" + "x".repeat(1 << 20) + "\"")
            .getBytes(StandardCharsets.UTF_8));
    out.add(
        good.replace("}", ",\"x\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")
            .getBytes(StandardCharsets.UTF_8));
    out.add(new byte[] {'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'});
    return out;
  }

  private static Path withHostileLines(Path dir, Path clean, List<byte[]> bad) throws Exception {
    Path file = dir.resolve("hostile-" + clean.getFileName());
    try (OutputStream o = Files.newOutputStream(file)) {
      for (String line : Files.readAllLines(clean)) {
        o.write(line.getBytes(StandardCharsets.UTF_8));
        o.write('\n');
        if (!bad.isEmpty()) {
          o.write(bad.remove(0));
          o.write('\n');
        }
      }
      for (byte[] b : bad) {
        o.write(b);
        o.write('\n');
      }
    }
    return file;
  }

  private static int run(ByteArrayOutputStream out, String... args) {
    return Launcher.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  /** Output lines of one output folder, sorted. */
  private static List<String> lines(Path folder) throws Exception {
    List<String> all = new ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        all.addAll(Files.readAllLines(f));
      }
    }
    all.sort(null);
    return all;
  }

  private static Map<String, Long> deadLetterCodes(Path folder) throws Exception {
    Map<String, Long> codes = new TreeMap<>();
    for (String line : lines(folder)) {
      JsonNode d = JSON.readTree(line);
      codes.merge(d.get("errorCode").asText(), 1L, Long::sum);
      assertTrue(d.get("payload").asText().length() <= 64 * 1024, "bounded payload");
      assertEquals(64, d.get("payloadSha256").asText().length());
    }
    return codes;
  }

  private static final Map<String, Long> EXPECTED =
      Map.of(
          "INVALID_VALUE",
          6L,
          "PAYLOAD_TOO_LARGE",
          1L,
          "MALFORMED_JSON",
          1L,
          "INVALID_ENCODING",
          1L);

  @Test
  void validateAndFraudKeepTheirNeighboursAndNameEveryHostileLine(@TempDir Path dir)
      throws Exception {
    Path clean = TestData.path("transactions.jsonl");
    String first = Files.readAllLines(clean).get(0);
    JsonNode t = JSON.readTree(first);
    List<byte[]> bad = hostile(first, "amount", "txnId", t.get("txnId").asText());
    Path dirty = withHostileLines(dir, clean, new ArrayList<>(bad));
    for (String job : List.of("validate", "fraud")) {
      String main = job.equals("validate") ? "valid" : "decisions";
      ByteArrayOutputStream a = new ByteArrayOutputStream();
      assertEquals(
          0,
          run(a, job, "--input=" + clean, "--outputDir=" + dir.resolve(job + "-clean")),
          a.toString());
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      assertEquals(
          0,
          run(b, job, "--input=" + dirty, "--outputDir=" + dir.resolve(job + "-dirty")),
          b.toString());
      assertEquals(
          lines(dir.resolve(job + "-clean").resolve(job).resolve(main)),
          lines(dir.resolve(job + "-dirty").resolve(job).resolve(main)),
          job + ": neighbours unchanged");
      Map<String, Long> codes =
          deadLetterCodes(dir.resolve(job + "-dirty").resolve(job).resolve("dead-letters"));
      Map<String, Long> before =
          deadLetterCodes(dir.resolve(job + "-clean").resolve(job).resolve("dead-letters"));
      EXPECTED.forEach(
          (code, n) ->
              assertEquals(
                  before.getOrDefault(code, 0L) + n,
                  codes.getOrDefault(code, 0L),
                  job + " " + code));
    }
  }

  @Test
  void pricingKeepsItsNeighboursAndNamesEveryHostileClick(@TempDir Path dir) throws Exception {
    Path clean = TestData.path("clicks.jsonl");
    String first = Files.readAllLines(clean).get(0);
    JsonNode c = JSON.readTree(first);
    List<byte[]> bad = hostile(first, "price", "eventId", c.get("eventId").asText());
    Path dirty = withHostileLines(dir, clean, new ArrayList<>(bad));
    String catalog = "--catalog=" + TestData.path("catalog.jsonl");
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    assertEquals(
        0,
        run(a, "pricing", "--input=" + clean, catalog, "--outputDir=" + dir.resolve("clean")),
        a.toString());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    assertEquals(
        0,
        run(b, "pricing", "--input=" + dirty, catalog, "--outputDir=" + dir.resolve("dirty")),
        b.toString());
    assertEquals(
        lines(dir.resolve("clean/pricing/price-updates")),
        lines(dir.resolve("dirty/pricing/price-updates")),
        "neighbours unchanged");
    Map<String, Long> codes = deadLetterCodes(dir.resolve("dirty/pricing/dead-letters"));
    EXPECTED.forEach((code, n) -> assertEquals(n, codes.getOrDefault(code, 0L), code));
  }
}
