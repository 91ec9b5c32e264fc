package io.realtimepipelines.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.MetricSample;
import java.nio.charset.StandardCharsets;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** The metric-sample contract: what is accepted, and the error code of each rejected case. */
class MetricSampleContractTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private final RecordDecoder<MetricSample> decoder =
      new RecordDecoder<>(EventType.METRIC, 64 * 1024, Duration.standardMinutes(5));

  private MetricSample decode(String json) throws ValidationException {
    return decoder.decode(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private ValidationException reject(String json) {
    return assertThrows(ValidationException.class, () -> decode(json));
  }

  @Test
  void aValidSampleRoundTripsThroughItsJsonForm() throws Exception {
    MetricSample s =
        decode(
            "{\"source\":\"cell-0042\",\"metric\":\"latency_ms\",\"value\":12.5,"
                + "\"unit\":\"ms\",\"timestamp\":\"2026-12-04T11:00:00Z\"}");
    assertEquals(
        MetricSample.of(
            "cell-0042", "latency_ms", 12.5, "ms", Instant.parse("2026-12-04T11:00:00Z")),
        s);
    assertEquals(s, decode(EventJson.toJson(s, MetricSample.class)));
    assertEquals("cell-0042|latency_ms@" + s.getTimestamp().getMillis(), s.dedupKey());
  }

  @Test
  void unitIsOptional() throws Exception {
    assertEquals(
        null,
        decode(
                "{\"source\":\"n1\",\"metric\":\"cpu\",\"value\":0,"
                    + "\"timestamp\":\"2026-12-04T11:00:00Z\"}")
            .getUnit());
  }

  @Test
  void eachBrokenRuleHasItsErrorCode() {
    String ts = ",\"timestamp\":\"2026-12-04T11:00:00Z\"";
    assertEquals(
        ErrorCode.MISSING_FIELD, reject("{\"metric\":\"cpu\",\"value\":1" + ts + "}").code());
    assertEquals(
        ErrorCode.MISSING_FIELD, reject("{\"source\":\"n1\",\"value\":1" + ts + "}").code());
    assertEquals(
        ErrorCode.MISSING_FIELD, reject("{\"source\":\"n1\",\"metric\":\"cpu\"" + ts + "}").code());
    assertEquals(
        ErrorCode.WRONG_TYPE,
        reject("{\"source\":\"n1\",\"metric\":\"cpu\",\"value\":\"12\"" + ts + "}").code());
    ValidationException badName =
        reject("{\"source\":\"n1\",\"metric\":\"CPU Load\",\"value\":1" + ts + "}");
    assertEquals(ErrorCode.INVALID_VALUE, badName.code());
    assertTrue(badName.getMessage().contains("metric"), badName.getMessage());
    assertEquals(
        ErrorCode.INVALID_VALUE,
        reject("{\"source\":\"n1\",\"metric\":\"cpu\",\"value\":1,\"unit\":\"  \"" + ts + "}")
            .code());
    assertEquals(
        ErrorCode.INVALID_VALUE,
        reject("{\"source\":\"n1\",\"metric\":\"cpu\",\"value\":1e400" + ts + "}").code());
    assertEquals(
        ErrorCode.TIMESTAMP_OUT_OF_RANGE,
        reject(
                "{\"source\":\"n1\",\"metric\":\"cpu\",\"value\":1,\"timestamp\":\"2026-12-05T11:00:00Z\"}")
            .code());
  }
}
