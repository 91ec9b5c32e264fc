package io.realtimepipelines.fraud;

import static io.realtimepipelines.testing.Events.minute;
import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.TransactionCoder;
import io.realtimepipelines.testing.Counters;
import io.realtimepipelines.testing.RunnerSupport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class ScoreFraudTest {
  private static final FraudRules RULES = FraudRules.defaults();

  private static Coder<Transaction> txnCoder(TestPipeline p) throws NoSuchSchemaException {
    return p.getSchemaRegistry().getSchemaCoder(Transaction.class);
  }

  private static Coder<FraudFeedback> feedbackCoder(TestPipeline p) throws NoSuchSchemaException {
    return p.getSchemaRegistry().getSchemaCoder(FraudFeedback.class);
  }

  /** A decision as a comparable line: id, action, score, version, rule ids and texts. */
  private static String line(Decision d) {
    StringBuilder sb =
        new StringBuilder(d.getTxnId())
            .append(' ')
            .append(d.getAction())
            .append(' ')
            .append(d.getScore())
            .append(' ')
            .append(d.getRulesVersion());
    for (Reason r : d.getReasons()) {
      sb.append(" | ")
          .append(r.getRuleId())
          .append(' ')
          .append(r.getContribution())
          .append(' ')
          .append(r.getText());
    }
    return sb.toString();
  }

  private static List<String> modelLines(FraudScenarios s) {
    List<String> out = new ArrayList<>();
    for (Decision d : FraudModel.decide(s.transactions, s.feedback, RULES)) {
      out.add(line(d));
    }
    return out;
  }

  private static PCollection<String> lines(PCollection<Decision> decisions) {
    return decisions.apply(
        "Lines", MapElements.into(TypeDescriptors.strings()).via(ScoreFraudTest::line));
  }

  @Test
  void batchDecisionsEqualTheReferenceModel(TestPipeline p) throws Exception {
    FraudScenarios s = FraudScenarios.generate(7, 1000);
    List<String> expected = modelLines(s);
    assertTrue(
        expected.stream().filter(l -> !l.contains(" APPROVE ")).count() > 20,
        "the scenario must produce alerts, else the comparison proves little");

    PCollection<Transaction> txns =
        p.apply(
            "Transactions", Create.timestamped(timestamped(s.transactions)).withCoder(txnCoder(p)));
    PCollection<FraudFeedback> reports =
        p.apply(
            "Feedback",
            Create.timestamped(timestampedFeedback(s.feedback)).withCoder(feedbackCoder(p)));
    FraudResult result =
        txns.apply(
            "ScoreFraud", ScoreFraud.withRules(RulesSource.fixed(RULES)).withFeedback(reports));
    // The hand-written coders, not the schema coders (a Row conversion per element).
    assertEquals(DecisionCoder.of(), result.getDecisions().getCoder());
    assertEquals(DecisionCoder.of(), result.getAlerts().getCoder());
    assertEquals(TransactionCoder.of(), result.getLateTransactions().getCoder());
    PAssert.that(lines(result.getDecisions())).containsInAnyOrder(expected);
    PAssert.that(result.getLateTransactions()).empty();
    p.run().waitUntilFinish();
  }

  /** Deterministic lookups: some accounts, cards and IPs blocked, some profiles high-risk. */
  static Enrichment lookups(Transaction t) {
    int account = Math.floorMod(t.getAccountId().hashCode(), 23);
    int card = t.getCardId() == null ? -1 : Math.floorMod(t.getCardId().hashCode(), 31);
    return Enrichment.blocked(account == 3, card == 5, "198.51.100.7".equals(t.getIp()), false)
        .withProfile("US", account % 4 == 1 ? "HIGH" : "NORMAL");
  }

  @Test
  void enrichedDecisionsEqualTheReferenceModelWithTheSameLookups(TestPipeline p) throws Exception {
    FraudScenarios s = FraudScenarios.generate(7, 1000);
    List<String> expected = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    for (Decision d :
        FraudModel.decide(s.transactions, s.feedback, RULES, ScoreFraudTest::lookups)) {
      expected.add(line(d));
    }
    for (Decision d : FraudModel.decide(s.transactions, s.feedback, RULES)) {
      plain.add(line(d));
    }
    long changed = expected.stream().filter(l -> !plain.contains(l)).count();
    assertTrue(changed > 50, "the lookups must change many decisions, changed " + changed);

    List<TimestampedValue<KV<Transaction, Enrichment>>> enriched = new ArrayList<>();
    for (Transaction t : s.transactions) {
      enriched.add(TimestampedValue.of(KV.of(t, lookups(t)), t.getTimestamp()));
    }
    PCollection<KV<Transaction, Enrichment>> txns =
        p.apply(
            "Transactions",
            Create.timestamped(enriched)
                .withCoder(KvCoder.of(txnCoder(p), Enrichment.EnrichmentCoder.of())));
    PCollection<FraudFeedback> reports =
        p.apply(
            "Feedback",
            Create.timestamped(timestampedFeedback(s.feedback)).withCoder(feedbackCoder(p)));
    FraudResult result =
        txns.apply(
            "ScoreFraud",
            ScoreFraud.withRules(RulesSource.fixed(RULES)).withFeedback(reports).enriched());
    PAssert.that(lines(result.getDecisions())).containsInAnyOrder(expected);
    PAssert.that(result.getLateTransactions()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void streamingDecisionsInShuffledArrivalOrderEqualTheReferenceModel(TestPipeline p)
      throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    FraudScenarios s = FraudScenarios.generate(11, 500);
    List<String> expected = modelLines(s);

    // Events arrive shuffled within each 10-minute slice; the watermark then moves past the slice.
    TestStream.Builder<Transaction> txns = TestStream.create(txnCoder(p));
    TestStream.Builder<FraudFeedback> reports = TestStream.create(feedbackCoder(p));
    List<Transaction> sorted = new ArrayList<>(s.transactions);
    sorted.sort((a, b) -> a.getTimestamp().compareTo(b.getTimestamp()));
    Random shuffle = new Random(3);
    long slice = 10 * 60_000L;
    long sliceStart = sorted.get(0).getTimestamp().getMillis();
    List<TimestampedValue<Transaction>> batch = new ArrayList<>();
    for (Transaction t : sorted) {
      while (t.getTimestamp().getMillis() >= sliceStart + slice) {
        Collections.shuffle(batch, shuffle);
        if (!batch.isEmpty()) {
          txns =
              txns.addElements(
                  batch.get(0), batch.subList(1, batch.size()).toArray(new TimestampedValue[0]));
        }
        batch.clear();
        sliceStart += slice;
        txns = txns.advanceWatermarkTo(new Instant(sliceStart - 1));
      }
      batch.add(TimestampedValue.of(t, t.getTimestamp()));
    }
    if (!batch.isEmpty()) {
      Collections.shuffle(batch, shuffle);
      txns =
          txns.addElements(
              batch.get(0), batch.subList(1, batch.size()).toArray(new TimestampedValue[0]));
    }
    for (FraudFeedback f : s.feedback) {
      reports = reports.addElements(TimestampedValue.of(f, f.getTimestamp()));
    }
    FraudResult result =
        p.apply("Transactions", txns.advanceWatermarkToInfinity())
            .apply(
                "ScoreFraud",
                ScoreFraud.withRules(RulesSource.fixed(RULES))
                    .withFeedback(p.apply("Feedback", reports.advanceWatermarkToInfinity())));
    PAssert.that(lines(result.getDecisions())).containsInAnyOrder(expected);
    PAssert.that(result.getLateTransactions()).empty();
    p.run().waitUntilFinish();
  }

  /** The scenario's transactions, one per distinct event time (ties have no arrival order). */
  private static List<Transaction> distinctTimes(FraudScenarios s) {
    List<Transaction> sorted = new ArrayList<>(s.transactions);
    sorted.sort((a, b) -> a.getTimestamp().compareTo(b.getTimestamp()));
    List<Transaction> out = new ArrayList<>();
    for (Transaction t : sorted) {
      if (out.isEmpty() || t.getTimestamp().isAfter(out.get(out.size() - 1).getTimestamp())) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void onArrivalTransactionsArrivingInEventTimeOrderGetTheReferenceModelsDecisions(TestPipeline p)
      throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    List<Transaction> inOrder = distinctTimes(FraudScenarios.generate(13, 400));
    List<String> expected = new ArrayList<>();
    for (Decision d : FraudModel.decide(inOrder, List.of(), RULES)) {
      expected.add(line(d));
    }
    assertTrue(
        expected.stream().filter(l -> !l.contains(" APPROVE ")).count() > 10,
        "the scenario must produce alerts, else the comparison proves little");
    // One transaction per step, never a watermark: each is decided on arrival, in this order.
    TestStream.Builder<Transaction> txns = TestStream.create(txnCoder(p));
    for (Transaction t : inOrder) {
      txns = txns.addElements(TimestampedValue.of(t, t.getTimestamp()));
    }
    FraudResult result =
        p.apply("Transactions", txns.advanceWatermarkToInfinity())
            .apply(
                "ScoreFraud", ScoreFraud.withRules(RulesSource.fixed(RULES)).decidingOnArrival());
    PAssert.that(lines(result.getDecisions())).containsInAnyOrder(expected);
    PAssert.that(result.getLateTransactions()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void onArrivalShuffledTransactionsAreEachDecidedOnceAndNoneIsLate(TestPipeline p)
      throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    List<Transaction> shuffled = distinctTimes(FraudScenarios.generate(17, 300));
    Collections.shuffle(shuffled, new Random(5));
    // Halfway the watermark passes every transaction: the second half arrives behind it.
    Instant last = shuffled.stream().map(Transaction::getTimestamp).max(Instant::compareTo).get();
    TestStream.Builder<Transaction> txns = TestStream.create(txnCoder(p));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < shuffled.size(); i++) {
      Transaction t = shuffled.get(i);
      txns = txns.addElements(TimestampedValue.of(t, t.getTimestamp()));
      if (i == shuffled.size() / 2) {
        txns = txns.advanceWatermarkTo(last.plus(Duration.standardMinutes(1)));
      }
      ids.add(t.getTxnId());
    }
    FraudResult result =
        p.apply("Transactions", txns.advanceWatermarkToInfinity())
            .apply(
                "ScoreFraud", ScoreFraud.withRules(RulesSource.fixed(RULES)).decidingOnArrival());
    assertDecidedAndLate(result, ids, List.of());
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertTrue(
        Counters.attempted(run, "rtp", "fraud.account.out_of_order") > 0,
        "shuffled transactions reach the account stage out of order, and are counted");
  }

  @Test
  void transactionOlderThanOneAlreadyScoredForItsKeyGoesToLateOutput(TestPipeline p)
      throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    Transaction onTime = txn("t1").account("a1").at(minute(10)).build();
    Transaction late = txn("t0").account("a1").at(minute(2)).build();
    Transaction later = txn("t2").account("a1").at(minute(20)).build();
    TestStream<Transaction> events =
        TestStream.create(txnCoder(p))
            .addElements(TimestampedValue.of(onTime, onTime.getTimestamp()))
            .advanceWatermarkTo(minute(15))
            .addElements(TimestampedValue.of(late, late.getTimestamp()))
            .addElements(TimestampedValue.of(later, later.getTimestamp()))
            .advanceWatermarkToInfinity();
    FraudResult result =
        p.apply(events).apply("ScoreFraud", ScoreFraud.withRules(RulesSource.fixed(RULES)));
    assertDecidedAndLate(result, List.of("t1", "t2"), List.of("t0"));
    p.run().waitUntilFinish();
  }

  /**
   * A transaction late at one of its stages only (its IP; its account and merchant are new) reaches
   * the late output exactly once and gets no decision.
   */
  @Test
  void transactionLateAtOneStageOnlyGoesToLateOutputOnce(TestPipeline p) throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    Transaction onTime =
        txn("t1").account("a1").merchant("m1").ip("198.51.100.7").at(minute(10)).build();
    Transaction lateAtIp =
        txn("t0").account("a9").merchant("m9").ip("198.51.100.7").at(minute(2)).build();
    Transaction other = txn("t2").account("a9").merchant("m9").at(minute(20)).build();
    TestStream<Transaction> events =
        TestStream.create(txnCoder(p))
            .addElements(TimestampedValue.of(onTime, onTime.getTimestamp()))
            .advanceWatermarkTo(minute(15))
            .addElements(TimestampedValue.of(lateAtIp, lateAtIp.getTimestamp()))
            .addElements(TimestampedValue.of(other, other.getTimestamp()))
            .advanceWatermarkToInfinity();
    FraudResult result =
        p.apply(events).apply("ScoreFraud", ScoreFraud.withRules(RulesSource.fixed(RULES)));
    assertDecidedAndLate(result, List.of("t1", "t2"), List.of("t0"));
    p.run().waitUntilFinish();
  }

  /** Each of {@code decided} has exactly one decision, each of {@code late} is late once. */
  private static void assertDecidedAndLate(
      FraudResult result, List<String> decided, List<String> late) {
    PAssert.that(
            result
                .getDecisions()
                .apply("Ids", MapElements.into(TypeDescriptors.strings()).via(Decision::getTxnId)))
        .containsInAnyOrder(decided);
    PAssert.that(
            result
                .getLateTransactions()
                .apply(
                    "LateIds",
                    MapElements.into(TypeDescriptors.strings()).via(Transaction::getTxnId)))
        .containsInAnyOrder(late);
  }

  @SuppressWarnings("unchecked")
  private static List<TimestampedValue<Transaction>> timestamped(List<Transaction> txns) {
    List<TimestampedValue<Transaction>> out = new ArrayList<>();
    txns.forEach(t -> out.add(TimestampedValue.of(t, t.getTimestamp())));
    return out;
  }

  private static List<TimestampedValue<FraudFeedback>> timestampedFeedback(List<FraudFeedback> fs) {
    List<TimestampedValue<FraudFeedback>> out = new ArrayList<>();
    fs.forEach(f -> out.add(TimestampedValue.of(f, f.getTimestamp())));
    return out;
  }
}
