package io.realtimepipelines.pipelines.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.fraud.RulesSource;
import io.realtimepipelines.pipelines.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    Map<String, JsonNode> byId = new HashMap<>();
    for (String line : decisions) {
      JsonNode d = JSON.readTree(line);
      assertTrue(byId.put(d.get("txnId").asText(), d) == null, "one decision per transaction");
    }
    // testdata/transactions.jsonl seeds an IP burst, card testing and impossible travel.
    assertEquals("BLOCK", byId.get("txn-0043").get("action").asText());
    assertTrue(byId.get("txn-0043").toString().contains("ip_burst"));
    assertEquals("BLOCK", byId.get("txn-0049").get("action").asText());
    assertTrue(byId.get("txn-0049").toString().contains("card_testing"));
    assertTrue(byId.get("txn-0051").toString().contains("impossible_travel"));
    long alerts = TestData.outputLines(out.resolve("fraud/alerts")).size();
    long nonApproved =
        byId.values().stream().filter(d -> !d.get("action").asText().equals("APPROVE")).count();
    assertEquals(nonApproved, alerts);
    assertTrue(Files.isDirectory(out.resolve("fraud/late")));
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
