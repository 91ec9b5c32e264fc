package io.realtimepipelines.pipelines.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLineTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode parse(String json) throws Exception {
    // Through UTF-8 bytes, as a source delivers them.
    return MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "quote \" and backslash \\ inside",
        "new\nline, tab\t, return\r, bell\u0007, nul\u0000, unit separator\u001f",
        "form feed\f and backspace\b",
        "slash / and html </script>",
        "non-ASCII: café, Straße, 東京, line separator \u2028",
        "emoji \uD83D\uDE00 as a pair",
        ""
      })
  void stringsRoundTripThroughAJsonParser(String value) throws Exception {
    String json = new JsonLine().string("k\"ey", value).close();
    assertEquals(value, parse(json).get("k\"ey").textValue());
  }

  @Test
  void surrogatesAreEscapedSoThePayloadStaysValidUtf8() throws Exception {
    String value = "lone high \uD800, lone low \uDC00, a pair \uD83D\uDE00";
    String json = new JsonLine().string("s", value).close();
    assertEquals("{\"s\":\"lone high \\ud800, lone low \\udc00, a pair \\ud83d\\ude00\"}", json);
    assertEquals(value, parse(json).get("s").textValue());
  }

  @Test
  void decimalsAreWrittenPlainWithTheirScale() throws Exception {
    String json =
        new JsonLine()
            .decimal("a", 5, 2)
            .decimal("b", -100, 2)
            .decimal("c", 123_456, 2)
            .decimal("d", 7, 0)
            .decimal("e", 1, 4)
            .decimalAsString("f", 1050, 2)
            .close();
    assertEquals(
        "{\"a\":0.05,\"b\":-1.00,\"c\":1234.56,\"d\":7,\"e\":0.0001,\"f\":\"10.50\"}", json);
    assertEquals(new BigDecimal("1234.56"), parse(json).get("c").decimalValue());
  }

  @Test
  void timestampsMatchIso8601WithMilliseconds() throws Exception {
    SplittableRandom rnd = new SplittableRandom(1);
    long from = Instant.parse("2000-01-01T00:00:00Z").getMillis();
    long to = Instant.parse("2100-01-01T00:00:00Z").getMillis();
    for (int i = 0; i < 10_000; i++) {
      long millis = rnd.nextLong(from, to);
      assertEquals(new Instant(millis).toString(), timestamp(millis));
    }
    assertEquals(
        "2026-11-23T00:00:00.000Z", timestamp(Instant.parse("2026-11-23T00:00:00Z").getMillis()));
  }

  private static String timestamp(long millis) throws Exception {
    return parse(new JsonLine().timestamp("t", millis).close()).get("t").textValue();
  }

  @Test
  void idsAndNumbersFormAValidObject() throws Exception {
    JsonNode node =
        parse(new JsonLine().id("a", "txn-", 42, 7).id("b", "p-", 3).number("n", -12).close());
    assertEquals("txn-42-7", node.get("a").textValue());
    assertEquals("p-3", node.get("b").textValue());
    assertEquals(-12, node.get("n").intValue());
  }
}
