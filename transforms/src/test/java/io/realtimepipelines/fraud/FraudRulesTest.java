package io.realtimepipelines.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The rules configuration: the shipped {@code rules/fraud-rules.json} is the only source of default
 * values, a partial file is merged over it, and every file is checked against the published schema.
 */
class FraudRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHIPPED = Path.of("..", "rules", "fraud-rules.json");
  private static final Path SCHEMA = Path.of("..", "rules", "fraud-rules.schema.json");

  @Test
  void defaultsAreTheShippedFile() throws Exception {
    assertEquals(
        Files.readString(SHIPPED),
        FraudRules.defaultsJson(),
        "the jar holds rules/fraud-rules.json");
    FraudRules d = FraudRules.defaults();
    JsonNode file = JSON.readTree(SHIPPED.toFile());
    assertEquals(file.get("version").asText(), d.version);
    // Every rule's every key as bound comes from the file (2.00 and 2 are the same amount).
    assertEquals(values(file.get("rules")), values(d.toJson().get("rules")));
    assertEquals(file.at("/decision/reviewAt").asInt(), d.reviewAt);
    assertEquals(file.at("/decision/blockAt").asInt(), d.blockAt);
    assertEquals(file.at("/stateTtlDays").asLong(), d.stateTtlDays);
    // The values that once differed between code and file come from the file.
    assertEquals(
        file.at("/rules/compromisedAccount/weight").asInt(),
        d.rule(io.realtimepipelines.fraud.rules.CompromisedAccount.class).weight());
  }

  @Test
  void aPartialFileGetsEveryOtherValueFromTheShippedFile() throws Exception {
    FraudRules d = FraudRules.defaults();
    FraudRules p =
        FraudRules.parse(
            "{\"version\":\"p1\",\"rules\":{\"velocity\":{\"maxPerCard\":3},\"highAmount\":{\"shadow\":true}}}");
    Map<String, String> expected = values(d.toJson());
    expected.put("version", "p1");
    expected.put("rules.velocity.maxPerCard", "3");
    expected.put("rules.highAmount.shadow", "true");
    assertEquals(expected, values(p.toJson()));
    assertNotEquals(values(d.toJson()), values(p.toJson()));
  }

  @Test
  void everyRuleOfTheShippedFileIsInTheSchemaAndTheOtherWayRound() throws Exception {
    JsonNode schema = JSON.readTree(SCHEMA.toFile());
    JsonNode file = JSON.readTree(SHIPPED.toFile());
    Set<String> inSchema = new TreeSet<>();
    schema.at("/properties/rules/properties").fieldNames().forEachRemaining(inSchema::add);
    Set<String> inFile = new TreeSet<>();
    file.get("rules").fieldNames().forEachRemaining(inFile::add);
    assertEquals(inSchema, inFile);
    for (String rule : inFile) {
      Set<String> keys = new TreeSet<>();
      schema
          .at("/properties/rules/properties/" + rule + "/properties")
          .fieldNames()
          .forEachRemaining(keys::add);
      Set<String> shipped = new TreeSet<>();
      file.at("/rules/" + rule).fieldNames().forEachRemaining(shipped::add);
      assertEquals(keys, shipped, "the shipped file sets every key of " + rule);
    }
  }

  @Test
  void aBadFileIsRejectedWholeWithEveryProblemAndItsPath() {
    FraudRules.InvalidRulesException e =
        assertThrows(
            FraudRules.InvalidRulesException.class,
            () ->
                FraudRules.parse(
                    "{\"version\":\"bad\",\"decision\":{\"reviewAt\":0},"
                        + "\"rules\":{\"ipBurst\":{\"count\":\"3\"},\"newThing\":{},"
                        + "\"amountAnomaly\":{\"minHistory\":20,\"historySize\":10},"
                        + "\"blocklist\":{\"ips\":[1]}},\"stateTtlDays\":7}"));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("$.decision.reviewAt: must have a minimum value of 1"), all);
    assertTrue(all.contains("$.rules.ipBurst.count: string found, integer expected"), all);
    assertTrue(all.contains("$.rules: property 'newThing' is not defined"), all);
    assertTrue(all.contains("$.rules.blocklist.ips[0]: integer found, string expected"), all);
    assertTrue(all.contains("historySize must be >= rules.amountAnomaly.minHistory"), all);
    assertTrue(all.contains("stateTtlDays (7) must cover the longest rule period (14 days)"), all);
    assertEquals(6, e.problems().size(), all);
  }

  @Test
  void aFileWithoutItsOwnVersionIsRejected() {
    FraudRules.InvalidRulesException e =
        assertThrows(
            FraudRules.InvalidRulesException.class,
            () -> FraudRules.parse("{\"rules\":{\"velocity\":{\"maxPerCard\":3}}}"));
    assertTrue(e.problems().get(0).contains("'version' is required"), e.problems().toString());
  }

  /** Every leaf of {@code node} by its dotted path, as comparable text (numbers by value). */
  private static Map<String, String> values(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    flatten("", node, out);
    return out;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e ->
                  flatten(
                      path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
    } else if (node.isArray()) {
      Set<String> items = new TreeSet<>();
      node.forEach(i -> items.add(i.asText()));
      out.put(path, items.toString());
    } else if (node.isNumber()) {
      out.put(path, node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      out.put(path, node.asText());
    }
  }
}
