package io.realtimepipelines.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.GeneratedCatalog;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.pricing.CatalogFile;
import io.realtimepipelines.pricing.CatalogEntry;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The input files of the runs, made once and kept under the work folder: N events of one type from
 * the jar's own {@code generate} job (seed {@value GeneratorConfig#DEFAULT_SEED}, default anomaly
 * rate, no bad records), and for pricing the generated products' catalogue, the one {@code pricing
 * --source=GENERATOR} uses, written as a {@code --catalog} file. Every runner and the baseline then
 * read the very same bytes.
 */
final class Inputs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SMALL = 10_000;

  private final JarLauncher jar;
  private final Path dir;
  private final PrintStream log;

  Inputs(JarLauncher jar, Path dir, PrintStream log) {
    this.jar = jar;
    this.dir = dir;
    this.log = log;
  }

  /** The file of {@code events} events of {@code type}, generating it when missing. */
  Path events(EventType type, long events) throws IOException, InterruptedException {
    Path file =
        dir.resolve(
            String.format(
                Locale.ROOT,
                "%s-%d-seed%d.jsonl",
                type.wireName(),
                events,
                GeneratorConfig.DEFAULT_SEED));
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(dir);
    Path out = Files.createTempDirectory(dir, "generate-");
    log.printf(
        Locale.ROOT, "generating %,d %s events into %s ...%n", events, type.wireName(), file);
    // The generator is deterministic per index, so the runner does not change the events: Direct
    // starts fastest, Flink is the faster one beyond a few thousand events.
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--eventType=" + type.name(),
                "--count=" + events,
                "--seed=" + GeneratorConfig.DEFAULT_SEED,
                "--numShards=1",
                "--outputDir=" + out));
    args.addAll(
        events <= SMALL
            ? List.of("--runner=DirectRunner")
            : List.of("--runner=FlinkRunner", "--parallelism=2"));
    ChildRun.Measurement m =
        jar.run(args, out.resolve("tmp"), dir.resolve("generate-" + type.wireName() + ".log"));
    Path part;
    try (Stream<Path> files = Files.list(out.resolve("generate").resolve("events"))) {
      part =
          files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).findFirst().orElse(null);
    } catch (IOException e) {
      part = null;
    }
    if (m.exitCode() != 0 || part == null) {
      throw new IOException("generate failed (exit " + m.exitCode() + "), see " + m.log());
    }
    long lines;
    try (Stream<String> s = Files.lines(part)) {
      lines = s.count();
    }
    if (lines != events) {
      throw new IOException("generate wrote " + lines + " lines, expected " + events + ": " + part);
    }
    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
    JarLauncher.delete(out);
    log.printf(Locale.ROOT, "  done in %.0f s%n", m.wallSeconds());
    return file;
  }

  /** The generated products' catalogue as a {@code --catalog} file. */
  Path catalog() throws IOException {
    Path file = dir.resolve("catalog-seed" + GeneratorConfig.DEFAULT_SEED + ".jsonl");
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "catalog-", ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
      for (CatalogEntry e : GeneratedCatalog.of(GeneratorConfig.defaults())) {
        w.write(EventJson.toJson(e, CatalogEntry.class));
        w.newLine();
      }
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** A {@code --catalog} file read as the pricing job reads it. */
  static List<CatalogEntry> readCatalog(Path file) throws IOException {
    List<CatalogEntry> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(CatalogFile.fromJson(JSON.readTree(line)));
        }
      }
    }
    return out;
  }
}
