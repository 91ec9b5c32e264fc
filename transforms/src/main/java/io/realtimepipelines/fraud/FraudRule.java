package io.realtimepipelines.fraud;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * One fraud rule: its settings (bound by Jackson from its object under {@code rules} in the rules
 * file, defaults only in {@code rules/fraud-rules.json}), the {@link RuleStage} it runs in, the
 * memory it keeps per key of that stage ({@code M}, {@code Void} for none), its evaluation and the
 * sentence that explains a finding. Rules are listed in {@link RuleRegistry}.
 *
 * <p>A subclass has a public no-argument constructor (the registry's prototype, whose settings are
 * unset) and never keeps per-key data in fields: the memory passed in is the only state, so the
 * same bound rule serves every key.
 */
public abstract class FraudRule<M> implements Serializable {
  private static final long serialVersionUID = 1L;

  @JsonProperty private boolean enabled;

  /** Evaluated and reported, but does not change the score. */
  @JsonProperty private boolean shadow;

  /** Score points (0..100) the rule adds when it fires. */
  @JsonProperty private int weight;

  /** Position in {@link RuleRegistry#ALL}; set when the rule is bound. */
  private int index = -1;

  public final boolean enabled() {
    return enabled;
  }

  public final boolean shadow() {
    return shadow;
  }

  public final int weight() {
    return weight;
  }

  /** The rule's id in decisions, e.g. {@code high_amount}. */
  public final String id() {
    return RuleRegistry.ALL.get(index).id();
  }

  final int index() {
    return index;
  }

  final void bind(int registryIndex) {
    this.index = registryIndex;
  }

  /** The stage the rule runs in; its memory is kept per key of that stage. */
  public abstract RuleStage stage();

  /**
   * Adds to {@code out} a finding per reason the rule fires for {@code t}, judged on the memory as
   * it was before {@code t}, then remembers {@code t}. Called whether or not the rule is enabled (a
   * disabled rule's findings are dropped), so that its memory is ready when it is switched on.
   */
  public abstract void onTransaction(M memory, Transaction t, Enrichment e, List<Finding> out);

  /** Applies a fraud report about one of the key's transactions (accounts and merchants only). */
  public void onFeedback(M memory, FraudFeedback f) {}

  /** A new key's memory; null for a rule without memory. */
  public M newMemory() {
    return null;
  }

  /** Writes {@code memory} for the state coder. */
  public void writeMemory(M memory, DataOutputStream out) throws IOException {}

  /** Reads what {@link #writeMemory} wrote. */
  public M readMemory(DataInputStream in) throws IOException {
    return newMemory();
  }

  /** Checks between this rule's keys that the schema cannot express; reports each problem. */
  public void check(Consumer<String> problems) {}

  /** The longest period the rule looks back, in days; key state must be kept at least that long. */
  public long periodDays() {
    return 0;
  }

  /** A non-shadow finding of this rule blocks whatever the score (the blocklist). */
  public boolean blocksAlone() {
    return false;
  }

  /** A finding of this rule with its sentence. */
  protected final Finding finding(String text) {
    return new Finding(index, text);
  }
}
