package io.realtimepipelines.fraud;

import java.io.Serializable;

/**
 * Where the scorer gets its rules at processing time. Every call may return a newer version (e.g. a
 * watched file reloaded by the job); each decision names the version it used.
 */
@FunctionalInterface
public interface RulesSource extends Serializable {

  /** The rules to apply now; never null. */
  FraudRules current();

  /** Always the same rules. */
  static RulesSource fixed(FraudRules rules) {
    return () -> rules;
  }
}
