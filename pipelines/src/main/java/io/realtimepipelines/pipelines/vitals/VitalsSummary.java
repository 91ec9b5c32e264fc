package io.realtimepipelines.pipelines.vitals;

import com.fasterxml.jackson.databind.JsonNode;
import io.realtimepipelines.vitals.Pseudonymiser;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of a local run's summary: the quality table per patient, the review records by reason and
 * the first alerts. Patients appear as their pseudonym when the run pseudonymised, else as a tag
 * that lasts this run only ({@code ~} and 6 hex digits of a keyed hash with a random key): the
 * summary is a log, and patient ids never go to logs in clear.
 */
final class VitalsSummary {
  private final boolean pseudonymised;
  private final PrintStream out;
  private final Pseudonymiser tags = new Pseudonymiser(VitalsJob.runKey());

  VitalsSummary(boolean pseudonymised, PrintStream out) {
    this.pseudonymised = pseudonymised;
    this.out = out;
  }

  String patient(String id) {
    return pseudonymised ? id : "~" + tags.pseudonym(id).substring(3, 9);
  }

  /**
   * Sums the all-devices windows per patient over the run; prints the {@code rows} least complete.
   */
  void qualityTable(List<JsonNode> windows, int rows) {
    Map<String, long[]> perPatient = new TreeMap<>();
    double[] gapSeconds = new double[1];
    Map<String, Double> gapsPerPatient = new TreeMap<>();
    for (JsonNode w : windows) {
      if (!"*".equals(w.get("deviceId").asText())) {
        continue;
      }
      String p = patient(w.get("patientId").asText());
      long[] c = perPatient.computeIfAbsent(p, k -> new long[6]);
      c[0] += w.get("readings").asLong();
      c[1] += w.get("accepted").asLong();
      c[2] += w.get("flagged").asLong();
      c[3] += w.get("imputed").asLong();
      c[4] += w.get("gaps").asLong();
      c[5] += w.get("missingReadings").asLong();
      gapsPerPatient.merge(p, w.get("gapSeconds").asDouble(), Double::sum);
      gapSeconds[0] += w.get("gapSeconds").asDouble();
    }
    out.printf(
        Locale.ROOT,
        "%nquality per patient, all devices, whole run (%d windows; the %d least"
            + " complete of %d patients%s):%n",
        windows.size(),
        Math.min(rows, perPatient.size()),
        perPatient.size(),
        pseudonymised ? "" : "; patients as per-run tags, the outputs hold the ids");
    out.printf(
        Locale.ROOT,
        "  %-36s %8s %8s %7s %7s %5s %8s %9s %9s%n",
        "patient",
        "readings",
        "accepted",
        "flagged",
        "imputed",
        "gaps",
        "gap s",
        "complete",
        "cleaned");
    long[] total = new long[6];
    List<Map.Entry<String, long[]>> ordered = new ArrayList<>(perPatient.entrySet());
    ordered.sort((a, b) -> Double.compare(cleanedShare(a.getValue()), cleanedShare(b.getValue())));
    for (Map.Entry<String, long[]> e : ordered.subList(0, Math.min(rows, ordered.size()))) {
      row(e.getKey(), e.getValue(), gapsPerPatient.get(e.getKey()));
    }
    for (long[] c : perPatient.values()) {
      for (int i = 0; i < 6; i++) {
        total[i] += c[i];
      }
    }
    row("all", total, gapSeconds[0]);
  }

  private void row(String name, long[] c, double gapSeconds) {
    long expected = c[1] + c[3] + c[5];
    out.printf(
        Locale.ROOT,
        "  %-36s %,8d %,8d %,7d %,7d %,5d %,8.0f %9s %9s%n",
        name,
        c[0],
        c[1],
        c[2],
        c[3],
        c[4],
        gapSeconds,
        share(Math.min(c[0], expected), expected),
        share(c[1] + c[3], expected));
  }

  private static double cleanedShare(long[] c) {
    long expected = c[1] + c[3] + c[5];
    return expected == 0 ? 1 : (double) (c[1] + c[3]) / expected;
  }

  private static String share(long a, long b) {
    return b == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * a / b);
  }

  /** Counts per reason and the first records of each. */
  void reviews(List<JsonNode> reviews, int perReason) {
    Map<String, List<JsonNode>> byReason = new TreeMap<>();
    for (JsonNode r : reviews) {
      byReason.computeIfAbsent(r.get("reason").asText(), k -> new ArrayList<>()).add(r);
    }
    out.printf(Locale.ROOT, "%n%d readings for review:%n", reviews.size());
    for (Map.Entry<String, List<JsonNode>> e : byReason.entrySet()) {
      List<JsonNode> list = e.getValue();
      list.sort((a, b) -> a.get("timestamp").asText().compareTo(b.get("timestamp").asText()));
      out.printf(Locale.ROOT, "  %s %d%n", e.getKey(), list.size());
      for (JsonNode r : list.subList(0, Math.min(perReason, list.size()))) {
        out.printf(
            Locale.ROOT,
            "    %s  %s %-12s %-12s %s%n",
            r.get("timestamp").asText(),
            patient(r.get("patientId").asText()),
            r.get("deviceId").asText(),
            r.get("metric").asText(),
            r.get("detail").asText());
      }
    }
  }

  /** The first alerts in event time. */
  void alerts(List<JsonNode> alerts, int n) {
    alerts.sort((a, b) -> a.get("timestamp").asText().compareTo(b.get("timestamp").asText()));
    out.printf(Locale.ROOT, "%n%d alerts; first %d:%n", alerts.size(), Math.min(n, alerts.size()));
    for (JsonNode a : alerts.subList(0, Math.min(n, alerts.size()))) {
      StringBuilder parts = new StringBuilder();
      for (JsonNode c : a.get("contributions")) {
        parts
            .append(parts.length() == 0 ? "" : ", ")
            .append(c.get("parameter").asText())
            .append(' ')
            .append(c.get("value").asText())
            .append(" (+")
            .append(c.get("points").asInt())
            .append(')');
      }
      List<String> triggers = new ArrayList<>();
      a.get("triggers").forEach(t -> triggers.add(t.asText()));
      List<String> missing = new ArrayList<>();
      a.get("missing").forEach(m -> missing.add(m.asText()));
      out.printf(
          Locale.ROOT,
          "  %s  %s  NEWS2 %d %s: %s%n      from %s; missing %s%n",
          a.get("timestamp").asText(),
          patient(a.get("patientId").asText()),
          a.get("score").asInt(),
          a.get("level").asText(),
          String.join("; ", triggers),
          parts,
          String.join(", ", missing));
    }
  }
}
