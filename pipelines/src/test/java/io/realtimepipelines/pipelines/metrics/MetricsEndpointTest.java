package io.realtimepipelines.pipelines.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.fraud.RulesSource;
import io.realtimepipelines.pipelines.RunReport;
import io.realtimepipelines.pipelines.TestData;
import io.realtimepipelines.pipelines.fraud.FraudJob;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics endpoint, scraped with a plain HTTP GET after a fraud run on the test's runner
 * (Direct, embedded Flink, local Spark: the surefire executions), equals the job's own accounting
 * (the Beam counters the run summary prints) and the files it wrote.
 */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class MetricsEndpointTest {

  @Test
  void scrapedCountersEqualTheRunsAccountingAndItsOutputs(TestPipeline p, @TempDir Path out)
      throws Exception {
    // A label of its own: the registry is JVM-wide and other tests ran before in this JVM.
    String job = "fraud-" + UUID.randomUUID();
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(job, "127.0.0.1", 0)) {
      FraudJob.Options o = p.getOptions().as(FraudJob.Options.class);
      o.setInput(TestData.path("transactions*.jsonl").toString());
      o.setOutputDir(out.toString());
      FraudJob.buildPipeline(p, o, RulesSource.fixed(FraudJob.defaultRules()));
      PipelineResult result = p.run();
      result.waitUntilFinish();
      Map<String, Long> beam = RunReport.counters(result);

      Scrape s = Scrape.get("http://127.0.0.1:" + endpoint.port() + "/metrics");
      assertTrue(s.contentType().startsWith("text/plain"), s.contentType());

      long lines =
          TestData.lineCount("transactions.jsonl") + TestData.lineCount("transactions-bad.jsonl");
      String[] txn = {"job", job, "stage", "transaction"};
      assertEquals(lines, (long) s.sum("rtp_records_in_total", txn));
      assertEquals(beam.get("transaction.input"), (long) s.sum("rtp_records_in_total", txn));
      assertEquals(beam.get("transaction.valid"), (long) s.sum("rtp_records_valid_total", txn));
      assertEquals(beam.get("transaction.duplicates"), (long) s.sum("rtp_duplicates_total", txn));
      assertEquals(
          TestData.lineCount("transactions-bad.jsonl"),
          (long) s.sum("rtp_dead_letters_total", txn));
      for (String code : s.labelValues("rtp_dead_letters_total", "code", txn)) {
        assertEquals(
            beam.get("transaction.dead_letters." + code),
            (long) s.sum("rtp_dead_letters_total", "job", job, "code", code),
            code);
      }
      for (String action : new String[] {"APPROVE", "REVIEW", "BLOCK"}) {
        assertEquals(
            beam.getOrDefault("fraud.decisions." + action, 0L),
            (long) s.sum("rtp_decisions_total", "job", job, "action", action),
            action);
      }
      assertTrue(s.sum("rtp_decisions_total", "job", job, "action", "BLOCK") > 0);

      // Outputs: counted at the sinks, equal to what the files hold, each with a latency.
      for (String output : new String[] {"decisions", "dead-letters", "duplicates", "alerts"}) {
        long written = TestData.outputLines(out.resolve("fraud/" + output)).size();
        String[] at = {"job", job, "stage", output};
        assertEquals(written, (long) s.sum("rtp_records_out_total", at), output);
        assertEquals(written, (long) s.sum("rtp_end_to_end_latency_seconds_count", at), output);
      }
      long decided = (long) s.sum("rtp_records_out_total", "job", job, "stage", "decisions");
      assertEquals(decided, (long) s.sum("rtp_decisions_total", "job", job));
      // Every record in one place, counted by the endpoint alone.
      assertEquals(
          lines,
          decided
              + (long) s.sum("rtp_records_out_total", "job", job, "stage", "dead-letters")
              + (long) s.sum("rtp_records_out_total", "job", job, "stage", "duplicates")
              + (long) s.sum("rtp_records_out_total", "job", job, "stage", "late"));
      assertTrue(s.names().contains("jvm_memory_used_bytes"), "JVM metrics served");
    }
  }
}
