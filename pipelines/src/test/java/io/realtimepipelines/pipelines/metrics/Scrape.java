package io.realtimepipelines.pipelines.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One plain HTTP GET of a Prometheus text endpoint, as samples with their labels. */
public final class Scrape {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)(?: \\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A sample: metric name, labels, value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final String contentType;

  private Scrape(List<Sample> samples, String contentType) {
    this.samples = samples;
    this.contentType = contentType;
  }

  /** GETs {@code url} (e.g. http://127.0.0.1:9464/metrics) and parses the text format. */
  public static Scrape get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode());
    }
    List<Sample> samples = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IOException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new Scrape(samples, response.headers().firstValue("Content-Type").orElse(""));
  }

  public List<Sample> samples() {
    return samples;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * Sum of the samples named {@code name} whose labels include every pair in {@code labels} (given
   * as name, value, name, value, ...).
   */
  public double sum(String name, String... labels) {
    double total = 0;
    for (Sample s : samples) {
      if (s.name().equals(name) && matches(s.labels(), labels)) {
        total += s.value();
      }
    }
    return total;
  }

  /** Values of label {@code label} among the samples named {@code name} matching {@code labels}. */
  public java.util.Set<String> labelValues(String name, String label, String... labels) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && matches(s.labels(), labels) && s.labels().containsKey(label)) {
        out.add(s.labels().get(label));
      }
    }
    return out;
  }

  /** Metric names present. */
  public java.util.Set<String> names() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    samples.forEach(s -> out.add(s.name()));
    return out;
  }

  private static boolean matches(Map<String, String> actual, String... labels) {
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (!labels[i + 1].equals(actual.get(labels[i]))) {
        return false;
      }
    }
    return true;
  }
}
