package io.realtimepipelines.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JMH microbenchmarks of the hot paths, run in a child JVM with JMH's own forking ({@code
 * org.openjdk.jmh.Main -rf json}), one row per benchmark from JMH's JSON result.
 */
final class JmhSection implements ReportSection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Map<String, Object>> rows;
  private final String failure;
  private final String command;

  private JmhSection(List<Map<String, Object>> rows, String failure, String command) {
    this.rows = rows;
    this.failure = failure;
    this.command = command;
  }

  /** Runs the suite with JMH options {@code jmhArgs} (e.g. a benchmark regex, {@code -wi 1}). */
  static JmhSection run(JarLauncher launcher, Path outDir, Path workDir, List<String> jmhArgs)
      throws IOException, InterruptedException {
    Path result = outDir.resolve("jmh.json");
    List<String> args =
        new ArrayList<>(List.of("-rf", "json", "-rff", result.toAbsolutePath().toString()));
    args.addAll(jmhArgs);
    String command =
        "java -cp <benchmarks classpath> org.openjdk.jmh.Main " + String.join(" ", args);
    Files.deleteIfExists(result);
    ChildRun.Measurement m =
        launcher.runClass(
            "org.openjdk.jmh.Main",
            args,
            workDir.resolve("tmp-jmh"),
            outDir.resolve("logs").resolve("jmh.log"));
    if (m.exitCode() != 0 || !Files.exists(result)) {
      return new JmhSection(
          List.of(), "JMH failed (exit " + m.exitCode() + "), see " + m.log(), command);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode b : JSON.readTree(result.toFile())) {
      JsonNode p = b.get("primaryMetric");
      Map<String, Object> row = new LinkedHashMap<>();
      String name = b.get("benchmark").asText();
      row.put("benchmark", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
      row.put("mode", b.get("mode").asText());
      row.put("score", p.get("score").asDouble());
      row.put("error", p.get("scoreError").asDouble());
      row.put("unit", p.get("scoreUnit").asText());
      row.put("forks", b.get("forks").asInt());
      row.put("measurementIterations", b.get("measurementIterations").asInt());
      rows.add(row);
    }
    return new JmhSection(rows, null, command);
  }

  @Override
  public String title() {
    return "Microbenchmarks (JMH)";
  }

  @Override
  public String key() {
    return "jmh";
  }

  @Override
  public String markdown() {
    if (failure != null) {
      return "**failed**: " + failure + "\n";
    }
    StringBuilder md = new StringBuilder();
    md.append("| benchmark | time per op | ± (99.9%) | per second, one thread |\n");
    md.append("| --- | ---: | ---: | ---: |\n");
    for (Map<String, Object> r : rows) {
      double score = (Double) r.get("score");
      String unit = (String) r.get("unit");
      double perSecond = unit.equals("ns/op") ? 1e9 / score : Double.NaN;
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f %s | %,.0f | %s |%n",
              r.get("benchmark"),
              score,
              unit,
              r.get("error"),
              Double.isNaN(perSecond) ? "" : String.format(Locale.ROOT, "%,.0f", perSecond)));
    }
    md.append(
            "\nAverage time per call after warm-up, one fork; `FraudBenchmark.restampOnly` is the"
                + " cost of re-stamping the pooled event that `scoreTransaction` includes (likewise in"
                + " `priceClick`). Command: `")
        .append(command)
        .append("`.\n");
    return md.toString();
  }

  @Override
  public Object json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", command);
    m.put("failure", failure);
    m.put("results", rows);
    return m;
  }
}
