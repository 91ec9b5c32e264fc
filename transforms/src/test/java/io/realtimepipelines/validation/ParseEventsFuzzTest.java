package io.realtimepipelines.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.model.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Fuzzes validation with random and mutated lines (valid transactions with a byte flipped, cut
 * short, a hostile value spliced in, or random bytes): the decoder only ever accepts or names an
 * error code, and {@link ParseEvents} puts every input in exactly one of valid, dead letters and
 * duplicates, with the dead letters the plain decoder predicts.
 */
class ParseEventsFuzzTest {
  private static final Instant NOW = Instant.now();
  private static final String[] HOSTILE = {
    "1e400",
    "-1e400",
    "1e-10000",
    "-1e-999999999",
    "\"\\ud800\"",
    "\"a\\u0000b\"",
    "NaN",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]",
    "null",
    "\"" + "x".repeat(300) + "\"",
    "{}",
    "true",
    "9".repeat(120)
  };
  private static final String[] FIELDS = {
    "txnId", "accountId", "amount", "merchantId", "timestamp", "lat", "cardId"
  };

  /** Outputs seen per run, by kind; a static sink because the Direct runner runs in this JVM. */
  private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

  private final RecordDecoder<Transaction> decoder =
      new RecordDecoder<>(EventType.TRANSACTION, 4096, Duration.standardDays(1));

  @Property(tries = 3000)
  void decoderAcceptsOrNamesAnErrorCode(@ForAll("lines") byte[] line) {
    try {
      Transaction t = decoder.decode(line, NOW);
      // Whatever is accepted can be written back out and read again unchanged.
      assertEquals(
          t,
          decoder.decode(
              EventJson.toJson(t, Transaction.class).getBytes(StandardCharsets.UTF_8), NOW));
    } catch (ValidationException e) {
      // The dead letter it becomes is printable and bounded, whatever the input quoted.
      DeadLetter d =
          new DeadLetters("fuzz", "1")
              .create(
                  "transaction", line, "fuzz:1", "Parse", e.code(), e.field(), e.getMessage(), NOW);
      assertEquals(-1, JsonFields.unprintable(d.getMessage()), d.getMessage());
      assertEquals(true, d.getMessage().length() <= DeadLetters.MAX_MESSAGE_CHARS + 3);
      EventJson.toJson(d, DeadLetter.class);
    }
  }

  @Property(tries = 6)
  void everyRecordEndsInExactlyOneOutput(@ForAll("batches") List<byte[]> lines) {
    List<RawEvent> input = new ArrayList<>();
    Map<String, ErrorCode> expectedDead = new TreeMap<>();
    Set<String> expectedIds = new TreeSet<>();
    int accepted = 0;
    for (int i = 0; i < lines.size(); i++) {
      String position = "fuzz.jsonl:" + (i + 1);
      input.add(RawEvent.of(lines.get(i), position));
      try {
        expectedIds.add(decoder.decode(lines.get(i), NOW).dedupKey());
        accepted++;
      } catch (ValidationException e) {
        expectedDead.put(position, e.code());
      }
    }
    String run = UUID.randomUUID().toString();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    ParseResult<Transaction> result =
        p.apply(Create.of(input))
            .apply(
                ParseEvents.<Transaction>of(EventType.TRANSACTION)
                    .withMaxPayloadBytes(4096)
                    .withKeyShards(2)
                    // Copies of an id lie up to an hour apart: with a shorter horizon a later copy
                    // is
                    // a duplicate or not depending on whether the sweep ran first (by design), and
                    // the counts below would be a race.
                    .withDedupHorizon(Duration.standardHours(2)));
    result.getValid().apply("Valid", ParDo.of(new Record<>(run + "/valid", Transaction::dedupKey)));
    result
        .getDuplicates()
        .apply("Dups", ParDo.of(new Record<>(run + "/dup", Transaction::dedupKey)));
    result
        .getDeadLetters()
        .apply(
            "Dead",
            ParDo.of(
                new Record<>(
                    run + "/dead",
                    (DeadLetter d) -> d.getSourcePosition() + "=" + d.getErrorCode())));
    p.run().waitUntilFinish();

    List<String> valid = seen(run + "/valid");
    List<String> dups = seen(run + "/dup");
    List<String> dead = seen(run + "/dead");
    assertEquals(lines.size(), valid.size() + dups.size() + dead.size(), "accounting");
    assertEquals(expectedIds, new TreeSet<>(valid), "valid ids");
    assertEquals(valid.size(), expectedIds.size(), "each id once among valid");
    assertEquals(accepted - expectedIds.size(), dups.size(), "duplicates");
    Map<String, ErrorCode> actualDead = new TreeMap<>();
    for (String d : dead) {
      int eq = d.lastIndexOf('=');
      assertEquals(
          null, actualDead.put(d.substring(0, eq), ErrorCode.valueOf(d.substring(eq + 1))), d);
    }
    assertEquals(expectedDead, actualDead);
  }

  private static List<String> seen(String key) {
    List<String> list = SEEN.remove(key);
    return list == null ? List.of() : list;
  }

  /** Notes each element's label under a run-scoped key. */
  static final class Record<T> extends DoFn<T, Void> {
    private final String key;
    private final org.apache.beam.sdk.transforms.SerializableFunction<T, String> label;

    Record(String key, org.apache.beam.sdk.transforms.SerializableFunction<T, String> label) {
      this.key = key;
      this.label = label;
    }

    @ProcessElement
    public void process(@Element T element) {
      SEEN.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
          .add(label.apply(element));
    }
  }

  @Provide
  Arbitrary<List<byte[]>> batches() {
    return lines().list().ofMinSize(20).ofMaxSize(120);
  }

  @Provide
  Arbitrary<byte[]> lines() {
    Arbitrary<String> valid = validLine();
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, valid.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(
            3,
            Combinators.combine(valid, Arbitraries.of(FIELDS), Arbitraries.of(HOSTILE))
                .as(
                    (line, field, value) ->
                        splice(line, field, value).getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(
            2,
            Combinators.combine(valid, Arbitraries.integers().between(0, 400), Arbitraries.bytes())
                .as(ParseEventsFuzzTest::flip)),
        net.jqwik.api.Tuple.of(
            1,
            Combinators.combine(valid, Arbitraries.integers().between(0, 400))
                .as(
                    (line, cut) ->
                        line.substring(0, Math.min(cut, line.length()))
                            .getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.strings().ofMaxLength(100).map(s -> s.getBytes(StandardCharsets.UTF_8))));
  }

  private static Arbitrary<String> validLine() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 60),
            Arbitraries.bigDecimals()
                .between(new java.math.BigDecimal("0.01"), new java.math.BigDecimal("5000"))
                .ofScale(2),
            Arbitraries.integers().between(0, 3600))
        .as(
            (id, amount, second) ->
                "{\"txnId\":\"t"
                    + id
                    + "\",\"accountId\":\"a"
                    + (id % 7)
                    + "\",\"amount\":"
                    + amount
                    + ",\"merchantId\":\"m1\",\"lat\":1.5,\"lon\":2.5,\"timestamp\":\""
                    + Instant.parse("2026-11-23T10:00:00Z").plus(Duration.standardSeconds(second))
                    + "\"}");
  }

  private static String splice(String line, String field, String value) {
    return line.replaceFirst(
        "\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
        java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
  }

  private static byte[] flip(String line, int at, byte b) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    bytes[Math.min(at, bytes.length - 1)] = b;
    return bytes;
  }
}
