package io.realtimepipelines.pipelines.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.fraud.FraudRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedRulesFileTest {
  private final AtomicLong now = new AtomicLong(1_000_000);

  private final LongSupplier clock = (LongSupplier & java.io.Serializable) () -> now.get();

  private static void write(Path file, String json, long modifiedMillis) throws Exception {
    Files.writeString(file, json);
    Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
  }

  @Test
  void changedFileIsPickedUpAfterTheReloadIntervalAndBadUpdatesKeepThePreviousVersion(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.json");
    write(file, "{\"version\":\"v1\"}", 1_000);
    WatchedRulesFile rules = WatchedRulesFile.load(file.toString(), 10, clock);
    assertEquals("v1", rules.current().version);

    write(file, "{\"version\":\"v2\",\"decision\":{\"reviewAt\":30}}", 2_000);
    now.addAndGet(5_000);
    assertEquals("v1", rules.current().version, "not checked again before 10 s");
    now.addAndGet(5_000);
    assertEquals("v2", rules.current().version);
    assertEquals(30, rules.current().reviewAt);

    write(file, "{\"version\":\"v3\",\"decision\":{\"reviewAt\":300}}", 3_000);
    now.addAndGet(10_000);
    assertEquals("v2", rules.current().version, "an invalid update is rejected");

    write(file, "{\"version\":\"v4\"}", 4_000);
    now.addAndGet(10_000);
    assertEquals("v4", rules.current().version, "a later valid update is taken");
  }

  @Test
  void userRulesAreReloadedAndABrokenExpressionKeepsThePreviousVersion(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("rules.json");
    String rule =
        "{\"version\":\"%s\",\"userRules\":[{\"id\":\"big\",\"kind\":\"condition\","
            + "\"weight\":50,\"when\":\"%s\",\"reason\":\"{amount}\"}]}";
    write(file, String.format(rule, "u1", "amount > 100.0"), 1_000);
    WatchedRulesFile rules = WatchedRulesFile.load(file.toString(), 10, clock);
    assertEquals("u1", rules.current().version);
    write(file, String.format(rule, "u2", "amount > 100.0 &&"), 2_000);
    now.addAndGet(10_000);
    assertEquals("u1", rules.current().version, "a broken expression is rejected whole");
    write(file, String.format(rule, "u3", "amount > 500.0"), 3_000);
    now.addAndGet(10_000);
    assertEquals("u3", rules.current().version);
    assertEquals(1, rules.current().userRules.all().size());
  }

  @Test
  void invalidFileAtStartIsAnErrorListingTheProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.json");
    write(file, "{\"version\":\"v1\",\"rules\":{\"ipBurst\":{\"count\":0}}}", 1_000);
    WatchedRulesFile.InvalidRulesFile e =
        assertThrows(
            WatchedRulesFile.InvalidRulesFile.class,
            () -> WatchedRulesFile.load(file.toString(), 10, clock));
    assertTrue(e.getMessage().contains("rules.ipBurst.count"), e.getMessage());
  }

  @Test
  void builtInRulesAreTheShippedFile() throws Exception {
    Path documented = Path.of("..", "rules", "fraud-rules.json");
    assertEquals(Files.readString(documented), FraudRules.defaultsJson());
    assertEquals(
        FraudRules.parse(Files.readString(documented)).version, FraudJob.defaultRules().version);
  }
}
