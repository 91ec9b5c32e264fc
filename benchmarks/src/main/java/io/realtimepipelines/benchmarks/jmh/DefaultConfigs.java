package io.realtimepipelines.benchmarks.jmh;

import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.pricing.PricingConfig;

/**
 * The jobs' built-in rules and pricing policy, read from the classpath (the shipped {@code
 * rules/fraud-rules.json} and {@code rules/pricing.json}, which the build puts in the transforms
 * jar), so the forked JMH JVM needs no path to the repository.
 */
final class DefaultConfigs {
  private DefaultConfigs() {}

  static FraudRules fraudRules() throws Exception {
    return FraudRules.defaults();
  }

  static PricingConfig pricingConfig() throws Exception {
    return PricingConfig.defaults();
  }
}
