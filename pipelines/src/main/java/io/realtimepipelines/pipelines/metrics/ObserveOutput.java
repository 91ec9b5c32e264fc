package io.realtimepipelines.pipelines.metrics;

import io.realtimepipelines.metrics.JobMetrics;
import io.realtimepipelines.pipelines.options.MetricsOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Passes an output's records through unchanged, counting each in {@code rtp_records_out_total} and
 * observing its end-to-end latency (processing time now minus the record's event time, its Beam
 * timestamp) just before the sink writes it. In a cluster's worker JVM it also starts the {@code
 * --metricsPort} endpoint there (see {@link MetricsEndpoint#ensureStarted}).
 */
public final class ObserveOutput<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final String output;

  private ObserveOutput(String output) {
    this.output = output;
  }

  /** Observes the records of the output named {@code output} (the {@code stage} label). */
  public static <T> ObserveOutput<T> named(String output) {
    return new ObserveOutput<>(output);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input.apply(ParDo.of(new ObserveFn<T>(output))).setCoder(input.getCoder());
  }

  static final class ObserveFn<T> extends DoFn<T, T> {
    private final String output;

    ObserveFn(String output) {
      this.output = output;
    }

    @StartBundle
    public void startBundle(StartBundleContext context) {
      MetricsOptions options = context.getPipelineOptions().as(MetricsOptions.class);
      MetricsEndpoint.ensureStarted(
          options.getJobName(), options.getMetricsBindAddress(), options.getMetricsPort());
    }

    @ProcessElement
    public void process(@Element T element, @Timestamp Instant timestamp, OutputReceiver<T> out) {
      JobMetrics.output(output, timestamp.getMillis(), System.currentTimeMillis());
      out.output(element);
    }
  }
}
