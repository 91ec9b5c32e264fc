package io.realtimepipelines.pipelines.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GeneratorConfigTest {

  private static void rejects(Executable call, String... inMessage) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String s : inMessage) {
      assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' lacks '" + s + "'");
    }
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    GeneratorConfig c = GeneratorConfig.defaults();
    assertEquals(42, c.seed());
    assertEquals(0.01, c.anomalyRate());
    assertEquals(0.0, c.badRate());
    assertEquals(100_000, c.accounts());
    assertEquals(5_000, c.merchants());
    assertEquals(20_000, c.products());
    assertEquals(2_000, c.patients());
    assertEquals(Instant.parse("2026-11-23T00:00:00Z"), c.start());
    assertEquals(100.0, c.eventTimeRate());
  }

  @Test
  void withMethodsChangeOneSettingInAnyOrder() {
    GeneratorConfig a = GeneratorConfig.defaults().withSeed(3).withProducts(500).withBadRate(0.1);
    GeneratorConfig b = GeneratorConfig.defaults().withBadRate(0.1).withProducts(500).withSeed(3);
    assertEquals(a, b);
    assertEquals(3, a.seed());
    assertEquals(500, a.products());
    assertEquals(100_000, a.accounts());
    assertEquals(a, SerializableUtils.clone(a));
    assertEquals(
        "GeneratorConfig{seed=3, anomalyRate=0.01, badRate=0.1, accounts=100000, merchants=5000,"
            + " products=500, patients=2000, start=2026-11-23T00:00:00.000Z, eventTimeRate=100.0,"
            + " steady}",
        a.withSteadyRate().toString());
  }

  @Test
  void outOfRangeValuesAreRejectedNamingTheParameterAndTheRange() {
    GeneratorConfig c = GeneratorConfig.defaults();
    rejects(() -> c.withSeed(-1), "seed", "-1");
    rejects(() -> c.withAnomalyRate(0.2), "anomalyRate", "0.1", "0.2");
    rejects(() -> c.withAnomalyRate(Double.NaN), "anomalyRate");
    rejects(() -> c.withBadRate(-0.1), "badRate", "0.5");
    rejects(() -> c.withAccounts(5), "accounts", "100", "5");
    rejects(() -> c.withMerchants(0), "merchants");
    rejects(() -> c.withProducts(Integer.MAX_VALUE), "products", "100000000");
    rejects(() -> c.withPatients(99), "patients");
    rejects(() -> c.withEventTimeRate(501), "eventTimeRate", "500", "501");
    rejects(() -> c.withEventTimeRate(0), "eventTimeRate", "0.01");
    rejects(() -> c.withStart(Instant.parse("1999-12-31T23:59:59Z")), "start", "2000");
  }

  @Test
  void generateEventsChecksItsOwnParametersAndPassesTheRestToTheConfig() {
    GenerateEvents g = GenerateEvents.of(EventType.CLICK);
    rejects(() -> g.withCount(0), "count", "at least 1");
    rejects(() -> g.withRateLimit(0), "rateLimit", "at least 1");
    rejects(() -> g.withAnomalyRate(1), "anomalyRate");
    rejects(() -> GenerateEvents.of(null), "type");
    GenerateEvents configured = g.withCount(10).withSeed(9).withRateLimit(5).withPatients(300);
    assertEquals(10L, configured.getCount());
    assertEquals(5L, configured.getRateLimit());
    assertEquals(GeneratorConfig.defaults().withSeed(9).withPatients(300), configured.getConfig());
    assertEquals(null, g.getCount());
  }

  @Test
  void theHighestRatesFitTheEpisodeLayoutOfEveryType() {
    GeneratorConfig c =
        GeneratorConfig.defaults()
            .withAnomalyRate(GeneratorConfig.MAX_ANOMALY_RATE)
            .withBadRate(GeneratorConfig.MAX_BAD_RATE)
            .withEventTimeRate(500)
            .withPatients(100);
    int n = 5_000;
    for (EventType type : EventGenerators.GENERATED) {
      EventGenerator generator = EventGenerators.create(type, c);
      RecordDecoder<?> decoder = new RecordDecoder<>(type, 262_144, Duration.standardDays(1));
      int anomalies = 0;
      int defects = 0;
      for (long i = 0; i < n; i++) {
        GeneratedEvent e = generator.generate(i);
        anomalies += e.anomaly() == null ? 0 : 1;
        defects += e.defect() == null ? 0 : 1;
        boolean decodes;
        try {
          decoder.decode(e.payload(), e.eventTime());
          decodes = true;
        } catch (ValidationException bad) {
          decodes = false;
        }
        assertEquals(
            e.defect() == null, decodes, type + " #" + i + " (" + e.defect() + "): " + e.json());
      }
      // Every episode and defect the rates ask for fits: the shares come out near the rates.
      double bad = defects / (double) n;
      double odd = anomalies / (double) n;
      assertTrue(
          Math.abs(bad - GeneratorConfig.MAX_BAD_RATE) <= 0.3 * GeneratorConfig.MAX_BAD_RATE,
          type + ": bad share " + bad);
      assertTrue(
          Math.abs(odd - GeneratorConfig.MAX_ANOMALY_RATE)
              <= 0.5 * GeneratorConfig.MAX_ANOMALY_RATE,
          type + ": anomaly share " + odd);
    }
  }
}
