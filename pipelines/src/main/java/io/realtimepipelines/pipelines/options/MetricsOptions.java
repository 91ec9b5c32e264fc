package io.realtimepipelines.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where a running job serves its Prometheus metrics (docs/operations.md). */
public interface MetricsOptions extends PipelineOptions {

  @Description(
      "Serve the job's metrics in Prometheus text format on http://<metricsBindAddress>:<port>/metrics"
          + " while it runs (records, dead letters by code, decisions, end-to-end latency, Redis,"
          + " JVM). 0 (default) serves nothing.")
  @Default.Integer(0)
  int getMetricsPort();

  void setMetricsPort(int value);

  @Description(
      "Address the metrics endpoint listens on. Default 127.0.0.1 (this machine only); give the"
          + " host's address, or 0.0.0.0, for a Prometheus server elsewhere.")
  @Default.String("127.0.0.1")
  String getMetricsBindAddress();

  void setMetricsBindAddress(String value);
}
