package io.realtimepipelines.benchmarks.jmh;

import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.pricing.PricingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The jobs' built-in rules and pricing policy, read from the classpath (the shipped
 * {@code rules/fraud-rules.json} and a copy of {@code rules/pricing.json}), so the forked JMH JVM
 * needs no path to the repository.
 */
final class DefaultConfigs {
  private DefaultConfigs() {}

  static FraudRules fraudRules() throws Exception {
    return FraudRules.defaults();
  }

  static PricingConfig pricingConfig() throws Exception {
    return PricingConfig.parse(resource("/io/realtimepipelines/pipelines/pricing/default-pricing.json"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DefaultConfigs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is not on the classpath (the pipelines module's resources)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
