package io.realtimepipelines.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.testing.Testdata;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class DecisionCoderTest {
  private static final DecisionCoder CODER = DecisionCoder.of();
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");

  private static Decision decision(
      BigDecimal amount,
      String currency,
      Instant at,
      Action action,
      int score,
      List<Reason> reasons) {
    return Decision.of("t1", "a1", "m1", amount, currency, at, action, score, "v1", reasons);
  }

  private static Decision decision(List<Reason> reasons) {
    return decision(new BigDecimal("12.50"), "USD", AT, Action.REVIEW, 40, reasons);
  }

  private static void assertRoundTrips(Decision d) throws Exception {
    Decision copy = CoderUtils.clone(CODER, d);
    assertEquals(d, copy);
    assertEquals(d.getAmount().scale(), copy.getAmount().scale(), "scale is kept");
    CoderProperties.coderDecodeEncodeEqual(CODER, d);
    CoderProperties.coderDeterministic(
        CODER,
        d,
        Decision.of(
            d.getTxnId(),
            d.getAccountId(),
            d.getMerchantId(),
            d.getAmount(),
            d.getCurrency(),
            d.getTimestamp(),
            d.getAction(),
            d.getScore(),
            d.getRulesVersion(),
            new ArrayList<>(d.getReasons())));
  }

  /** Decisions of the reference model on testdata and on generated scenarios with fraud. */
  private static List<Decision> modelDecisions() {
    List<Decision> out =
        new ArrayList<>(
            FraudModel.decide(Testdata.transactions(), List.of(), FraudRules.defaults()));
    FraudScenarios s = FraudScenarios.generate(11, 300);
    out.addAll(FraudModel.decide(s.transactions, s.feedback, FraudRules.defaults()));
    return out;
  }

  private static Coder<Decision> schemaCoder() throws Exception {
    return SchemaRegistry.createDefault().getSchemaCoder(Decision.class);
  }

  @Test
  void everyModelDecisionRoundTripsAndReadsLikeTheSchemaCoder() throws Exception {
    List<Decision> decisions = modelDecisions();
    assertTrue(
        decisions.stream().filter(d -> d.getReasons().size() > 1).count() > 5,
        "some decisions must carry several reasons");
    assertTrue(decisions.stream().anyMatch(d -> d.getAction() == Action.BLOCK), "some blocks");
    Coder<Decision> schema = schemaCoder();
    for (Decision d : decisions) {
      assertRoundTrips(d);
      assertEquals(CoderUtils.clone(schema, d), CoderUtils.clone(CODER, d), d.getTxnId());
    }
  }

  @Test
  void everyActionNoReasonsAndEdgeReasons() throws Exception {
    for (Action a : Action.values()) {
      assertRoundTrips(decision(new BigDecimal("1.00"), "USD", AT, a, 0, List.of()));
    }
    assertRoundTrips(
        decision(
            List.of(
                Reason.of("ip_burst", 40, false, "4 payments ≥ 500 from 203.0.113.7 in 4 min"),
                Reason.of("shadow_rule", 0, true, ""),
                Reason.of("", -7, true, "négatif — 東京 💳"),
                Reason.of("max", Integer.MAX_VALUE, false, "x".repeat(70_000)),
                Reason.of("min", Integer.MIN_VALUE, true, "y"))));
  }

  @Test
  void amountsScoresInstantsAndCurrencies() throws Exception {
    List<BigDecimal> amounts =
        List.of(
            new BigDecimal("-12.34"),
            new BigDecimal("0.000000000000123456789"),
            new BigDecimal("1E+5"),
            new BigDecimal("123456789012345678901234567890.123456789"),
            BigDecimal.valueOf(Long.MIN_VALUE, 4),
            new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), 3));
    for (BigDecimal amount : amounts) {
      assertRoundTrips(decision(amount, "USD", AT, Action.BLOCK, 100, List.of()));
    }
    for (Instant at :
        List.of(
            new Instant(0),
            BoundedWindow.TIMESTAMP_MAX_VALUE,
            BoundedWindow.TIMESTAMP_MIN_VALUE,
            new Instant(Long.MAX_VALUE))) {
      assertRoundTrips(decision(BigDecimal.ONE, "EUR", at, Action.APPROVE, -1, List.of()));
    }
    for (int score : new int[] {Integer.MIN_VALUE, -1, 0, 100, Integer.MAX_VALUE}) {
      assertRoundTrips(decision(BigDecimal.TEN, "", AT, Action.REVIEW, score, List.of()));
    }
    assertSame("USD", CoderUtils.clone(CODER, decision(List.of())).getCurrency());
  }

  @Test
  void isDeterministicSerializableAndASingleton() throws Exception {
    CODER.verifyDeterministic();
    CoderProperties.coderSerializable(CODER);
    assertSame(CODER, SerializableUtils.clone(CODER));
    assertSame(CODER, Decision.coder());
  }

  @Test
  void decisionsAreSmallerThanWithTheSchemaCoder() throws Exception {
    Coder<Decision> schema = schemaCoder();
    long ours = 0;
    long theirs = 0;
    for (Decision d : modelDecisions()) {
      int a = CoderUtils.encodeToByteArray(CODER, d).length;
      int b = CoderUtils.encodeToByteArray(schema, d).length;
      assertTrue(a < b, d.getTxnId() + ": " + a + " bytes, schema coder " + b);
      ours += a;
      theirs += b;
    }
    assertTrue(ours < theirs, ours + " vs " + theirs);
  }

  @Test
  void truncatedInputFails() throws Exception {
    byte[] bytes =
        CoderUtils.encodeToByteArray(
            CODER, decision(List.of(Reason.of("velocity", 30, false, "6 payments in 10 min"))));
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThrows(EOFException.class, () -> CODER.decode(new ByteArrayInputStream(cut)), "" + n);
    }
  }
}
