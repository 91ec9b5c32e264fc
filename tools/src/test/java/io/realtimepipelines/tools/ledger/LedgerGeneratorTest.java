package io.realtimepipelines.tools.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.tools.Tools;
import io.realtimepipelines.validation.RecordDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated ledger is reproducible, consistent, parseable, and its fraud has PaySim's shape.
 */
class LedgerGeneratorTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private static final Set<String> DEBITS = Set.of("PAYMENT", "TRANSFER", "CASH_OUT", "DEBIT");
  private static final BigDecimal ZERO = BigDecimal.ZERO;

  @TempDir Path dir;

  /** A written ledger read back: records in file order, txnId to isFraud. */
  private record Ledger(List<JsonNode> records, List<String> lines, Map<String, Boolean> labels) {}

  private Ledger generate(LedgerGenerator generator) throws IOException {
    Path output = dir.resolve("ledger.jsonl");
    Path labels = dir.resolve("labels.csv");
    generator.write(output, labels);
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    List<JsonNode> records = new ArrayList<>();
    for (String line : lines) {
      records.add(JSON.readTree(line));
    }
    List<String> rows = Files.readAllLines(labels, StandardCharsets.UTF_8);
    assertEquals("txnId,isFraud", rows.get(0));
    Map<String, Boolean> fraud = new LinkedHashMap<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",", -1);
      assertEquals(2, cells.length, row);
      assertTrue(cells[1].equals("0") || cells[1].equals("1"), row);
      assertEquals(null, fraud.put(cells[0], cells[1].equals("1")), "repeated label " + row);
    }
    return new Ledger(records, lines, fraud);
  }

  private static BigDecimal number(JsonNode record, String attribute) {
    JsonNode value = record.get("attributes").get(attribute);
    assertTrue(value != null && value.isNumber(), attribute + " in " + record);
    return value.decimalValue();
  }

  private static String text(JsonNode record, String attribute) {
    JsonNode value = record.get("attributes").get(attribute);
    assertTrue(value != null && value.isTextual(), attribute + " in " + record);
    return value.textValue();
  }

  private static long seconds(JsonNode record) {
    return Instant.parse(record.get("timestamp").textValue()).getEpochSecond();
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedAnotherLedger() throws IOException {
    LedgerGenerator generator = LedgerGenerator.create().withCount(2_000).withSeed(42);
    Path a = dir.resolve("a.jsonl");
    Path aLabels = dir.resolve("a.csv");
    Path b = dir.resolve("b.jsonl");
    Path bLabels = dir.resolve("b.csv");
    Path c = dir.resolve("c.jsonl");
    generator.write(a, aLabels);
    generator.write(b, bLabels);
    generator.withSeed(43).write(c, null);

    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertArrayEquals(Files.readAllBytes(aLabels), Files.readAllBytes(bLabels));
    assertFalse(Files.readString(a).equals(Files.readString(c)), "seed 43 gave seed 42's ledger");
    assertEquals(2_000, Files.readAllLines(a).size());
  }

  @Test
  void everyLineIsAValidTransactionWithItsAttributesAndNoLabel() throws IOException {
    Ledger ledger = generate(LedgerGenerator.create().withCount(3_000).withSeed(5));
    RecordDecoder<Transaction> contract =
        new RecordDecoder<>(EventType.TRANSACTION, 1 << 16, org.joda.time.Duration.ZERO);
    org.joda.time.Instant now = org.joda.time.Instant.parse("2026-11-25T00:00:00Z");
    Set<String> types = new HashSet<>();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < ledger.lines().size(); i++) {
      String line = ledger.lines().get(i);
      JsonNode record = ledger.records().get(i);
      Transaction txn;
      try {
        txn = contract.decode(line.getBytes(StandardCharsets.UTF_8), now);
      } catch (Exception e) {
        throw new AssertionError("rejected: " + line, e);
      }
      assertEquals(record.get("txnId").textValue(), txn.getTxnId());
      assertNotNull(txn.getDeviceId(), line);
      assertTrue(txn.getAmount().signum() > 0 && txn.getAmount().scale() <= 2, line);
      assertTrue(ledger.labels().containsKey(txn.getTxnId()), "no label for " + line);
      assertEquals(
          Set.of("type", "balanceBefore", "balanceAfter", "nameDest", "channel"),
          fieldNames(record.get("attributes")),
          line);
      types.add(text(record, "type"));
      assertEquals(txn.getMerchantId(), text(record, "nameDest"), line);
      assertTrue(Set.of("app", "ussd", "agent").contains(text(record, "channel")), line);
      assertFalse(line.contains("raud"), "a label leaked into " + line);
      long at = seconds(record);
      assertTrue(at >= previous, "not in event-time order at " + line);
      previous = at;
    }
    assertEquals(Set.of("PAYMENT", "TRANSFER", "CASH_OUT", "CASH_IN", "DEBIT"), types);
    assertEquals(ledger.lines().size(), ledger.labels().size());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void balancesFollowEachWalletAndNeverGoNegative() throws IOException {
    Ledger ledger = generate(LedgerGenerator.create().withCount(20_000).withSeed(11));
    // A wallet's balance once it has paid; credits from transfers before that are not known.
    Map<String, BigDecimal> balance = new HashMap<>();
    long checked = 0;
    for (JsonNode r : ledger.records()) {
      String payer = r.get("accountId").textValue();
      BigDecimal amount = r.get("amount").decimalValue();
      BigDecimal before = number(r, "balanceBefore");
      BigDecimal after = number(r, "balanceAfter");
      String type = text(r, "type");
      if (balance.containsKey(payer)) {
        BigDecimal known = balance.get(payer);
        assertEquals(0, known.compareTo(before), () -> payer + " had " + known + ": " + r);
        checked++;
      }
      BigDecimal expected = DEBITS.contains(type) ? before.subtract(amount) : before.add(amount);
      assertEquals(0, expected.compareTo(after), r::toString);
      assertTrue(before.signum() >= 0 && after.signum() >= 0, () -> "negative balance: " + r);
      balance.put(payer, after);
      if (type.equals("TRANSFER")) {
        balance.computeIfPresent(r.get("merchantId").textValue(), (k, v) -> v.add(amount));
      }
    }
    assertTrue(checked > ledger.records().size() / 2, "only " + checked + " checked");
  }

  @Test
  void aboutOnePercentIsFraudEachTransferCashedOutByItsMuleWithinTheHour() throws IOException {
    for (long seed = 1; seed <= 3; seed++) {
      Ledger ledger = generate(LedgerGenerator.create().withCount(10_000).withSeed(seed));
      List<JsonNode> transfers = new ArrayList<>();
      List<JsonNode> cashOuts = new ArrayList<>();
      long legitEmpties = 0;
      for (JsonNode r : ledger.records()) {
        String type = text(r, "type");
        boolean emptied =
            number(r, "balanceBefore").signum() > 0 && number(r, "balanceAfter").signum() == 0;
        if (!ledger.labels().get(r.get("txnId").textValue())) {
          legitEmpties += emptied && Set.of("TRANSFER", "CASH_OUT").contains(type) ? 1 : 0;
        } else if (type.equals("TRANSFER")) {
          transfers.add(r);
        } else {
          assertEquals("CASH_OUT", type, "fraud is only TRANSFER and CASH_OUT: " + r);
          cashOuts.add(r);
        }
      }
      long fraud = ledger.labels().values().stream().filter(f -> f).count();
      assertEquals(2L * LedgerGenerator.fraudPairs(10_000), fraud);
      assertTrue(fraud >= 10 && fraud <= 110, "fraud share " + fraud + " of 10,000");
      assertEquals(transfers.size(), cashOuts.size());
      assertTrue(legitEmpties > 0 && legitEmpties < transfers.size(), "legit " + legitEmpties);
      Set<JsonNode> matched = new HashSet<>();
      for (JsonNode transfer : transfers) {
        BigDecimal amount = transfer.get("amount").decimalValue();
        assertTrue(
            amount.compareTo(number(transfer, "balanceBefore").multiply(new BigDecimal("0.95")))
                >= 0,
            "a takeover takes (almost) everything: " + transfer);
        JsonNode cashOut = null;
        for (JsonNode c : cashOuts) {
          long elapsed = seconds(c) - seconds(transfer);
          if (!matched.contains(c)
              && c.get("accountId").textValue().equals(text(transfer, "nameDest"))
              && elapsed >= 60
              && elapsed < 3_600
              && c.get("amount").doubleValue() >= 0.9 * amount.doubleValue()
              && c.get("amount").decimalValue().compareTo(amount) <= 0) {
            cashOut = c;
            break;
          }
        }
        assertNotNull(cashOut, "no cash-out of 90% within the hour after " + transfer);
        matched.add(cashOut);
      }
    }
  }

  @Test
  void takeoversComeFromDevicesSharedByThreeVictimsAndWalletsUseAtMostTwoDevices()
      throws IOException {
    Ledger ledger = generate(LedgerGenerator.create());
    Map<String, Set<String>> victimsPerDevice = new HashMap<>();
    Map<String, Set<String>> devicesPerWallet = new HashMap<>();
    Set<String> mules = new HashSet<>();
    for (JsonNode r : ledger.records()) {
      boolean fraud = ledger.labels().get(r.get("txnId").textValue());
      String account = r.get("accountId").textValue();
      String device = r.get("deviceId").textValue();
      if (fraud && text(r, "type").equals("TRANSFER")) {
        victimsPerDevice.computeIfAbsent(device, d -> new HashSet<>()).add(account);
        mules.add(text(r, "nameDest"));
      } else {
        devicesPerWallet.computeIfAbsent(account, a -> new HashSet<>()).add(device);
      }
    }
    assertTrue(!victimsPerDevice.isEmpty());
    victimsPerDevice.forEach(
        (device, victims) -> assertTrue(victims.size() >= 3, device + " took over " + victims));
    devicesPerWallet.forEach(
        (wallet, devices) -> assertTrue(devices.size() <= 2, wallet + " used " + devices));
    assertTrue(mules.size() > 1 && mules.size() < 15, "mules " + mules);
  }

  /**
   * testdata/mobile-money.jsonl and testdata/mobile-money-labels.csv are this tool's output, made
   * with
   *
   * <pre>
   * ./rtp generate-ledger --count=3000 --seed=7 --output=testdata/mobile-money.jsonl \
   *   --labels=testdata/mobile-money-labels.csv
   * </pre>
   *
   * <p>When the generator changes on purpose, run that command again and commit both files.
   */
  @Test
  void theSampleLedgerInTestdataIsThisToolsOutputForSeedSeven() throws IOException {
    Path testdata = repositoryRoot().resolve("testdata");
    Path output = dir.resolve("mobile-money.jsonl");
    Path labels = dir.resolve("mobile-money-labels.csv");
    int code =
        Tools.run(
            new String[] {
              "generate-ledger",
              "--count=3000",
              "--seed=7",
              "--output=" + output,
              "--labels=" + labels
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, code);
    assertArrayEquals(
        Files.readAllBytes(testdata.resolve("mobile-money.jsonl")), Files.readAllBytes(output));
    assertArrayEquals(
        Files.readAllBytes(testdata.resolve("mobile-money-labels.csv")),
        Files.readAllBytes(labels));
    long fraud = Files.readAllLines(labels).stream().filter(line -> line.endsWith(",1")).count();
    assertTrue(fraud >= 30, "the sample needs at least 15 fraud pairs, has " + fraud / 2);
  }

  @Test
  void aWrongCommandLineExitsWithTwoAndSaysWhy() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Path file = dir.resolve("x.jsonl");
    assertEquals(
        Tools.USAGE,
        LedgerGenerator.run(
            new String[] {"--count=10", "--seed=1", "--output=" + file}, out, errStream));
    assertEquals(
        Tools.USAGE,
        LedgerGenerator.run(
            new String[] {"--count=500", "--seed=1", "--output=" + file, "--start=yesterday"},
            out,
            errStream));
    assertEquals(
        Tools.USAGE,
        LedgerGenerator.run(
            new String[] {"--count=500", "--seed=1", "--output=" + file, "--labels=" + file},
            out,
            errStream));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("--count must be from 100 to"), message);
    assertTrue(message.contains("--start=yesterday is no ISO-8601 instant"), message);
    assertTrue(message.contains("--output and --labels must be two different files"), message);
    assertFalse(Files.exists(file), "nothing written for a wrong command line");
  }

  private static Path repositoryRoot() {
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("rtp")) && Files.isDirectory(d.resolve("testdata"))) {
        return d;
      }
    }
    throw new AssertionError("no repository root above " + Paths.get("").toAbsolutePath());
  }
}
