package io.realtimepipelines.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.VitalSign;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records built to hurt: numbers beyond a double or a decimal, ids with NUL or a lone surrogate,
 * huge ids, deep nesting, giant lines, invalid UTF-8. Each is rejected with the right code, in
 * bounded time and with a bounded message; nothing that passes can fail to be written later.
 */
class HostileInputTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final String VALID =
      "{\"txnId\":\"t1\",\"accountId\":\"a1\",\"amount\":12.50,\"merchantId\":\"m1\","
          + "\"lat\":1.5,\"lon\":2.5,\"timestamp\":\"2026-11-23T10:15:30.123Z\"}";

  private final RecordDecoder<Transaction> transactions =
      new RecordDecoder<>(
          EventType.TRANSACTION, 256 * 1024, org.joda.time.Duration.standardDays(1));

  private ValidationException reject(RecordDecoder<?> decoder, byte[] payload) {
    return assertThrows(ValidationException.class, () -> decoder.decode(payload, NOW));
  }

  private ValidationException reject(String json) {
    ValidationException e = reject(transactions, json.getBytes(StandardCharsets.UTF_8));
    assertTrue(e.getMessage().length() < 400, "message bounded: " + e.getMessage().length());
    return e;
  }

  private static String with(String field, String raw) {
    return VALID.replaceFirst(
        "\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
        java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + raw));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "amount, 1e400", "amount, -1e400", "amount, 1e-10000", "amount, -1e-999999999",
    "amount, 0.0000000000000000001", "lat, 1e400", "lat, -1e400", "lat, 1e-10000",
    "lat, -1e-999999999", "lon, 4.9e-324"
  })
  void numbersBeyondADoubleOrADecimalAreInvalidValues(String field, String literal) {
    ValidationException e = assertTimeoutPreemptively(() -> reject(with(field, literal)));
    assertEquals(ErrorCode.INVALID_VALUE, e.code(), e.getMessage());
    assertEquals(field, e.field());
  }

  @ParameterizedTest(name = "stock = {0}")
  @ValueSource(strings = {"1e400", "-1e-999999999", "1e-10000", "99999999999999999999"})
  void wholeNumbersBeyondALongAreInvalidValues(String literal) {
    RecordDecoder<?> inventory =
        new RecordDecoder<>(
            EventType.INVENTORY, 256 * 1024, org.joda.time.Duration.standardDays(1));
    String json =
        "{\"productId\":\"p1\",\"stock\":" + literal + ",\"timestamp\":\"2026-11-23T10:00:00Z\"}";
    ValidationException e =
        assertTimeoutPreemptively(() -> reject(inventory, json.getBytes(StandardCharsets.UTF_8)));
    assertEquals(ErrorCode.INVALID_VALUE, e.code(), e.getMessage());
  }

  @Test
  void vitalValuesThatUnderflowADoubleAreInvalid() {
    RecordDecoder<VitalSign> vitals =
        new RecordDecoder<>(EventType.VITAL, 256 * 1024, org.joda.time.Duration.standardDays(1));
    String json =
        "{\"patientId\":\"p\",\"deviceId\":\"d\",\"metric\":\"heart_rate\",\"value\":1e-10000,"
            + "\"timestamp\":\"2026-11-23T10:00:00Z\"}";
    assertEquals(
        ErrorCode.INVALID_VALUE, reject(vitals, json.getBytes(StandardCharsets.UTF_8)).code());
  }

  @ParameterizedTest(name = "txnId {0}")
  @ValueSource(
      strings = {"\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00y\"", "\"tab\\there\"", "\"\\u007f\""})
  void idsWithControlCharactersOrLoneSurrogatesAreInvalid(String literal) {
    ValidationException e = reject(with("txnId", literal));
    assertEquals(ErrorCode.INVALID_VALUE, e.code(), e.getMessage());
    assertEquals(-1, JsonFields.unprintable(e.getMessage()), "the message itself is printable");
  }

  @Test
  void anIdWithAPairedSurrogateIsFine() throws Exception {
    Transaction t =
        transactions.decode(
            with("txnId", "\"card-\\ud83d\\ude00\"").getBytes(StandardCharsets.UTF_8), NOW);
    assertEquals("card-\ud83d\ude00", t.getTxnId());
    assertTrue(EventJson.toJson(t, Transaction.class).contains("card-"));
  }

  @Test
  void aLoneSurrogateInAnEnumOrCodeIsQuotedEscapedInTheMessage() {
    ValidationException e =
        reject(VALID.replace("\"merchantId\"", "\"currency\":\"\\ud800\\u0000\",\"merchantId\""));
    assertEquals(ErrorCode.INVALID_VALUE, e.code());
    assertTrue(e.getMessage().contains("\\uD800\\u0000"), e.getMessage());
  }

  @Test
  void aOneMegabyteIdIsTooLargeOrTooLongDependingOnTheLimit() {
    String id = "\"" + "x".repeat(1024 * 1024) + "\"";
    assertEquals(
        ErrorCode.PAYLOAD_TOO_LARGE,
        reject(transactions, with("txnId", id).getBytes(StandardCharsets.UTF_8)).code());
    RecordDecoder<Transaction> roomy =
        new RecordDecoder<>(
            EventType.TRANSACTION, 16 * 1024 * 1024, org.joda.time.Duration.standardDays(1));
    ValidationException e = reject(roomy, with("txnId", id).getBytes(StandardCharsets.UTF_8));
    assertEquals(ErrorCode.INVALID_VALUE, e.code());
    assertTrue(e.getMessage().length() < 200);
  }

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {65, 100_000})
  void deepNestingIsMalformedAndCheap(int depth) {
    String json = VALID.replace("}", ",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    RecordDecoder<Transaction> roomy =
        new RecordDecoder<>(
            EventType.TRANSACTION, 16 * 1024 * 1024, org.joda.time.Duration.standardDays(1));
    ValidationException e =
        assertTimeoutPreemptively(() -> reject(roomy, json.getBytes(StandardCharsets.UTF_8)));
    assertEquals(ErrorCode.MALFORMED_JSON, e.code(), e.getMessage());
  }

  @Test
  void aThousandDigitNumberIsMalformed() {
    assertEquals(ErrorCode.MALFORMED_JSON, reject(with("amount", "1" + "0".repeat(1000))).code());
  }

  @Test
  void invalidUtf8AnywhereIsAnEncodingError() {
    byte[] bad = with("txnId", "\"ab\"").getBytes(StandardCharsets.UTF_8);
    byte[] surrogateBytes = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    byte[] payload = new byte[bad.length + 3];
    System.arraycopy(bad, 0, payload, 0, 12);
    System.arraycopy(surrogateBytes, 0, payload, 12, 3);
    System.arraycopy(bad, 12, payload, 15, bad.length - 12);
    assertEquals(ErrorCode.INVALID_ENCODING, reject(transactions, payload).code());
  }

  @Test
  void aRecordTheSourceCutKeepsItsSizeAndHashAndABoundedPrefix() {
    byte[] prefix = new byte[16 * 1024 * 1024 + 1];
    java.util.Arrays.fill(prefix, (byte) 'x');
    RawEvent raw = RawEvent.truncated(prefix, "big.jsonl:7", 100L * 1024 * 1024, "ab".repeat(32));
    DeadLetter d =
        new DeadLetters("p", "1")
            .create(
                "transaction",
                raw,
                "ParseTransaction",
                ErrorCode.PAYLOAD_TOO_LARGE,
                null,
                "too large",
                NOW);
    assertEquals(100L * 1024 * 1024, d.getPayloadBytes());
    assertEquals("ab".repeat(32), d.getPayloadSha256());
    assertTrue(d.getPayloadTruncated());
    assertEquals(DeadLetter.MAX_KEPT_PAYLOAD_BYTES, d.getPayload().length());
  }

  @Test
  void aWholeDeadLetterCarriesTheHashOfItsPayload() {
    byte[] payload = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    DeadLetter d =
        new DeadLetters("p", "1")
            .create(
                "transaction",
                payload,
                "f:1",
                "s",
                ErrorCode.MISSING_FIELD,
                "txnId",
                "missing",
                NOW);
    // printf '{"x":1}' | sha256sum
    assertEquals(
        "5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22", d.getPayloadSha256());
    assertEquals(7, d.getPayloadBytes());
    assertTrue(!d.getPayloadTruncated());
  }

  private static <T> T assertTimeoutPreemptively(
      org.junit.jupiter.api.function.ThrowingSupplier<T> body) {
    return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), body);
  }
}
