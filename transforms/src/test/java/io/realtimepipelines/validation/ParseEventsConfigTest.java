package io.realtimepipelines.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

/** Checks of the configuration methods; no pipeline runs. */
class ParseEventsConfigTest {

  private static ParseEvents<Transaction> txns() {
    return ParseEvents.of(EventType.TRANSACTION);
  }

  private static void assertRejected(String message, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(message, e.getMessage());
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    ParseEvents<Transaction> parse = txns();
    assertEquals(EventType.TRANSACTION, parse.getType());
    assertEquals(Duration.standardMinutes(10), parse.getDedupHorizon());
    assertEquals(256 * 1024, parse.getMaxPayloadBytes());
    assertEquals(Duration.standardDays(1), parse.getMaxFutureSkew());
    assertEquals(128, parse.getKeyShards());
    assertEquals(DeadLetters.UNNAMED_PIPELINE, parse.getPipelineName());
    assertEquals("dev", parse.getPipelineVersion());
  }

  @Test
  void everySettingSurvivesEveryLaterWithCall() {
    ParseEvents<Transaction> shardsFirst =
        txns()
            .withKeyShards(4)
            .withDedupHorizon(Duration.standardMinutes(3))
            .withMaxPayloadBytes(2048)
            .withMaxFutureSkew(Duration.standardHours(2))
            .withPipelineInfo("fraud", "1.0.0");
    ParseEvents<Transaction> shardsLast =
        txns()
            .withPipelineInfo("fraud", "1.0.0")
            .withMaxFutureSkew(Duration.standardHours(2))
            .withMaxPayloadBytes(2048)
            .withDedupHorizon(Duration.standardMinutes(3))
            .withKeyShards(4);
    for (ParseEvents<Transaction> parse : List.of(shardsFirst, shardsLast)) {
      assertEquals(4, parse.getKeyShards());
      assertEquals(Duration.standardMinutes(3), parse.getDedupHorizon());
      assertEquals(2048, parse.getMaxPayloadBytes());
      assertEquals(Duration.standardHours(2), parse.getMaxFutureSkew());
      assertEquals("fraud", parse.getPipelineName());
      assertEquals("1.0.0", parse.getPipelineVersion());
    }
    assertEquals(shardsFirst, shardsLast);
  }

  @Test
  void withMethodsLeaveTheOriginalUnchanged() {
    ParseEvents<Transaction> base = txns();
    ParseEvents<Transaction> changed = base.withKeyShards(7).withDedupHorizon(Duration.ZERO);
    assertEquals(128, base.getKeyShards());
    assertEquals(Duration.standardMinutes(10), base.getDedupHorizon());
    assertEquals(7, changed.getKeyShards());
  }

  @Test
  void configuredTransformSurvivesJavaSerialization() {
    ParseEvents<Transaction> parse = txns().withKeyShards(9).withPipelineInfo("validate", "2.0.0");
    ParseEvents<?> copy = SerializableUtils.clone(parse);
    assertEquals(parse, copy);
    assertEquals(9, copy.getKeyShards());
  }

  @Test
  void invalidSettingsAreRejectedWithTheirMessages() {
    assertRejected(
        "dedupHorizon must be zero (off) or positive, got PT-1S",
        () -> txns().withDedupHorizon(Duration.standardSeconds(-1)));
    assertRejected(
        "maxPayloadBytes must be between 1024 and 16777216, got 1023",
        () -> txns().withMaxPayloadBytes(1023));
    assertRejected(
        "maxFutureSkew must be zero or positive, got null", () -> txns().withMaxFutureSkew(null));
    assertRejected("keyShards must be between 1 and 65536, got 0", () -> txns().withKeyShards(0));
    assertRejected(
        "pipeline name and version must be non-blank, got ' ', '1'",
        () -> txns().withPipelineInfo(" ", "1"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ParseEvents.of(null))
            .getMessage()
            .contains("type must not be null"));
  }
}
