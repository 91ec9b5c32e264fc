package io.realtimepipelines.pipelines.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.realtimepipelines.metrics.JobMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus configs, alert rules and Grafana dashboards, checked with the real
 * promtool: configs and rules load, every rule's unit tests pass (each rule firing and not firing),
 * every dashboard expression parses, and every metric they name is one the jobs export.
 */
class OpsConfigTest {
  private static final Path PROMETHEUS = Promtool.ops().resolve("prometheus");
  private static final Path RULES = PROMETHEUS.resolve("rules/rtp-alerts.yml");
  private static final Path RULE_TESTS = PROMETHEUS.resolve("tests/rtp-alerts.test.yml");

  /** A metric name in PromQL or prose: ours, the JVM's, or Prometheus's up. */
  private static final Pattern METRIC =
      Pattern.compile("\\b(?:rtp|jvm|process)_[a-z0-9_]+\\b|\\bup\\b(?=\\{)");

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  @Test
  void bothScrapeConfigsLoadWithTheirRules() throws Exception {
    for (String config : List.of("prometheus-local.yml", "prometheus-cluster.yml")) {
      Promtool.Run r = Promtool.run(PROMETHEUS, "check", "config", config);
      assertEquals(0, r.exitCode(), r.output());
      assertTrue(r.output().contains("5 rules found"), r.output());
    }
  }

  @Test
  void everyAlertRuleHasUnitTestsFiringAndNotFiringAndTheyPass() throws Exception {
    Promtool.Run r = Promtool.run(PROMETHEUS, "test", "rules", RULE_TESTS.toString());
    assertEquals(0, r.exitCode(), r.output());
    String tests = Files.readString(RULE_TESTS);
    List<String> alerts = alertNames();
    assertEquals(5, alerts.size(), alerts.toString());
    for (String alert : alerts) {
      Matcher m = Pattern.compile("alertname: " + alert + "\\n\\s+exp_alerts:(.*)").matcher(tests);
      boolean quiet = false;
      boolean firing = false;
      while (m.find()) {
        quiet |= m.group(1).trim().equals("[]");
        firing |= m.group(1).trim().isEmpty();
      }
      assertTrue(quiet, alert + " has no test where it does not fire");
      assertTrue(firing, alert + " has no test where it fires");
    }
  }

  @Test
  void everyDashboardExpressionParses(@TempDir Path dir) throws Exception {
    List<String> exprs = dashboardExpressions();
    assertTrue(exprs.size() >= 10, "dashboard panels found: " + exprs.size());
    StringBuilder rules =
        new StringBuilder("groups:\n  - name: dashboard-expressions\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      // Grafana's template variable, as a regex value it is just a string to the parser.
      rules
          .append("      - record: rtp_dashboard:expr_")
          .append(i)
          .append("\n        expr: |\n          ")
          .append(exprs.get(i).replace("\n", "\n          "))
          .append('\n');
    }
    Path file = dir.resolve("dashboard-expressions.yml");
    Files.writeString(file, rules.toString());
    Promtool.Run r = Promtool.run(dir, "check", "rules", file.toString());
    assertEquals(0, r.exitCode(), r.output() + "\n" + rules);
  }

  @Test
  void everyMetricNamedInRulesAndDashboardsIsOneTheJobsExport() throws Exception {
    Set<String> exported = exportedNames();
    List<String> texts = new ArrayList<>(dashboardExpressions());
    texts.add(Files.readString(RULES));
    Set<String> named = new TreeSet<>();
    for (String text : texts) {
      Matcher m = METRIC.matcher(STRING.matcher(text).replaceAll("\"\""));
      while (m.find()) {
        named.add(m.group());
      }
    }
    assertTrue(named.size() >= 12, named.toString());
    Set<String> unknown = new TreeSet<>(named);
    unknown.removeAll(exported);
    unknown.remove("up");
    assertTrue(unknown.isEmpty(), "named but not exported: " + unknown + "; exported: " + exported);
  }

  /** Sample names the job JVM serves: every rtp_ metric, the consumer lag, the JVM's. */
  static Set<String> exportedNames() throws Exception {
    Class.forName(KafkaConsumerLag.class.getName()); // registers its gauge
    try (MetricsEndpoint e = MetricsEndpoint.start(JobMetrics.job(), "127.0.0.1", 0)) {
      // started once: the JVM metrics are registered
    }
    Set<String> names = new TreeSet<>();
    for (MetricSnapshot s : JobMetrics.registry().scrape()) {
      String n = s.getMetadata().getPrometheusName();
      if (s instanceof CounterSnapshot) {
        names.add(n + "_total");
      } else if (s instanceof HistogramSnapshot) {
        Stream.of("_bucket", "_count", "_sum").forEach(x -> names.add(n + x));
      } else if (s instanceof SummarySnapshot) {
        Stream.of("", "_count", "_sum").forEach(x -> names.add(n + x));
      } else if (s instanceof InfoSnapshot) {
        names.add(n + "_info");
      } else {
        names.add(n);
      }
    }
    assertFalse(names.isEmpty());
    return names;
  }

  private static List<String> alertNames() throws Exception {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s+- alert: (\\S+)$").matcher(Files.readString(RULES));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static List<String> dashboardExpressions() throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Promtool.ops().resolve("grafana/dashboards"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode d = new ObjectMapper().readTree(Files.readString(f, StandardCharsets.UTF_8));
        for (JsonNode target : d.findValues("targets")) {
          target.forEach(t -> out.add(t.get("expr").asText()));
        }
      }
    }
    return out;
  }
}
