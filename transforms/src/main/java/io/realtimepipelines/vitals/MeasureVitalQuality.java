package io.realtimepipelines.vitals;

import io.realtimepipelines.windowing.AggregateWindows;
import io.realtimepipelines.windowing.WindowPane;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Data quality per patient and device (and per patient over all devices) per event-time window
 * ({@code quality.windowMinutes}): completeness before and after cleaning, share flagged, share
 * imputed, gaps and their length. Built on {@link AggregateWindows} (one ON_TIME pane per window
 * with data; its counters are {@code rtp/vitals_quality.*}). A count that arrives after its window
 * closed (possible only for readings behind the watermark) is counted in {@code
 * rtp/vitals_quality.late_data} and left out of the windows.
 */
public final class MeasureVitalQuality
    extends PTransform<
        PCollection<KV<KV<String, String>, QualityCounts>>, PCollection<VitalQuality>> {
  private static final long serialVersionUID = 1L;
  private final VitalsConfig config;

  private MeasureVitalQuality(VitalsConfig config) {
    this.config = config;
  }

  public static MeasureVitalQuality withConfig(VitalsConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new MeasureVitalQuality(config);
  }

  @Override
  public PCollection<VitalQuality> expand(
      PCollection<KV<KV<String, String>, QualityCounts>> counts) {
    SchemaRegistry schemas = counts.getPipeline().getSchemaRegistry();
    return counts
        .apply(
            "SumPerWindow",
            AggregateWindows.<KV<String, String>, QualityCounts, QualityCounts>fixed(
                    Duration.standardMinutes(config.qualityWindowMinutes), new QualityCounts.Sum())
                .withMetricsName("vitals_quality"))
        .getPanes()
        .apply("ToQuality", ParDo.of(new ToQualityFn(config.version)))
        .setCoder(CleanVitalSeries.schemaCoder(schemas, VitalQuality.class));
  }

  static final class ToQualityFn
      extends DoFn<WindowPane<KV<String, String>, QualityCounts>, VitalQuality> {
    private final String version;

    ToQualityFn(String version) {
      this.version = version;
    }

    @ProcessElement
    public void process(
        @Element WindowPane<KV<String, String>, QualityCounts> pane,
        OutputReceiver<VitalQuality> out) {
      out.output(
          VitalQuality.of(
              pane.getKey().getKey(),
              pane.getKey().getValue(),
              pane.getWindowStart(),
              pane.getWindowEnd(),
              pane.getValue(),
              version));
    }
  }
}
