package io.realtimepipelines.validation;

import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordDecoderTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final String VALID =
      "{\"txnId\":\"t1\",\"accountId\":\"a1\",\"amount\":12.50,\"merchantId\":\"m1\","
          + "\"timestamp\":\"2026-11-23T10:15:30.123Z\"}";

  private final RecordDecoder<Transaction> transactions =
      new RecordDecoder<>(EventType.TRANSACTION, 256 * 1024, Duration.standardDays(1));

  private Transaction decode(String json) throws ValidationException {
    return transactions.decode(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private ValidationException reject(String json) {
    return reject(json.getBytes(StandardCharsets.UTF_8));
  }

  private ValidationException reject(byte[] payload) {
    return assertThrows(ValidationException.class, () -> transactions.decode(payload, NOW));
  }

  /** VALID with one field replaced: {@code "amount": <raw>}. */
  private static String with(String field, String raw) {
    return VALID.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + raw);
  }

  @Test
  void validTransactionKeepsExactAmountDefaultsCurrencyAndIgnoresUnknownFields() throws Exception {
    Transaction t = decode(VALID.replace("}", ",\"somethingNew\":{\"x\":[1,2]}}"));
    assertEquals("t1", t.getTxnId());
    assertEquals(new BigDecimal("12.50"), t.getAmount());
    assertEquals("USD", t.getCurrency());
    assertEquals(Instant.parse("2026-11-23T10:15:30.123Z"), t.getTimestamp());
  }

  @Test
  void attributesComeFromTheAttributesObjectAndFromUnknownScalarTopLevelFields() throws Exception {
    Transaction t =
        decode(
            VALID.replace(
                "}",
                ",\"type\":\"CASH_OUT\",\"channel\":\"app\",\"nested\":{\"a\":1},"
                    + "\"attributes\":{\"type\":\"TRANSFER\",\"balanceBefore\":9000,"
                    + "\"verified\":true,\"channel\":null}}"));
    assertEquals(
        java.util.Map.of("type", "TRANSFER", "balanceBefore", 9000.0, "verified", true),
        t.getAttributes().asMap(),
        "the attributes object wins over a top-level field; null removes; objects ignored");
    assertEquals(t, decode(EventJson.toJson(t, Transaction.class)), "written and read back");
    assertTrue(
        EventJson.toJson(t, Transaction.class)
            .endsWith(
                ",\"attributes\":{\"balanceBefore\":9000.0,\"type\":\"TRANSFER\",\"verified\":true}}"));
    assertTrue(
        !EventJson.toJson(decode(VALID), Transaction.class).contains("attributes"),
        "no attributes, no key");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"x\":{\"y\":1}}|WRONG_TYPE|attributes.x",
        "{\"x\":[1]}|WRONG_TYPE|attributes.x",
        "[1]|WRONG_TYPE|attributes",
        "{\"amount\":5}|INVALID_VALUE|attributes.amount",
        "{\"\":5}|INVALID_VALUE|attributes.",
      })
  void badAttributesAreDeadLettersNamingTheAttribute(
      String attributes, ErrorCode code, String field) {
    ValidationException e = reject(VALID.replace("}", ",\"attributes\":" + attributes + "}"));
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void moreThan64AttributesAreADeadLetterButExtraTopLevelFieldsAreLeftOut() throws Exception {
    StringBuilder inner = new StringBuilder();
    StringBuilder top = new StringBuilder();
    for (int i = 0; i < 65; i++) {
      inner.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":").append(i);
      top.append(",\"t").append(i).append("\":").append(i);
    }
    assertEquals(
        ErrorCode.INVALID_VALUE,
        reject(VALID.replace("}", ",\"attributes\":{" + inner + "}}")).code());
    assertEquals(64, decode(VALID.replace("}", top + "}")).getAttributes().size());
  }

  @Test
  void epochMillisAndOffsetTimestampsAreTheSameInstant() throws Exception {
    Transaction a = decode(with("timestamp", "1795428930123"));
    Transaction b = decode(with("timestamp", "\"2026-11-23T11:15:30.123+01:00\""));
    assertEquals(new Instant(1795428930123L), a.getTimestamp());
    assertEquals(Instant.parse("2026-11-23T10:15:30.123Z"), b.getTimestamp());
  }

  @Test
  void writtenJsonParsesBackToAnEqualEvent() throws Exception {
    Transaction original =
        txn("t9")
            .amount("1039.3000000000002")
            .ip("2001:db8::1")
            .location(50.85, 4.35)
            .at(Instant.parse("2026-11-23T09:00:00Z"))
            .build();
    assertEquals(original, decode(EventJson.toJson(original, Transaction.class)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"txnId\":\"t1\",                            | MALFORMED_JSON",
        "{\"txnId\":\"t1\", \"amount\": 1 }}            | MALFORMED_JSON",
        "{'txnId':'t1'}                                 | MALFORMED_JSON",
        "[1,2,3]                                        | NOT_AN_OBJECT",
        "42                                             | NOT_AN_OBJECT",
        "\"just a string\"                              | NOT_AN_OBJECT",
        "null                                           | NOT_AN_OBJECT",
      })
  void structurallyBadRecords(String payload, ErrorCode expected) {
    assertEquals(expected, reject(payload.trim()).code());
  }

  @Test
  void truncatedRecordIsMalformed() {
    assertEquals(ErrorCode.MALFORMED_JSON, reject(VALID.substring(0, VALID.length() / 2)).code());
  }

  @Test
  void duplicateKeysAreMalformedRatherThanSilentlyResolved() {
    assertEquals(ErrorCode.MALFORMED_JSON, reject(VALID.replace("{", "{\"amount\":1,")).code());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "txnId      | MISSING_FIELD",
        "accountId  | MISSING_FIELD",
        "amount     | MISSING_FIELD",
        "merchantId | MISSING_FIELD",
        "timestamp  | MISSING_FIELD",
      })
  void missingRequiredFieldNamesTheField(String field, ErrorCode expected) {
    String json = VALID.replaceFirst(",?\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "");
    ValidationException e = reject(json.replace("{,", "{"));
    assertEquals(expected, e.code());
    assertEquals(field, e.field());
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void nullRequiredFieldIsMissing() {
    assertEquals(ErrorCode.MISSING_FIELD, reject(with("accountId", "null")).code());
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "amount    | \"12.50\"                 | WRONG_TYPE",
        "amount    | true                      | WRONG_TYPE",
        "accountId | 123                       | WRONG_TYPE",
        "txnId     | {\"a\":1}                 | WRONG_TYPE",
        "timestamp | true                      | WRONG_TYPE",
        "amount    | \"NaN\"                   | WRONG_TYPE",
        "amount    | NaN                       | MALFORMED_JSON",
        "amount    | Infinity                  | MALFORMED_JSON",
        "amount    | -Infinity                 | MALFORMED_JSON",
        "amount    | 0                         | INVALID_VALUE",
        "amount    | -5.00                     | INVALID_VALUE",
        "amount    | 1000000000.01             | INVALID_VALUE",
        "amount    | 1e300                     | INVALID_VALUE",
        "txnId     | \"   \"                   | INVALID_VALUE",
        "timestamp | \"1999-12-31T23:59:59Z\"  | TIMESTAMP_OUT_OF_RANGE",
        "timestamp | 0                         | TIMESTAMP_OUT_OF_RANGE",
        "timestamp | \"2026-11-24T12:00:01Z\"  | TIMESTAMP_OUT_OF_RANGE",
        "timestamp | \"2026-11-23T10:15:30\"   | INVALID_VALUE",
        "timestamp | \"yesterday\"             | INVALID_VALUE",
        "timestamp | 1795428930123.5           | INVALID_VALUE",
      })
  void badFieldValues(String field, String raw, ErrorCode expected) {
    ValidationException e = reject(with(field, raw.trim()));
    assertEquals(expected, e.code(), e.getMessage());
  }

  @Test
  void timestampJustUnderOneDayAheadIsAccepted() throws Exception {
    decode(with("timestamp", "\"2026-11-24T12:00:00Z\""));
  }

  @ParameterizedTest(name = "ip {0}")
  @CsvSource({
    "999.1.1.1",
    "1.2.3",
    "1.2.3.4.5",
    "01.2.3.4",
    "::g",
    "localhost",
    "1.2.3.4:80",
    "''"
  })
  void invalidIpIsRejected(String ip) {
    ValidationException e = reject(VALID.replace("}", ",\"ip\":\"" + ip + "\"}"));
    assertEquals(ErrorCode.INVALID_VALUE, e.code());
    assertEquals("ip", e.field());
  }

  @ParameterizedTest(name = "ip {0}")
  @CsvSource({"203.0.113.7", "0.0.0.0", "2001:db8::1", "::1", "::ffff:192.0.2.1"})
  void validIpIsAccepted(String ip) throws Exception {
    assertEquals(ip, decode(VALID.replace("}", ",\"ip\":\"" + ip + "\"}")).getIp());
  }

  @Test
  void latWithoutLonIsRejectedNamingTheMissingOne() {
    ValidationException e = reject(VALID.replace("}", ",\"lat\":50.1}"));
    assertEquals(ErrorCode.INVALID_VALUE, e.code());
    assertEquals("lon", e.field());
  }

  @Test
  void unknownCurrencyAndCountryAreRejected() {
    assertEquals("currency", reject(VALID.replace("}", ",\"currency\":\"XYZ\"}")).field());
    assertEquals("country", reject(VALID.replace("}", ",\"country\":\"ZZ\"}")).field());
  }

  @Test
  void payloadOverTheLimitIsRejectedBeforeParsing() {
    byte[] big = new byte[1024 * 1024];
    Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, reject(big).code());
  }

  @Test
  void invalidUtf8IsAnEncodingError() {
    byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
    bytes[10] = (byte) 0xC3;
    bytes[11] = (byte) 0x28;
    assertEquals(ErrorCode.INVALID_ENCODING, reject(bytes).code());
  }

  @Test
  void emptyAndWhitespaceOnlyRecordsAreEmpty() {
    assertEquals(ErrorCode.EMPTY_RECORD, reject("").code());
    assertEquals(ErrorCode.EMPTY_RECORD, reject(" \t \r").code());
  }

  @Test
  void clickWithUnknownActionIsUnknownEnum() {
    RecordDecoder<ClickEvent> clicks =
        new RecordDecoder<>(EventType.CLICK, 1024 * 1024, Duration.standardDays(1));
    String json =
        "{\"eventId\":\"e1\",\"sessionId\":\"s1\",\"productId\":\"p1\",\"action\":\"wishlist\","
            + "\"price\":3.5,\"timestamp\":\"2026-11-23T10:00:00Z\"}";
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> clicks.decode(json.getBytes(StandardCharsets.UTF_8), NOW));
    assertEquals(ErrorCode.UNKNOWN_ENUM, e.code());
    assertTrue(e.getMessage().contains("add_to_cart"), e.getMessage());
  }

  @Test
  void clickDefaultsQuantityToOne() throws Exception {
    RecordDecoder<ClickEvent> clicks =
        new RecordDecoder<>(EventType.CLICK, 1024 * 1024, Duration.standardDays(1));
    String json =
        "{\"eventId\":\"e1\",\"sessionId\":\"s1\",\"productId\":\"p1\",\"action\":\"purchase\","
            + "\"price\":0,\"timestamp\":\"2026-11-23T10:00:00Z\"}";
    ClickEvent c = clicks.decode(json.getBytes(StandardCharsets.UTF_8), NOW);
    assertEquals(ClickAction.PURCHASE, c.getAction());
    assertEquals(1, c.getQuantity());
  }

  @Test
  void clickBrandIsOptionalAndABlankOneIsRejected() throws Exception {
    RecordDecoder<ClickEvent> clicks =
        new RecordDecoder<>(EventType.CLICK, 1024 * 1024, Duration.standardDays(1));
    String base =
        "{\"eventId\":\"e1\",\"sessionId\":\"s1\",\"productId\":\"p1\",\"action\":\"view\","
            + "\"price\":3.5,\"timestamp\":\"2026-11-23T10:00:00Z\"";
    assertEquals(
        "samsung",
        clicks
            .decode((base + ",\"brand\":\"samsung\"}").getBytes(StandardCharsets.UTF_8), NOW)
            .getBrand());
    assertNull(clicks.decode((base + "}").getBytes(StandardCharsets.UTF_8), NOW).getBrand());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                clicks.decode((base + ",\"brand\":\" \"}").getBytes(StandardCharsets.UTF_8), NOW));
    assertEquals(ErrorCode.INVALID_VALUE, e.code());
    assertEquals("brand", e.field());
  }

  @Test
  void vitalWithWrongUnitIsRejectedAndRightUnitAccepted() throws Exception {
    RecordDecoder<VitalSign> vitals =
        new RecordDecoder<>(EventType.VITAL, 1024 * 1024, Duration.standardDays(1));
    String base =
        "{\"patientId\":\"p1\",\"deviceId\":\"d1\",\"metric\":\"heart_rate\",\"value\":72,"
            + "\"timestamp\":\"2026-11-23T10:00:00Z\"";
    assertEquals(
        VitalMetric.HEART_RATE,
        vitals
            .decode((base + ",\"unit\":\"bpm\"}").getBytes(StandardCharsets.UTF_8), NOW)
            .getMetric());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                vitals.decode(
                    (base + ",\"unit\":\"mmHg\"}").getBytes(StandardCharsets.UTF_8), NOW));
    assertEquals("unit", e.field());
  }
}
