package io.realtimepipelines.validation;

import static io.realtimepipelines.testing.Events.minute;
import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.TransactionCoder;
import io.realtimepipelines.testing.RunnerSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class ParseEventsTest {

  private static RawEvent line(int n, String text) {
    return RawEvent.of(text.getBytes(StandardCharsets.UTF_8), "test.jsonl:" + n);
  }

  /** Good, bad and repeated records; each bad one names the code it must get. */
  private static List<RawEvent> mixedInput() {
    List<RawEvent> in = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < 20; i++) {
      in.add(line(++n, txn("t" + i).amount("10." + i).at(minute(i)).json()));
    }
    // Two repeats of t3 (one arriving later in event time, within the horizon) and one of t7.
    in.add(line(++n, txn("t3").amount("10.3").at(minute(3)).json()));
    in.add(line(++n, txn("t3").amount("10.3").at(minute(6)).json()));
    in.add(line(++n, txn("t7").amount("10.7").at(minute(7)).json()));
    in.add(line(++n, "{\"txnId\":\"broken\","));
    in.add(line(++n, "[1,2]"));
    in.add(line(++n, txn("neg").amount("-1").json()));
    in.add(line(++n, "   "));
    in.add(RawEvent.of(new byte[] {'{', (byte) 0xFF, '}'}, "test.jsonl:" + (++n)));
    byte[] huge = new byte[1024 * 1024];
    Arrays.fill(huge, (byte) 'x');
    in.add(RawEvent.of(huge, "test.jsonl:" + (++n)));
    return in;
  }

  @Test
  void everyRecordEndsInExactlyOneOutputAndCountersAgree(TestPipeline p) {
    List<RawEvent> input = mixedInput();
    ParseResult<Transaction> result =
        p.apply(Create.of(input))
            .apply(
                "ParseTransactions",
                ParseEvents.<Transaction>of(EventType.TRANSACTION)
                    .withPipelineInfo("test", "1.2.3"));

    assertEquals(TransactionCoder.of(), result.getValid().getCoder());
    assertEquals(TransactionCoder.of(), result.getDuplicates().getCoder());
    PAssert.that(result.getValid().apply("CountValid", Count.globally())).containsInAnyOrder(20L);
    PAssert.that(
            result
                .getDuplicates()
                .apply(
                    "DupIds",
                    MapElements.into(TypeDescriptors.strings()).via(Transaction::getTxnId)))
        .containsInAnyOrder("t3", "t3", "t7");
    PCollection<KV<String, String>> codes =
        result
            .getDeadLetters()
            .apply(
                "CodeByPosition",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((DeadLetter d) -> KV.of(d.getSourcePosition(), d.getErrorCode().name())));
    PAssert.that(codes)
        .containsInAnyOrder(
            KV.of("test.jsonl:24", ErrorCode.MALFORMED_JSON.name()),
            KV.of("test.jsonl:25", ErrorCode.NOT_AN_OBJECT.name()),
            KV.of("test.jsonl:26", ErrorCode.INVALID_VALUE.name()),
            KV.of("test.jsonl:27", ErrorCode.EMPTY_RECORD.name()),
            KV.of("test.jsonl:28", ErrorCode.INVALID_ENCODING.name()),
            KV.of("test.jsonl:29", ErrorCode.PAYLOAD_TOO_LARGE.name()));
    PAssert.that(result.getDeadLetters())
        .satisfies(
            letters -> {
              for (DeadLetter d : letters) {
                assertEquals("test", d.getPipeline());
                assertEquals("1.2.3", d.getPipelineVersion());
                assertEquals("ParseTransaction", d.getStage());
                if (d.getErrorCode() == ErrorCode.PAYLOAD_TOO_LARGE) {
                  assertEquals(DeadLetter.MAX_KEPT_PAYLOAD_BYTES, d.getPayload().length());
                  assertEquals(true, d.getPayloadTruncated());
                  assertEquals(1024 * 1024, d.getPayloadBytes());
                }
                if (d.getErrorCode() == ErrorCode.INVALID_ENCODING) {
                  assertEquals("base64", d.getPayloadEncoding());
                }
              }
              return null;
            });

    PipelineResult run = p.run();
    run.waitUntilFinish();

    long in = counter(run, "transaction.input");
    long valid = counter(run, "transaction.valid");
    long dead = counter(run, "transaction.dead_letters");
    long dups = counter(run, "transaction.duplicates");
    assertEquals(input.size(), in);
    assertEquals(in, valid + dead, "parse accounting");
    assertEquals(3, dups);
    assertEquals(6, dead);
    assertEquals(1, counter(run, "transaction.dead_letters.MALFORMED_JSON"));
  }

  @Test
  void repeatsWithinTheHorizonAreDuplicatesWhateverTheWatermark(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    TestStream<RawEvent> events =
        TestStream.create(RawEvent.RawEventCoder.of())
            .addElements(line(1, txn("t1").at(minute(0)).json()))
            .addElements(line(2, txn("t1").at(minute(4)).json()))
            .advanceWatermarkTo(minute(13))
            // Remembered until 4 + 10 = 14: still a duplicate.
            .addElements(line(3, txn("t1").at(minute(13)).json()))
            .addElements(line(4, txn("t2").at(minute(13)).json()))
            .advanceWatermarkToInfinity();
    ParseResult<Transaction> result =
        p.apply(events)
            .apply(
                "ParseTransactions",
                ParseEvents.<Transaction>of(EventType.TRANSACTION)
                    .withDedupHorizon(Duration.standardMinutes(10)));
    // Which copy arrives first is up to the runner; exactly one of the three passes.
    PAssert.that(result.getValid().apply("ValidIds", txnIds())).containsInAnyOrder("t1", "t2");
    PAssert.that(result.getDuplicates().apply("DupIds", txnIds())).containsInAnyOrder("t1", "t1");
    p.run().waitUntilFinish();
  }

  @Test
  void idIsForgottenOnceTheWatermarkPassesTheHorizon(TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    TestStream<RawEvent> events =
        TestStream.create(RawEvent.RawEventCoder.of())
            .addElements(line(1, txn("t1").at(minute(0)).json()))
            .advanceWatermarkTo(minute(10.5))
            .addElements(line(2, txn("t1").at(minute(11)).json()))
            .advanceWatermarkToInfinity();
    ParseResult<Transaction> result =
        p.apply(events)
            .apply(
                "ParseTransactions",
                ParseEvents.<Transaction>of(EventType.TRANSACTION)
                    .withDedupHorizon(Duration.standardMinutes(10)));
    PAssert.that(result.getValid().apply("ValidIds", ids())).containsInAnyOrder("t1@0", "t1@11");
    PAssert.that(result.getDuplicates()).empty();
    p.run().waitUntilFinish();
  }

  private static MapElements<Transaction, String> txnIds() {
    return MapElements.into(TypeDescriptors.strings()).via(Transaction::getTxnId);
  }

  private static MapElements<Transaction, String> ids() {
    return MapElements.into(TypeDescriptors.strings())
        .via(
            (Transaction t) ->
                t.getTxnId()
                    + "@"
                    + (t.getTimestamp().getMillis() - minute(0).getMillis()) / 60_000);
  }

  @Test
  void dedupCanBeTurnedOff(TestPipeline p) {
    List<RawEvent> input = List.of(line(1, txn("t1").json()), line(2, txn("t1").json()));
    ParseResult<Transaction> result =
        p.apply(Create.of(input))
            .apply(
                "ParseTransactions",
                ParseEvents.<Transaction>of(EventType.TRANSACTION).withDedupHorizon(Duration.ZERO));
    PAssert.that(result.getValid().apply("Count", Count.globally())).containsInAnyOrder(2L);
    PAssert.that(result.getDuplicates()).empty();
    p.run().waitUntilFinish();
  }

  static long counter(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ParseEvents.METRICS_NAMESPACE, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> c : metrics.getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  /** The issue's hostile records between valid ones: each a dead letter with its code. */
  @Test
  void hostileRecordsBecomeDeadLettersAndLeaveTheirNeighboursUnchanged(TestPipeline p) {
    String good = txn("g").amount("10").at(minute(1)).json();
    String[][] hostile = {
      {good.replace("\"amount\":10", "\"amount\":1e400"), "INVALID_VALUE"},
      {good.replace("\"amount\":10", "\"amount\":-1e400"), "INVALID_VALUE"},
      {good.replace("\"amount\":10", "\"amount\":1e-10000"), "INVALID_VALUE"},
      {good.replace("\"amount\":10", "\"amount\":-1e-999999999"), "INVALID_VALUE"},
      {good.replace("\"txnId\":\"g\"", "\"txnId\":\"\\ud800\""), "INVALID_VALUE"},
      {good.replace("\"txnId\":\"g\"", "\"txnId\":\"a\\u0000b\""), "INVALID_VALUE"},
      {
        good.replace("\"txnId\":\"g\"", "\"txnId\":\"" + "x".repeat(1 << 20) + "\""),
        "PAYLOAD_TOO_LARGE"
      },
      {good.replace("}", ",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"), "MALFORMED_JSON"},
    };
    List<RawEvent> in = new ArrayList<>();
    List<String> expectedIds = new ArrayList<>();
    List<KV<String, String>> expectedCodes = new ArrayList<>();
    int n = 0;
    for (String[] h : hostile) {
      String id = "n" + n;
      in.add(line(++n, txn(id).amount("12.5").at(minute(n)).json()));
      expectedIds.add(id);
      in.add(line(++n, h[0]));
      expectedCodes.add(KV.of("test.jsonl:" + n, h[1]));
    }
    in.add(
        RawEvent.of(
            new byte[] {'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'}, "test.jsonl:" + (++n)));
    expectedCodes.add(KV.of("test.jsonl:" + n, "INVALID_ENCODING"));

    ParseResult<Transaction> result =
        p.apply(Create.of(in)).apply(ParseEvents.<Transaction>of(EventType.TRANSACTION));
    PAssert.that(result.getValid().apply(txnIds())).containsInAnyOrder(expectedIds);
    PAssert.that(
            result
                .getDeadLetters()
                .apply(
                    "Codes",
                    MapElements.into(
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), TypeDescriptors.strings()))
                        .via(
                            (DeadLetter d) ->
                                KV.of(d.getSourcePosition(), d.getErrorCode().name()))))
        .containsInAnyOrder(expectedCodes);
    PAssert.that(result.getDeadLetters())
        .satisfies(
            letters -> {
              for (DeadLetter d : letters) {
                assertEquals(true, d.getPayload().length() <= DeadLetter.MAX_KEPT_PAYLOAD_BYTES);
                assertEquals(64, d.getPayloadSha256().length());
              }
              return null;
            });
    p.run().waitUntilFinish();
  }
}
