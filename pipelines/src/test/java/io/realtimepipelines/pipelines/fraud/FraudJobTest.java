package io.realtimepipelines.pipelines.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.fraud.RulesSource;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.TestData;
import io.realtimepipelines.testing.Testdata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class FraudJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTestdataTransactionGetsOneDecisionOrADeadLetterAndTheSeededFraudIsCaught(
      TestPipeline p, @TempDir Path out) throws Exception {
    FraudJob.Options o = p.getOptions().as(FraudJob.Options.class);
    o.setInput(TestData.path("transactions*.jsonl").toString());
    o.setOutputDir(out.toString());
    FraudJob.buildPipeline(p, o, RulesSource.fixed(FraudJob.defaultRules()));
    p.run().waitUntilFinish();

    long input =
        TestData.lineCount("transactions.jsonl") + TestData.lineCount("transactions-bad.jsonl");
    List<String> decisions = TestData.outputLines(out.resolve("fraud/decisions"));
    List<String> dead = TestData.outputLines(out.resolve("fraud/dead-letters"));
    List<String> dups = TestData.outputLines(out.resolve("fraud/duplicates"));
    List<String> late = TestData.outputLines(out.resolve("fraud/late"));
    assertEquals(input, decisions.size() + dead.size() + dups.size() + late.size());

    assertEquals(List.of(), late, "a batch replay has no late data");
    assertEquals(
        TestData.lineCount("transactions-bad.jsonl"),
        dead.size(),
        "every line of transactions-bad.jsonl");
    assertEquals(1, dups.size(), "transactions.jsonl repeats one transaction");

    // Every decision is the reference model's with the rules the job ships: action, score and
    // each reason's rule, contribution and shadow flag.
    Map<String, Transaction> unique = new LinkedHashMap<>();
    Testdata.transactions().forEach(t -> unique.putIfAbsent(t.dedupKey(), t));
    Map<String, String> expected = new TreeMap<>();
    for (Decision d :
        FraudModel.decide(new ArrayList<>(unique.values()), List.of(), FraudRules.defaults())) {
      expected.put(
          d.getTxnId(),
          d.getAction()
              + " "
              + d.getScore()
              + " "
              + d.getReasons().stream()
                  .map(
                      r ->
                          r.getRuleId()
                              + ":"
                              + r.getContribution()
                              + (r.getShadow() ? ":shadow" : ""))
                  .collect(Collectors.joining(",")));
    }
    Map<String, JsonNode> byId = new HashMap<>();
    Map<String, String> actual = new TreeMap<>();
    for (String line : decisions) {
      JsonNode d = JSON.readTree(line);
      assertTrue(byId.put(d.get("txnId").asText(), d) == null, "one decision per transaction");
      List<String> reasons = new ArrayList<>();
      d.get("reasons")
          .forEach(
              r ->
                  reasons.add(
                      r.get("ruleId").asText()
                          + ":"
                          + r.get("contribution").asInt()
                          + (r.get("shadow").asBoolean() ? ":shadow" : "")));
      actual.put(
          d.get("txnId").asText(),
          d.get("action").asText()
              + " "
              + d.get("score").asInt()
              + " "
              + String.join(",", reasons));
    }
    assertEquals(expected, actual);

    // testdata/transactions.jsonl seeds an IP burst, card testing and impossible travel: each is
    // caught by its rule counting in the score (a shadow rule would not).
    assertEquals("BLOCK", byId.get("txn-0043").get("action").asText());
    assertCounted(byId.get("txn-0043"), "ip_burst");
    assertEquals("BLOCK", byId.get("txn-0049").get("action").asText());
    assertCounted(byId.get("txn-0049"), "card_testing");
    assertCounted(byId.get("txn-0051"), "impossible_travel");
    long alerts = TestData.outputLines(out.resolve("fraud/alerts")).size();
    long nonApproved =
        byId.values().stream().filter(d -> !d.get("action").asText().equals("APPROVE")).count();
    assertEquals(nonApproved, alerts);
  }

  private static void assertCounted(JsonNode decision, String ruleId) {
    for (JsonNode r : decision.get("reasons")) {
      if (r.get("ruleId").asText().equals(ruleId)) {
        assertFalse(r.get("shadow").asBoolean(), ruleId + " fired in shadow mode: " + decision);
        assertTrue(r.get("contribution").asInt() > 0, ruleId + " added nothing: " + decision);
        return;
      }
    }
    throw new AssertionError(ruleId + " did not fire: " + decision);
  }

  @Test
  void repeatedFraudReportIsWrittenToDuplicatesNotLost(TestPipeline p, @TempDir Path out)
      throws Exception {
    String report =
        "{\"txnId\":\"txn-0001\",\"accountId\":\"acct-006\",\"merchantId\":\"m-01\","
            + "\"fraud\":true,\"timestamp\":\"2026-11-23T10:01:00Z\"}\n";
    Path feedback = out.resolve("feedback.jsonl");
    Files.writeString(feedback, report + report);
    FraudJob.Options o = p.getOptions().as(FraudJob.Options.class);
    o.setInput(TestData.path("transactions.jsonl").toString());
    o.setFeedbackInput(feedback.toString());
    o.setOutputDir(out.resolve("run").toString());
    FraudJob.buildPipeline(p, o, RulesSource.fixed(FraudJob.defaultRules()));
    p.run().waitUntilFinish();

    List<String> dups = TestData.outputLines(out.resolve("run/fraud/duplicates"));
    // transactions.jsonl repeats one transaction; the report is repeated once.
    assertEquals(2, dups.size(), String.join("\n", dups));
    assertTrue(dups.stream().anyMatch(d -> d.contains("\"fraud\":true")), String.join("\n", dups));
  }
}
