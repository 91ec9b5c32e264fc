package io.realtimepipelines.fraud;

import io.realtimepipelines.ordering.ApplyInEventTimeOrder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;

/**
 * An event as the input of a keyed stage: {@code KV.of(runner key, KV.of(stage key, event))}, the
 * form {@link ApplyInEventTimeOrder#onRunnerKeys()} reads. The step before a stage (or the stage
 * before it) computes it, so no separate keying step stands on the watermark's path.
 */
final class StageRoute
    implements SerializableFunction<StageEvent, KV<String, KV<String, StageEvent>>> {
  private static final long serialVersionUID = 1L;

  /** The coder of a routed event. */
  static final KvCoder<String, KV<String, StageEvent>> CODER =
      KvCoder.of(
          StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StageEvent.StageEventCoder.of()));

  private final RuleStage stage;
  private final int shards;

  StageRoute(RuleStage stage, int shards) {
    if (stage == RuleStage.DECIDE) {
      throw new IllegalArgumentException("the decide step is not keyed");
    }
    this.stage = stage;
    this.shards = shards;
  }

  /** The stage's key of {@code e}: the transaction's (or report's) IP, account or merchant. */
  static String key(RuleStage stage, StageEvent e) {
    switch (stage) {
      case IP:
        return e.txn().getIp();
      case ACCOUNT:
        return e.isTransaction() ? e.txn().getAccountId() : e.feedback().getAccountId();
      case MERCHANT:
        return e.isTransaction() ? e.txn().getMerchantId() : e.feedback().getMerchantId();
      default:
        throw new IllegalArgumentException("the decide step is not keyed");
    }
  }

  @Override
  public KV<String, KV<String, StageEvent>> apply(StageEvent e) {
    String key = key(stage, e);
    return KV.of(ApplyInEventTimeOrder.runnerKey(key, shards), KV.of(key, e));
  }
}
