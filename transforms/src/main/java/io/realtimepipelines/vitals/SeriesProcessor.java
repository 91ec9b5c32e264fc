package io.realtimepipelines.vitals;

import io.realtimepipelines.ordering.KeyedProcessor;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;

/** Per patient and metric, in event-time order: {@link SeriesCleaner}. */
final class SeriesProcessor implements KeyedProcessor<VitalReading, SeriesState, SeriesOutput> {
  private static final long serialVersionUID = 1L;

  private final VitalsConfig config;
  private final String pipeline;
  private final String pipelineVersion;
  private transient SeriesCleaner cleaner;

  SeriesProcessor(VitalsConfig config, String pipeline, String pipelineVersion) {
    this.config = config;
    this.pipeline = pipeline;
    this.pipelineVersion = pipelineVersion;
  }

  @Override
  public String name() {
    return "vitals_series";
  }

  @Override
  public SeriesState newState() {
    return new SeriesState();
  }

  @Override
  public Coder<SeriesState> stateCoder() {
    return SeriesState.coder();
  }

  @Override
  public long timestamp(VitalReading event) {
    return event.timestamp;
  }

  @Override
  public int compare(VitalReading a, VitalReading b) {
    return VitalReading.compare(a, b);
  }

  @Override
  public void apply(SeriesState state, VitalReading event, Consumer<SeriesOutput> out) {
    if (cleaner == null) {
      cleaner = new SeriesCleaner(config, pipeline, pipelineVersion);
    }
    cleaner.apply(state, event, out);
  }

  @Override
  public long lastSeen(SeriesState state) {
    return state.lastSeen;
  }

  @Override
  public long ttlMillis() {
    return config.ttlMillis();
  }
}
