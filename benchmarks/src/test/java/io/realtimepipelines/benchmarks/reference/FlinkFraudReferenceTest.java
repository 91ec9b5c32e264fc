package io.realtimepipelines.benchmarks.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.validation.ParseEvents;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written Flink job decides exactly as the reference model: {@code
 * testdata/transactions.jsonl} plus generated transactions over few accounts and merchants (so the
 * keyed rules fire often), some invalid lines and repeated ids (some with other content, so which
 * copy wins shows), shuffled so that the file order is not event-time order, at parallelism 2;
 * every decision compared with {@link FraudModel#decide} on the valid, deduplicated transactions.
 */
class FlinkFraudReferenceTest {
  private static final int GENERATED = 4_000;
  private static final Path REPO = Path.of(System.getProperty("repoRoot", ".."));

  @Test
  void decisionsEqualTheReferenceModelsOnShuffledInputWithRepeatsAndBadLines(@TempDir Path tmp)
      throws Exception {
    List<String> lines =
        new ArrayList<>(Files.readAllLines(REPO.resolve("testdata/transactions.jsonl")));
    EventGenerator generator =
        EventGenerators.create(
            EventType.TRANSACTION,
            GeneratorConfig.defaults()
                .withAccounts(150)
                .withMerchants(100)
                .withAnomalyRate(0.05)
                .withBadRate(0.02));
    for (long i = 0; i < GENERATED; i++) {
      lines.add(generator.generate(i).json());
    }
    Random random = new Random(19);
    for (int i = 0; i < 40; i++) {
      lines.add(lines.get(random.nextInt(lines.size()))); // repeated ids
    }
    Collections.shuffle(lines, random);
    // Repeated ids with other content (a high amount): whichever copy is earlier in the file wins.
    for (int i = 0; i < 10; i++) {
      String changed = lines.get(i * 7).replaceFirst("\"amount\":[0-9.]+", "\"amount\":9999.99");
      if (i % 2 == 0) {
        lines.add(changed);
      } else {
        lines.add(0, changed);
      }
    }
    Path input = tmp.resolve("transactions.jsonl");
    Files.write(input, lines, StandardCharsets.ISO_8859_1);
    FraudRules rules = FraudRules.parse(Files.readString(REPO.resolve("rules/fraud-rules.json")));

    FlinkFraudReference.Summary summary =
        FlinkFraudReference.run(input, rules, tmp.resolve("out"), 2);

    Expected expected = expected(lines, rules);
    Map<String, String> actual = new TreeMap<>();
    for (String json : readAll(tmp.resolve("out").resolve("decisions"))) {
      String txnId = EventJson.mapper().readTree(json).get("txnId").asText();
      assertEquals(null, actual.put(txnId, json), "two decisions for " + txnId);
    }
    assertEquals(expected.decisions.keySet(), actual.keySet(), "decided transactions");
    for (Map.Entry<String, String> e : expected.decisions.entrySet()) {
      assertEquals(e.getValue(), actual.get(e.getKey()), "decision on " + e.getKey());
    }
    long flagged = expected.decisions.values().stream().filter(j -> !j.contains("APPROVE")).count();
    assertTrue(flagged > 20, "the input must make rules fire, got " + flagged + " flagged");
    assertEquals(lines.size(), summary.read());
    assertTrue(summary.deadLetters() > 0, "some invalid lines");
    assertEquals(expected.deadLetters, summary.deadLetters());
    assertEquals(expected.duplicates, summary.duplicates());
    assertEquals(expected.decisions.size(), summary.decisions());
    assertEquals(summary.deadLetters(), readAll(tmp.resolve("out").resolve("dead-letters")).size());
    assertEquals(summary.duplicates(), readAll(tmp.resolve("out").resolve("duplicates")).size());
    assertTrue(
        summary.lines().stream()
            .filter(l -> l.contains("accounting"))
            .allMatch(l -> l.endsWith(": ok")),
        String.join("\n", summary.lines()));
    assertEquals(
        expected.decisions.values().stream().filter(j -> j.contains("\"BLOCK\"")).count(),
        summary.block(),
        Action.BLOCK.name());
  }

  @Test
  void rulesKeyedByADeviceAreRefused() throws Exception {
    FraudRules rules =
        FraudRules.parse(Files.readString(REPO.resolve("rules/examples/device-sharing.json")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FlinkFraudReference.refuseUnsupported(rules));
    assertTrue(e.getMessage().contains("keyed user rules"), e.getMessage());
  }

  /** The reference model's decisions (JSON by txnId) and counts for the lines, as the baseline. */
  private record Expected(Map<String, String> decisions, long deadLetters, long duplicates) {}

  private static Expected expected(List<String> shuffled, FraudRules rules) throws Exception {
    RecordDecoder<Transaction> decoder =
        new RecordDecoder<>(
            EventType.TRANSACTION,
            ParseEvents.DEFAULT_MAX_PAYLOAD_BYTES,
            ParseEvents.DEFAULT_MAX_FUTURE_SKEW);
    List<Transaction> valid = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long dead = 0;
    long repeats = 0;
    for (String line : shuffled) {
      Transaction t;
      try {
        t = decoder.decode(line.getBytes(StandardCharsets.ISO_8859_1), Instant.now());
      } catch (ValidationException e) {
        dead++;
        continue;
      }
      if (!seen.add(t.dedupKey())) {
        repeats++;
        continue;
      }
      valid.add(t);
    }
    Map<String, String> decisions = new TreeMap<>();
    for (Decision d : FraudModel.decide(valid, List.of(), rules)) {
      decisions.put(d.getTxnId(), EventJson.toJson(d, Decision.class));
    }
    return new Expected(decisions, dead, repeats);
  }

  private static List<String> readAll(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
