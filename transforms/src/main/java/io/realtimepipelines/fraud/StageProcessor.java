package io.realtimepipelines.fraud;

import io.realtimepipelines.ordering.KeyedProcessor;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * One keyed stage of the scorer as a {@link KeyedProcessor}: transactions get the stage's findings
 * added and move on; fraud reports update the state and are applied even when late (they only raise
 * the risk of later transactions).
 */
final class StageProcessor<O> implements KeyedProcessor<StageEvent, KeyState, O> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  private final RuleStage stage;
  private final RulesSource rules;
  private final SerializableFunction<StageEvent, O> onward;

  /**
   * Applies {@code stage}'s rules and emits each transaction with its findings through {@code
   * onward}: the event itself, or the next stage's runner-keyed input ({@link StageRoute}).
   */
  StageProcessor(RuleStage stage, RulesSource rules, SerializableFunction<StageEvent, O> onward) {
    this.stage = stage;
    this.rules = rules;
    this.onward = onward;
  }

  @Override
  public String name() {
    return "fraud." + stage.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public KeyState newState() {
    return KeyState.fresh(stage);
  }

  @Override
  public Coder<KeyState> stateCoder() {
    return KeyState.StateCoder.of(stage);
  }

  @Override
  public long timestamp(StageEvent event) {
    return event.timestamp().getMillis();
  }

  @Override
  public int compare(StageEvent a, StageEvent b) {
    return a.compareTo(b);
  }

  @Override
  public void apply(KeyState state, StageEvent event, Consumer<O> out) {
    if (event.isTransaction()) {
      out.accept(
          onward.apply(
              event.plus(
                  FraudStages.onTransaction(
                      state, event.txn(), event.enrichment(), rules.current()))));
    } else {
      FraudStages.onFeedback(state, event.feedback(), rules.current());
    }
  }

  @Override
  public long lastSeen(KeyState state) {
    return state.lastSeen;
  }

  @Override
  public long ttlMillis() {
    return rules.current().stateTtlDays * DAY_MS;
  }

  @Override
  public boolean applyWhenLate(StageEvent event) {
    return !event.isTransaction();
  }
}
