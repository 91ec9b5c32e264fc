package io.realtimepipelines.fraud;

import io.realtimepipelines.ordering.KeyedProcessor;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;

/**
 * One keyed stage of the scorer as a {@link KeyedProcessor}: transactions get the stage's
 * findings added and move on; fraud reports update the state and are applied even when late
 * (they only raise the risk of later transactions).
 */
final class StageProcessor<S extends KeyState> implements KeyedProcessor<StageEvent, S, StageEvent> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  private final StageLogic<S> logic;
  private final RulesSource rules;

  StageProcessor(StageLogic<S> logic, RulesSource rules) {
    this.logic = logic;
    this.rules = rules;
  }

  @Override
  public String name() {
    return "fraud." + logic.name();
  }

  @Override
  public S newState() {
    return logic.newState();
  }

  @Override
  public Coder<S> stateCoder() {
    return logic.stateCoder();
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
  public void apply(S state, StageEvent event, Consumer<StageEvent> out) {
    if (event.isTransaction()) {
      out.accept(event.plus(logic.onTransaction(state, event.txn(), rules.current())));
    } else {
      logic.onFeedback(state, event.feedback());
    }
  }

  @Override
  public long lastSeen(S state) {
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
