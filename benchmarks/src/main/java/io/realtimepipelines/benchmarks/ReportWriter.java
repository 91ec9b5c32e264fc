package io.realtimepipelines.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code results.md} and {@code results.json}: the machine, then the sections in order. */
final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  static void write(
      Path dir, Machine machine, List<String> commandLine, List<ReportSection> sections)
      throws IOException {
    Files.createDirectories(dir);
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Measured %s on %d cores (%s), %.1f GiB RAM, %s, %s.%n%n",
            machine.date(),
            machine.cores(),
            machine.cpu(),
            machine.ramBytes() / (double) (1L << 30),
            machine.java(),
            machine.os()));
    md.append("```\nscripts/benchmark ").append(String.join(" ", commandLine)).append("\n```\n");
    for (ReportSection s : sections) {
      md.append("\n## ").append(s.title()).append("\n\n").append(s.markdown().strip()).append('\n');
    }
    Files.writeString(dir.resolve("results.md"), md);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", machine.toJson());
    json.put("commandLine", commandLine);
    for (ReportSection s : sections) {
      json.put(s.key(), s.json());
    }
    JSON.writeValue(dir.resolve("results.json").toFile(), json);
  }
}
