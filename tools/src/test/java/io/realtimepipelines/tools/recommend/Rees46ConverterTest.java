package io.realtimepipelines.tools.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.ClickEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Rees46ConverterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER =
      "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";

  @Test
  void rowsBecomeClicksInFileOrderWithEveryFieldMapped(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("in.csv");
    Files.writeString(
        csv,
        HEADER
            + "2019-10-01 00:00:01 UTC,view,1004,2053,electronics.smartphone,apple,489.07,5501,s-1\n"
            + "2019-10-01 00:00:02 UTC,cart,1005,2053,,,12.00,5501,s-1\n"
            + "2019-10-01 00:00:03 UTC,remove_from_cart,1005,2053,,,12.00,5501,s-1\n"
            + "2019-10-01 00:00:04 UTC,purchase,1004,2053,electronics.smartphone,apple,489.07,5501,s-1\n"
            + "2019-10-01 00:00:05 UTC,view,1006,2054,,,\"1,5\",5502,\n");
    Path out = dir.resolve("clicks.jsonl");
    Rees46Converter.Counts c = Rees46Converter.convert(csv, out);
    assertEquals(5, c.rows());
    assertEquals(4, c.written());
    assertEquals(Map.of("event_type remove_from_cart", 1L), c.skipped());
    List<String> lines = Files.readAllLines(out);
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("r46-000000001", first.get("eventId").asText());
    assertEquals("s-1", first.get("sessionId").asText());
    assertEquals("5501", first.get("userId").asText());
    assertEquals("1004", first.get("productId").asText());
    assertEquals("electronics.smartphone", first.get("category").asText());
    assertEquals("apple", first.get("brand").asText());
    assertEquals("view", first.get("action").asText());
    assertTrue(first.get("price").isNumber());
    assertEquals("2019-10-01T00:00:01Z", first.get("timestamp").asText());
    JsonNode cart = JSON.readTree(lines.get(1));
    assertEquals("add_to_cart", cart.get("action").asText());
    assertEquals("cid-2053", cart.get("category").asText(), "no code: the category id");
    assertTrue(!cart.has("brand"), "no brand: left out");
    assertEquals(
        "r46-000000004", JSON.readTree(lines.get(2)).get("eventId").asText(), "row numbers kept");
    // No session and an unreadable price: written as they are, for validation to reject.
    JsonNode bad = JSON.readTree(lines.get(3));
    assertTrue(!bad.has("sessionId") && bad.get("price").isTextual(), bad.toString());

    List<ClickEvent> valid = EvaluateRecs.readClicks(out);
    assertEquals(3, valid.size(), "the last row is a dead letter for the job");
    assertEquals("apple", valid.get(0).getBrand());
  }

  @Test
  void aFileWithOtherColumnsIsRefusedWithTheColumnsNamed(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "time,type\n1,2\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Rees46Converter.run(
            new String[] {"--csv=" + csv, "--clicks=" + dir.resolve("o.jsonl")},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("has columns [time, type], expected"),
        err.toString());
  }
}
