package io.realtimepipelines.fraud;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.Attributes;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.TransactionCoder;
import io.realtimepipelines.testing.RunnerSupport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scorer with the shipped rules plus user rules of every kind: its decisions equal the
 * reference model's in batch and with shuffled arrival in streaming, on every runner.
 */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class UserRulesPipelineTest {
  static final String RULES =
      """
      {"version": "user-rules-test",
       "attributes": {"channel": "string", "balance": "number"},
       "userRules": [
         {"id": "night_large", "kind": "condition", "weight": 15,
          "when": "amount > 500.0 && hour < 6", "reason": "{amount} at night"},
         {"id": "app_drain", "kind": "condition", "weight": 30, "shadow": true,
          "when": "channel == 'app' && amount >= 0.9 * balance",
          "reason": "{amount} of a balance of {balance}"},
         {"id": "ip_accounts", "kind": "aggregate", "weight": 25, "groupBy": ["ip"],
          "windowSeconds": 3600, "aggregate": "distinct", "of": "accountId", "op": ">=", "limit": 3,
          "reason": "{value} accounts from {ip} within {window}"},
         {"id": "merchant_surge", "kind": "aggregate", "weight": 20, "groupBy": ["merchantId"],
          "windowSeconds": 1800, "aggregate": "sum", "of": "amount", "timesMedian": 3.0,
          "minHistory": 5, "historySize": 20, "reason": "{value} in {window}, {limit} expected at most"},
         {"id": "tiny_then_large", "kind": "sequence", "weight": 35, "withinSeconds": 1800,
          "first": {"key": ["cardId"], "when": "amount < 5.0"},
          "then": {"key": ["cardId"], "when": "amount >= 40.0 * first.amount"},
          "reason": "{amount} {elapsed} after {first.amount}"},
         {"id": "pay_then_account", "kind": "sequence", "weight": 10, "withinSeconds": 3600,
          "first": {"key": ["merchantId"], "when": "amount > 300.0"},
          "then": {"key": ["accountId"], "when": "true"},
          "reason": "after a large payment to a merchant named like this account"}
       ]}
      """;

  /** The scenarios' transactions with attributes on most of them. */
  static List<Transaction> transactions(long seed, int normal) {
    FraudScenarios s = FraudScenarios.generate(seed, normal);
    Random r = new Random(seed);
    List<Transaction> out = new ArrayList<>();
    for (Transaction t : s.transactions) {
      int pick = r.nextInt(4);
      Attributes a =
          pick == 0
              ? Attributes.EMPTY
              : Attributes.of(
                  Map.of(
                      "channel",
                      pick == 1 ? "web" : "app",
                      "balance",
                      t.getAmount().doubleValue() * (0.8 + r.nextInt(5) * 0.1)));
      out.add(t.toBuilder().setAttributes(a).build());
    }
    return out;
  }

  private static String line(Decision d) {
    StringBuilder sb =
        new StringBuilder(d.getTxnId()).append(' ').append(d.getAction()).append(' ');
    sb.append(d.getScore());
    for (Reason r : d.getReasons()) {
      sb.append(" | ").append(r.getRuleId()).append(' ').append(r.getContribution());
      sb.append(' ').append(r.getText());
    }
    return sb.toString();
  }

  private static List<String> expected(List<Transaction> txns, FraudRules rules) {
    List<String> out = new ArrayList<>();
    int user = 0;
    for (Decision d : FraudModel.decide(txns, List.of(), rules)) {
      out.add(line(d));
      user +=
          (int)
              d.getReasons().stream()
                  .filter(
                      x ->
                          x.getRuleId().contains("_")
                              && rules.userRules.rule(x.getRuleId()) != null)
                  .count();
    }
    assertTrue(user > 30, "the user rules must fire, fired " + user);
    return out;
  }

  private static PCollection<String> lines(PCollection<Decision> decisions) {
    return decisions.apply(
        "Lines", MapElements.into(TypeDescriptors.strings()).via(UserRulesPipelineTest::line));
  }

  @Test
  void batchDecisionsWithUserRulesEqualTheReferenceModel(TestPipeline p) throws Exception {
    FraudRules rules = FraudRules.parse(RULES);
    List<Transaction> txns = transactions(5, 1500);
    List<TimestampedValue<Transaction>> input = new ArrayList<>();
    txns.forEach(t -> input.add(TimestampedValue.of(t, t.getTimestamp())));
    FraudResult result =
        p.apply(Create.timestamped(input).withCoder(TransactionCoder.of()))
            .apply(ScoreFraud.withRules(RulesSource.fixed(rules)).withKeyShards(8));
    PAssert.that(lines(result.getDecisions())).containsInAnyOrder(expected(txns, rules));
    PAssert.that(result.getLateTransactions()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void streamingDecisionsInShuffledArrivalOrderEqualTheReferenceModel(TestPipeline p)
      throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    FraudRules rules = FraudRules.parse(RULES);
    List<Transaction> txns = transactions(9, 800);
    List<Transaction> sorted = new ArrayList<>(txns);
    sorted.sort((a, b) -> a.getTimestamp().compareTo(b.getTimestamp()));
    TestStream.Builder<Transaction> stream = TestStream.create(TransactionCoder.of());
    Random shuffle = new Random(4);
    long slice = 10 * 60_000L;
    long sliceStart = sorted.get(0).getTimestamp().getMillis();
    List<TimestampedValue<Transaction>> batch = new ArrayList<>();
    for (Transaction t : sorted) {
      while (t.getTimestamp().getMillis() >= sliceStart + slice) {
        stream = flush(stream, batch, shuffle);
        sliceStart += slice;
        stream = stream.advanceWatermarkTo(new Instant(sliceStart - 1));
      }
      batch.add(TimestampedValue.of(t, t.getTimestamp()));
    }
    stream = flush(stream, batch, shuffle);
    FraudResult result =
        p.apply(stream.advanceWatermarkToInfinity())
            .apply(ScoreFraud.withRules(RulesSource.fixed(rules)).withKeyShards(4));
    PAssert.that(lines(result.getDecisions())).containsInAnyOrder(expected(txns, rules));
    PAssert.that(result.getLateTransactions()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void randomUserRuleSetsDecideAsTheReferenceModel(TestPipeline p) throws Exception {
    // Rule sets drawn from the property test's grammar, each over its own random stream, all in
    // one pipeline run.
    Random seeds = new Random(17);
    net.jqwik.api.Arbitrary<String> grammar = new UserRulesPropertiesTest().rules();
    for (int i = 0; i < 4; i++) {
      String json = grammar.sample();
      FraudRules rules = FraudRules.parse(json);
      List<Transaction> txns = UserRulesPropertiesTest.stream(seeds.nextLong());
      List<String> expected = new ArrayList<>();
      FraudModel.decide(txns, List.of(), rules).forEach(d -> expected.add(line(d)));
      List<TimestampedValue<Transaction>> input = new ArrayList<>();
      txns.forEach(t -> input.add(TimestampedValue.of(t, t.getTimestamp())));
      FraudResult result =
          p.apply("Transactions" + i, Create.timestamped(input).withCoder(TransactionCoder.of()))
              .apply("Score" + i, ScoreFraud.withRules(RulesSource.fixed(rules)).withKeyShards(3));
      PAssert.that(
              "decisions " + i + " of " + json,
              result
                  .getDecisions()
                  .apply(
                      "Lines" + i,
                      MapElements.into(TypeDescriptors.strings()).via(UserRulesPipelineTest::line)))
          .containsInAnyOrder(expected);
    }
    p.run().waitUntilFinish();
  }

  @Test
  void aTransactionLateOnlyAtAUserRuleKeyGoesToTheLateOutputAndNowhereElse(TestPipeline p)
      throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    FraudRules rules =
        FraudRules.parse(
            "{\"version\":\"card\",\"userRules\":[{\"id\":\"card_count\","
                + "\"kind\":\"aggregate\",\"weight\":10,\"groupBy\":[\"cardId\"],"
                + "\"windowSeconds\":3600,\"aggregate\":\"count\",\"op\":\">=\",\"limit\":2,"
                + "\"reason\":\"{value} on the card\"}]}");
    // t0's account and merchant are new, so only its card key has applied a newer transaction.
    Transaction onTime =
        io.realtimepipelines.testing.Events.txn("t1")
            .account("a1")
            .merchant("m1")
            .card("c1")
            .at(io.realtimepipelines.testing.Events.minute(10))
            .build();
    Transaction late =
        io.realtimepipelines.testing.Events.txn("t0")
            .account("a9")
            .merchant("m9")
            .card("c1")
            .at(io.realtimepipelines.testing.Events.minute(2))
            .build();
    Transaction later =
        io.realtimepipelines.testing.Events.txn("t2")
            .account("a1")
            .merchant("m1")
            .card("c1")
            .at(io.realtimepipelines.testing.Events.minute(20))
            .build();
    TestStream<Transaction> events =
        TestStream.create(TransactionCoder.of())
            .addElements(TimestampedValue.of(onTime, onTime.getTimestamp()))
            .advanceWatermarkTo(io.realtimepipelines.testing.Events.minute(15))
            .addElements(TimestampedValue.of(late, late.getTimestamp()))
            .addElements(TimestampedValue.of(later, later.getTimestamp()))
            .advanceWatermarkToInfinity();
    FraudResult result =
        p.apply(events).apply(ScoreFraud.withRules(RulesSource.fixed(rules)).withKeyShards(2));
    PAssert.that(lines(result.getDecisions()))
        .containsInAnyOrder("t1 APPROVE 0", "t2 APPROVE 10 | card_count 10 2 on the card");
    PAssert.that(
            result
                .getLateTransactions()
                .apply(
                    "LateIds",
                    MapElements.into(TypeDescriptors.strings()).via(Transaction::getTxnId)))
        .containsInAnyOrder("t0");
    p.run().waitUntilFinish();
  }

  private static TestStream.Builder<Transaction> flush(
      TestStream.Builder<Transaction> stream,
      List<TimestampedValue<Transaction>> batch,
      Random shuffle) {
    if (batch.isEmpty()) {
      return stream;
    }
    Collections.shuffle(batch, shuffle);
    @SuppressWarnings("unchecked")
    TimestampedValue<Transaction>[] rest =
        batch.subList(1, batch.size()).toArray(new TimestampedValue[0]);
    TestStream.Builder<Transaction> out = stream.addElements(batch.get(0), rest);
    batch.clear();
    return out;
  }
}
