package io.realtimepipelines.pipelines.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.realtimepipelines.metrics.JobMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The job's {@code /metrics} endpoint: Prometheus text exposition of {@link JobMetrics} and the
 * JVM's metrics, served by the Prometheus Java client's HTTP server. One per JVM; on Direct,
 * embedded Flink and local Spark the DoFns run in this JVM, so it shows the whole job.
 *
 * <pre>
 * ./rtp fraud --source=GENERATOR --count=0 --ratePerSecond=200 --metricsPort=9464
 * curl -s 127.0.0.1:9464/metrics | grep ^rtp_
 * </pre>
 */
public final class MetricsEndpoint implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(MetricsEndpoint.class);
  private static boolean jvmRegistered;

  /** The endpoint serving this JVM, if any. */
  private static MetricsEndpoint current;

  private final HTTPServer server;

  private MetricsEndpoint(HTTPServer server) {
    this.server = server;
  }

  /**
   * Labels this JVM's metrics with {@code job} and serves them on {@code bindAddress:port} (port 0:
   * a free port, see {@link #port()}).
   */
  public static synchronized MetricsEndpoint start(String job, String bindAddress, int port) {
    JobMetrics.setJob(job);
    if (!jvmRegistered) {
      JvmMetrics.builder().register(JobMetrics.registry());
      jvmRegistered = true;
    }
    try {
      current =
          new MetricsEndpoint(
              HTTPServer.builder()
                  .hostname(bindAddress)
                  .port(port)
                  .registry(JobMetrics.registry())
                  .buildAndStart());
      return current;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on "
              + bindAddress
              + ":"
              + port
              + " (--metricsPort,"
              + " --metricsBindAddress): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * In a JVM that runs the job's code but not the launcher (a Flink or Spark cluster's worker),
   * starts the endpoint the options ask for, once; does nothing where one already serves (the
   * launcher's, on the embedded runners). A port already taken on the worker is logged, not fatal:
   * the job must not fail for its metrics.
   */
  public static synchronized void ensureStarted(String job, String bindAddress, int port) {
    if (current != null || port <= 0) {
      return;
    }
    try {
      start(job, bindAddress, port);
      LOG.info("Serving metrics of {} on http://{}:{}/metrics", job, bindAddress, port);
    } catch (UncheckedIOException e) {
      LOG.warn("No metrics endpoint in this worker: {}", e.getMessage());
      current = new MetricsEndpoint(null);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    synchronized (MetricsEndpoint.class) {
      if (current == this) {
        current = null;
      }
    }
    if (server != null) {
      server.close();
    }
  }
}
