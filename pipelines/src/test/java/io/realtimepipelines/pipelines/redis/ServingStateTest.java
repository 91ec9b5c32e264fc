package io.realtimepipelines.pipelines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.Reason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class ServingStateTest {
  @Test
  void decisionHashNamesTheTopCountedRulesHighestFirst() {
    Decision d =
        Decision.of(
            "t1",
            "a1",
            "m1",
            new BigDecimal("700.00"),
            "USD",
            Instant.parse("2026-11-23T10:05:00Z"),
            Action.BLOCK,
            100,
            "v7",
            List.of(
                Reason.of("high_amount", 45, false, "amount 700.00 >= 220.00"),
                Reason.of("ip_burst", 60, false, "3 purchases"),
                Reason.of("velocity", 0, true, "shadow only"),
                Reason.of("account_profile", 35, false, "risk tier HIGH"),
                Reason.of("amount_anomaly", 45, false, "10x")));
    Map<String, String> f = ServingState.decisionFields(d);
    assertEquals("BLOCK", f.get("action"));
    assertEquals("100", f.get("score"));
    assertEquals("700.00", f.get("amount"));
    assertEquals("2026-11-23T10:05:00.000Z", f.get("eventTime"));
    assertEquals("ip_burst:60,amount_anomaly:45,high_amount:45", f.get("reasons"));
    assertEquals("3 purchases", f.get("topReason"));
    assertEquals(
        List.of(
            "action",
            "score",
            "txnId",
            "merchantId",
            "amount",
            "currency",
            "rulesVersion",
            "eventTime",
            "reasons",
            "topReason"),
        List.copyOf(f.keySet()));
  }
}
