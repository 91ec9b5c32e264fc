package io.realtimepipelines.monitor;

import io.realtimepipelines.ordering.KeyedProcessor;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;

/** Runs {@link SeriesDetector} per series in window order inside the pipeline. */
final class DetectProcessor implements KeyedProcessor<WindowStats, SeriesState, MetricAlert> {
  private static final long serialVersionUID = 1L;
  private final MonitorConfig config;
  private final SeriesDetector detector;

  DetectProcessor(MonitorConfig config) {
    this.config = config;
    this.detector = new SeriesDetector(config);
  }

  @Override
  public String name() {
    return "monitor_detect";
  }

  @Override
  public SeriesState newState() {
    return new SeriesState();
  }

  @Override
  public Coder<SeriesState> stateCoder() {
    return new SeriesState.StateCoder();
  }

  @Override
  public long timestamp(WindowStats w) {
    return w.getWindowEnd().getMillis() - 1;
  }

  @Override
  public int compare(WindowStats a, WindowStats b) {
    return a.getWindowStart().compareTo(b.getWindowStart());
  }

  @Override
  public void apply(SeriesState state, WindowStats w, Consumer<MetricAlert> out) {
    detector.apply(state, w, out);
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
