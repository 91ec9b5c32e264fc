package io.realtimepipelines.fraud;

import static io.realtimepipelines.testing.Events.T0;
import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.testing.Testdata;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class StageEventCoderTest {
  private static final StageEvent.StageEventCoder CODER = StageEvent.StageEventCoder.of();

  private static void assertSameEvent(StageEvent e, StageEvent copy) {
    assertEquals(e.isTransaction(), copy.isTransaction());
    if (e.isTransaction()) {
      assertEquals(e.txn(), copy.txn());
      assertEquals(e.findings(), copy.findings());
      assertEquals(e.enrichment(), copy.enrichment());
    } else {
      assertEquals(e.feedback(), copy.feedback());
    }
  }

  @Test
  void transactionsWithFindingsAndEnrichmentAndReportsRoundTrip() throws Exception {
    List<StageEvent> events =
        List.of(
            StageEvent.of(txn("t1").ip("203.0.113.7").location(51.5, -0.1).build())
                .plus(
                    List.of(
                        Finding.of("ip_burst", "4 payments from 203.0.113.7"),
                        Finding.of("velocity", "é 東京"))),
            StageEvent.of(
                Transaction.builder()
                    .setTxnId("t2")
                    .setAccountId("a")
                    .setMerchantId("m")
                    .setAmount(new BigDecimal("1E+40"))
                    .setCurrency("EUR")
                    .setTimestamp(T0)
                    .build(),
                Enrichment.blocked(true, false, true, false).withProfile("de", "high")),
            StageEvent.of(FraudFeedback.of("t1", "acct-1", "m-1", true, T0)));
    for (StageEvent e : events) {
      assertSameEvent(e, CoderUtils.clone(CODER, e));
    }
    for (Transaction t : Testdata.transactions()) {
      StageEvent e = StageEvent.of(t);
      assertSameEvent(e, CoderUtils.clone(CODER, e));
    }
    CODER.verifyDeterministic();
    CoderProperties.coderSerializable(CODER);
  }

  @Test
  void transactionsAreTaggedThreeAndTheOldSchemaCodedTagIsRefused() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(CODER, StageEvent.of(txn("t1").build()));
    assertEquals(3, bytes[0]);
    bytes[0] = 1;
    CoderException e =
        assertThrows(CoderException.class, () -> CODER.decode(new ByteArrayInputStream(bytes)));
    assertTrue(e.getMessage().contains("earlier version"), e.getMessage());
  }
}
