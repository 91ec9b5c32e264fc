package io.realtimepipelines.fraud;

import static io.realtimepipelines.testing.Events.T0;
import static io.realtimepipelines.testing.Events.minute;
import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.Attributes;
import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** User rules (docs/fraud-rule-language.md) through the reference model the pipeline must equal. */
class UserRulesTest {
  static final String LEDGER =
      """
      {"version": "ledger-1",
       "attributes": {"type": "string", "balanceBefore": "number", "nameDest": "string"},
       "userRules": [
         {"id": "empties_balance", "kind": "condition", "weight": 90,
          "when": "type in ['TRANSFER', 'CASH_OUT'] && balanceBefore > 0 && amount >= 0.99 * balanceBefore",
          "reason": "{type} of {amount} empties the payer's balance of {balanceBefore}"},
         {"id": "transfer_then_cash_out", "kind": "sequence", "weight": 80, "withinSeconds": 3600,
          "first": {"key": ["nameDest"], "when": "type == 'TRANSFER'"},
          "then": {"key": ["accountId"], "when": "type == 'CASH_OUT' && amount >= 0.9 * first.amount"},
          "reason": "cash-out of {amount} {elapsed} after a transfer of {first.amount} into this wallet"},
         {"id": "device_sharing", "kind": "aggregate", "weight": 40, "groupBy": ["deviceId"],
          "windowSeconds": 86400, "aggregate": "distinct", "of": "accountId", "op": ">=", "limit": 3,
          "reason": "{value} accounts used device {deviceId} within {window}"}
       ],
       "rules": {"highAmount": {"enabled": false}, "amountAnomaly": {"enabled": false}}}
      """;

  private static Transaction ledger(
      String id, String from, String to, String type, String amount, double balance, double m) {
    return txn(id)
        .account(from)
        .merchant(to)
        .amount(amount)
        .device("dev-" + from)
        .at(minute(m))
        .build()
        .toBuilder()
        .setAttributes(
            Attributes.of(Map.of("type", type, "balanceBefore", balance, "nameDest", to)))
        .build();
  }

  private static Map<String, Decision> decide(List<Transaction> txns, FraudRules rules) {
    return FraudModel.decide(txns, List.of(), rules).stream()
        .collect(Collectors.toMap(Decision::getTxnId, d -> d));
  }

  private static String reasons(Decision d) {
    return d.getReasons().stream()
        .map(r -> r.getRuleId() + "=" + r.getContribution() + ": " + r.getText())
        .collect(Collectors.joining(" | "));
  }

  @Test
  void ledgerRulesFireWithTheirNumbersAndOnlyWhereTheyShould() throws Exception {
    FraudRules rules = FraudRules.parse(LEDGER);
    List<Transaction> txns = new ArrayList<>();
    txns.add(ledger("p1", "C1", "M1", "PAYMENT", "20.00", 500, 0));
    txns.add(ledger("t1", "C1", "C9", "TRANSFER", "480.00", 480, 5));
    txns.add(ledger("o1", "C9", "X1", "CASH_OUT", "470.00", 470, 35));
    txns.add(ledger("o2", "C9", "X1", "CASH_OUT", "10.00", 10, 36));
    txns.add(ledger("t2", "C2", "C8", "TRANSFER", "100.00", 900, 40));
    txns.add(ledger("o3", "C8", "X1", "CASH_OUT", "95.00", 95, 110));
    Map<String, Decision> d = decide(txns, rules);
    assertEquals(
        "empties_balance=90: TRANSFER of 480.00 empties the payer's balance of 480",
        reasons(d.get("t1")));
    assertEquals(Action.BLOCK, d.get("o1").getAction());
    assertEquals(
        "transfer_then_cash_out=80: cash-out of 470.00 30 min after a transfer of 480.00 into this"
            + " wallet",
        reasons(d.get("o1")).split(" \\| ")[1]);
    assertEquals(
        "empties_balance=90: CASH_OUT of 10.00 empties the payer's balance of 10",
        reasons(d.get("o2")),
        "10 is not 90% of the transfer: the sequence does not fire, the condition does");
    assertEquals("", reasons(d.get("t2")), "a transfer of part of the balance is fine");
    assertTrue(
        reasons(d.get("o3")).startsWith("empties_balance"),
        "70 min after the transfer: outside the sequence's hour");
    assertEquals(1, reasons(d.get("o3")).split(" \\| ").length);
    assertEquals(Action.APPROVE, d.get("p1").getAction());
  }

  @Test
  void aRuleNeedingAnAttributeTheRecordLacksDoesNotFireAndTheOthersStillDecide() throws Exception {
    FraudRules rules = FraudRules.parse(LEDGER);
    Transaction bare =
        txn("b1").account("C1").merchant("M1").amount("5000").device("d").at(minute(1)).build();
    Decision d = decide(List.of(bare), rules).get("b1");
    assertEquals(Action.APPROVE, d.getAction(), reasons(d));
    FraudRules withHigh =
        FraudRules.parse(
            LEDGER.replace("\"highAmount\": {\"enabled\": false}", "\"highAmount\": {}"));
    assertEquals(
        "high_amount", decide(List.of(bare), withHigh).get("b1").getReasons().get(0).getRuleId());
  }

  @Test
  void deviceSharingCountsDistinctAccountsPerDeviceOverTheWindow() throws Exception {
    FraudRules rules = FraudRules.parse(LEDGER);
    List<Transaction> txns = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      txns.add(
          txn("s" + i)
              .account("A" + (i % 3))
              .merchant("M")
              .amount("10")
              .device("shared")
              .at(minute(i * 60))
              .build());
    }
    txns.add(
        txn("late")
            .account("A0")
            .merchant("M")
            .amount("10")
            .device("shared")
            .at(T0.plus(org.joda.time.Duration.standardHours(30)))
            .build());
    Map<String, Decision> d = decide(txns, rules);
    assertEquals("", reasons(d.get("s1")));
    assertEquals(
        "device_sharing=40: 3 accounts used device shared within 24 h", reasons(d.get("s2")));
    assertEquals(
        "device_sharing=40: 3 accounts used device shared within 24 h",
        reasons(d.get("s3")),
        "A0 again: still 3 distinct");
    assertEquals("", reasons(d.get("late")), "the window has moved past the others");
  }

  @Test
  void cardTestingWrittenAsAUserRuleInItsExampleFileDecidesAsTheBuiltInRule() throws Exception {
    FraudScenarios s = FraudScenarios.generate(7, 1000);
    FraudRules builtIn = FraudRules.defaults();
    FraudRules user = FraudRules.parse(example("card-testing.json"));
    List<Decision> a = FraudModel.decide(s.transactions, s.feedback, builtIn);
    List<Decision> b = FraudModel.decide(s.transactions, s.feedback, user);
    int fired = 0;
    for (int i = 0; i < a.size(); i++) {
      boolean builtInFired =
          a.get(i).getReasons().stream().anyMatch(r -> r.getRuleId().equals("card_testing"));
      boolean userFired =
          b.get(i).getReasons().stream().anyMatch(r -> r.getRuleId().equals("card_testing_user"));
      assertEquals(builtInFired, userFired, a.get(i).getTxnId());
      assertEquals(a.get(i).getAction(), b.get(i).getAction(), a.get(i).getTxnId());
      assertEquals(a.get(i).getScore(), b.get(i).getScore(), a.get(i).getTxnId());
      fired += builtInFired ? 1 : 0;
    }
    assertTrue(fired >= 3, "the scenario must hold card testing, fired " + fired);
  }

  private static String example(String name) throws java.io.IOException {
    java.nio.file.Path dir = io.realtimepipelines.testing.Testdata.dir().resolveSibling("rules");
    return java.nio.file.Files.readString(dir.resolve("examples").resolve(name));
  }

  /** testdata/mobile-money.jsonl (from ./rtp generate-ledger --seed=7) and its labels. */
  private static List<Transaction> ledgerSample() throws Exception {
    java.nio.file.Path file =
        io.realtimepipelines.testing.Testdata.dir().resolve("mobile-money.jsonl");
    io.realtimepipelines.validation.RecordDecoder<Transaction> decoder =
        new io.realtimepipelines.validation.RecordDecoder<>(
            io.realtimepipelines.model.EventType.TRANSACTION,
            256 * 1024,
            org.joda.time.Duration.standardDays(3650));
    List<Transaction> out = new ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(file)) {
      out.add(
          decoder.decode(
              line.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              io.realtimepipelines.testing.Testdata.NOW));
    }
    return out;
  }

  @Test
  void theMobileMoneyExampleCatchesTheSampleLedgersFraudTheShippedRulesMiss() throws Exception {
    List<Transaction> txns = ledgerSample();
    java.util.Set<String> fraud = new java.util.HashSet<>();
    for (String row :
        java.nio.file.Files.readAllLines(
            io.realtimepipelines.testing.Testdata.dir().resolve("mobile-money-labels.csv"))) {
      String[] cells = row.split(",");
      if (cells.length == 2 && cells[1].trim().equals("1")) {
        fraud.add(cells[0].trim());
      }
    }
    assertTrue(fraud.size() >= 20, "labelled fraud: " + fraud.size());
    int[] example =
        confusion(
            FraudModel.decide(txns, List.of(), FraudRules.parse(example("mobile-money.json"))),
            fraud);
    int[] shipped = confusion(FraudModel.decide(txns, List.of(), FraudRules.defaults()), fraud);
    // {true alerts, false alerts}
    assertTrue(example[0] >= 0.9 * fraud.size(), "example rules caught " + example[0]);
    assertTrue(
        example[0] * (shipped[0] + shipped[1]) > 3 * shipped[0] * (example[0] + example[1]),
        "precision at least 3x the shipped rules': example "
            + Arrays.toString(example)
            + ", shipped "
            + Arrays.toString(shipped));
  }

  private static int[] confusion(List<Decision> decisions, java.util.Set<String> fraud) {
    int[] out = new int[2];
    for (Decision d : decisions) {
      if (d.getAction() != Action.APPROVE) {
        out[fraud.contains(d.getTxnId()) ? 0 : 1]++;
      }
    }
    return out;
  }

  @Test
  void everyExampleRulesFileLoadsAndItsRulesFireOnTheSampleLedger() throws Exception {
    List<Transaction> txns = ledgerSample();
    for (String name : List.of("mobile-money.json", "device-sharing.json", "card-testing.json")) {
      FraudRules rules = FraudRules.parse(example(name));
      assertTrue(!rules.userRules.isEmpty(), name);
      if (!name.equals("card-testing.json")) {
        java.util.Set<String> fired = new java.util.TreeSet<>();
        for (Decision d : FraudModel.decide(txns, List.of(), rules)) {
          d.getReasons().forEach(r -> fired.add(r.getRuleId()));
        }
        for (var rule : rules.userRules.all()) {
          assertTrue(fired.contains(rule.id()), name + ": " + rule.id() + " never fired");
        }
      }
    }
  }

  @Test
  void aReloadThatChangesAWindowStartsTheRulesStateFreshAndOneThatChangesTheLimitKeepsIt()
      throws Exception {
    String v1 = example("device-sharing.json");
    FraudRules first = FraudRules.parse(v1);
    FraudRules newLimit = FraudRules.parse(v1.replace("\"limit\": 3", "\"limit\": 4"));
    FraudRules newWindow = FraudRules.parse(v1.replace("86400", "86399"));
    io.realtimepipelines.fraud.user.UserKeyState state =
        new io.realtimepipelines.fraud.user.UserKeyState();
    List<Finding> found = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Transaction t =
          txn("s" + i)
              .account("A" + i)
              .merchant("M")
              .amount("10")
              .device("shared")
              .at(minute(i))
              .build();
      String key = first.userRules.partKeys(t).get(0);
      found = FraudStages.onUserKey(state, key, t, first);
    }
    assertEquals(1, found.size(), "3 accounts on one device under version 1");
    Transaction fourth =
        txn("s3").account("A3").merchant("M").amount("10").device("shared").at(minute(3)).build();
    String key = first.userRules.partKeys(fourth).get(0);
    io.realtimepipelines.fraud.user.UserKeyState copy =
        org.apache.beam.sdk.util.CoderUtils.clone(
            io.realtimepipelines.fraud.user.UserKeyState.StateCoder.of(), state);
    assertEquals(
        "device_sharing: 4 accounts used device shared within 24 h",
        FraudStages.onUserKey(copy, key, fourth, newLimit).get(0).toString(),
        "a new limit keeps the memory (and the state survives its coder)");
    assertEquals(
        List.of(),
        FraudStages.onUserKey(state, key, fourth, newWindow),
        "a new window starts fresh: only the fourth account is counted");
  }

  @Test
  void aBadFileIsRejectedWithEveryProblemAndWhereItIs() {
    FraudRules.InvalidRulesException e =
        assertThrows(
            FraudRules.InvalidRulesException.class,
            () ->
                FraudRules.parse(
                    """
                    {"version": "bad",
                     "attributes": {"amount": "number", "kind": "string"},
                     "userRules": [
                       {"id": "a", "kind": "condition", "weight": 1, "when": "balanceBefor > 1.0",
                        "reason": "x"},
                       {"id": "a", "kind": "condition", "weight": 1, "when": "amount + 1.0",
                        "reason": "{nope}"},
                       {"id": "high_amount", "kind": "aggregate", "weight": 1, "groupBy": ["shop"],
                        "windowSeconds": 60, "aggregate": "sum", "op": ">", "limit": 1,
                        "reason": "x"}]}
                    """));
    String all = String.join("\n", e.problems());
    for (String expected :
        List.of(
            "attributes.amount: is a core field name",
            "userRules[0].when: undeclared reference to 'balanceBefor'",
            "userRules[1].id: 'a' is used twice",
            "userRules[1].when: must be true or false",
            "userRules[1].reason: unknown placeholder {nope}",
            "userRules[2].id: 'high_amount' is a built-in rule's id",
            "userRules[2].groupBy: 'shop' is neither a core field nor a declared attribute",
            "userRules[2].of: required for aggregate 'sum'")) {
      assertTrue(all.contains(expected), "missing «" + expected + "» in:\n" + all);
    }
  }
}
