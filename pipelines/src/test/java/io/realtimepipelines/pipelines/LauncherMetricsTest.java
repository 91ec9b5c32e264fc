package io.realtimepipelines.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.realtimepipelines.metrics.JobMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --metricsPort} through the launcher, as a user runs a job. */
class LauncherMetricsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Launcher.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void metricsPortServesTheRunLabelledWithTheJobAndClosesWhenItEnds(@TempDir Path dir)
      throws Exception {
    int port = freePort();
    double before = recordsIn("validate");
    int code =
        run(
            "validate",
            "--input=" + TestData.path("transactions.jsonl"),
            "--outputDir=" + dir,
            "--metricsPort=" + port);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(
        out.toString(StandardCharsets.UTF_8)
            .contains("Metrics: http://127.0.0.1:" + port + "/metrics"),
        out.toString());
    assertEquals(TestData.lineCount("transactions.jsonl"), recordsIn("validate") - before, 0.0);
    assertThrows(
        IOException.class,
        () -> new Socket("127.0.0.1", port).close(),
        "the endpoint is closed after the run");
  }

  @Test
  void aTakenMetricsPortFailsTheRunNamingTheOption(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code =
          run(
              "validate",
              "--input=" + TestData.path("transactions.jsonl"),
              "--outputDir=" + dir,
              "--metricsPort=" + taken.getLocalPort());
      assertEquals(Launcher.FAILED, code);
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("--metricsPort"), err.toString());
    }
  }

  /** rtp_records_in_total of {@code job}, summed over stages, from the JVM's registry. */
  private static double recordsIn(String job) {
    double sum = 0;
    for (MetricSnapshot s : JobMetrics.registry().scrape()) {
      if (s instanceof CounterSnapshot c && c.getMetadata().getName().equals("rtp_records_in")) {
        for (CounterSnapshot.CounterDataPointSnapshot d : c.getDataPoints()) {
          if (job.equals(d.getLabels().get("job"))) {
            sum += d.getValue();
          }
        }
      }
    }
    return sum;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
