package io.realtimepipelines.vitals;

import io.realtimepipelines.ordering.KeyedProcessor;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;

/** Per patient, in event-time order: {@link ScoreKeeper}. */
final class ScoreProcessor implements KeyedProcessor<ParameterValue, ScoreState, ScoreOutput> {
  private static final long serialVersionUID = 1L;

  private final VitalsConfig config;
  private transient ScoreKeeper keeper;

  ScoreProcessor(VitalsConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "vitals_news2";
  }

  @Override
  public ScoreState newState() {
    return new ScoreState();
  }

  @Override
  public Coder<ScoreState> stateCoder() {
    return ScoreState.Coder.INSTANCE;
  }

  @Override
  public long timestamp(ParameterValue event) {
    return event.timestamp;
  }

  @Override
  public int compare(ParameterValue a, ParameterValue b) {
    return ParameterValue.compare(a, b);
  }

  @Override
  public void apply(ScoreState state, ParameterValue event, Consumer<ScoreOutput> out) {
    if (keeper == null) {
      keeper = new ScoreKeeper(config);
    }
    keeper.apply(
        state,
        event,
        new ScoreKeeper.Sink() {
          @Override
          public void score(News2Score score) {
            out.accept(new ScoreOutput(score, null));
          }

          @Override
          public void alert(VitalAlert alert) {
            out.accept(new ScoreOutput(null, alert));
          }
        });
  }

  @Override
  public long lastSeen(ScoreState state) {
    return state.lastSeen;
  }

  @Override
  public long ttlMillis() {
    return config.ttlMillis();
  }
}
