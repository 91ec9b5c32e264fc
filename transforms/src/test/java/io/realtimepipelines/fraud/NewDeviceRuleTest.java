package io.realtimepipelines.fraud;

import static io.realtimepipelines.testing.Events.minute;
import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code new_device} as the README defines it: a transaction of at least {@code minAmount} from a
 * device the account has not used among its last 20 devices, once it has used one; a transaction
 * without a device never fires it. Each row: the account's earlier transactions as {@code
 * account/device/amount} ("-" for no device), then the judged one, and whether it fires.
 */
class NewDeviceRuleTest {
  private static final String SETTINGS = "\"weight\":30,\"minAmount\":150";

  static Stream<Arguments> cases() {
    List<String> twentyOthers = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      twentyOthers.add("a/dev-" + i + "/10");
    }
    List<String> firstThenTwentyOthers = new ArrayList<>(List.of("a/dev-0/10"));
    firstThenTwentyOthers.addAll(twentyOthers);
    List<String> firstThenNineteen = new ArrayList<>(List.of("a/dev-0/10"));
    firstThenNineteen.addAll(twentyOthers.subList(0, 19));
    return Stream.of(
        Arguments.of(List.of("a/dev-1/20"), "a/dev-2/200", true),
        Arguments.of(List.of("a/dev-1/20"), "a/dev-2/150", true),
        Arguments.of(List.of("a/dev-1/20"), "a/dev-2/149.99", false),
        Arguments.of(List.of(), "a/dev-1/5000", false), // the account's first device
        Arguments.of(List.of("a/-/20"), "a/dev-1/5000", false), // no device known yet
        Arguments.of(List.of("a/dev-1/20"), "a/-/5000", false), // no device on the payment
        Arguments.of(List.of("a/dev-1/20", "a/dev-2/20"), "a/dev-1/500", false),
        Arguments.of(
            List.of("a/dev-1/20", "a/dev-2/100"), "a/dev-2/500", false), // learnt below minAmount
        Arguments.of(
            List.of("b/dev-1/20"), "a/dev-1/500", false), // another account's device: a's first
        Arguments.of(List.of("b/dev-1/20", "a/dev-2/20"), "a/dev-1/500", true),
        Arguments.of(firstThenNineteen, "a/dev-0/500", false), // 20 remembered
        Arguments.of(firstThenTwentyOthers, "a/dev-0/500", true)); // 21st back: forgotten
  }

  @ParameterizedTest(name = "{0} then {1}: fires {2}")
  @MethodSource("cases")
  void firesOnlyForAnUnknownDeviceOfAnAccountWithHistoryAboveTheAmount(
      List<String> before, String judged, boolean fires) throws Exception {
    List<Transaction> txns = new ArrayList<>();
    for (String b : before) {
      txns.add(payment(txns.size(), b));
    }
    txns.add(payment(txns.size(), judged));
    FraudRules rules = FraudRules.parse(FraudRuleTableTest.only("newDevice", SETTINGS));
    List<Decision> ds = FraudModel.decide(txns, List.of(), rules);
    List<String> fired =
        ds.get(ds.size() - 1).getReasons().stream()
            .map(Reason::getRuleId)
            .collect(Collectors.toList());
    assertEquals(fires ? List.of("new_device") : List.of(), fired);
  }

  @Test
  void theShippedRuleAddsItsWeightWithASentenceThatNamesNoDevice() {
    List<Transaction> txns =
        List.of(payment(0, "a/dev-secret-1/20"), payment(1, "a/dev-secret-2/180"));
    Decision d = FraudModel.decide(txns, List.of(), FraudRules.defaults()).get(1);
    Reason r =
        d.getReasons().stream()
            .filter(x -> x.getRuleId().equals("new_device"))
            .findFirst()
            .orElseThrow();
    assertEquals(30, r.getContribution());
    assertEquals(
        "amount 180.00 >= 150.00 from a device this account has not used before"
            + " (it used 1 other device)",
        r.getText());
    assertEquals(Action.APPROVE, d.getAction(), "30 alone stays under reviewAt 40");
  }

  private static Transaction payment(int i, String spec) {
    String[] p = spec.split("/");
    return txn("t" + i)
        .account("acct-" + p[0])
        .card("card-" + p[0])
        .device(p[1].equals("-") ? null : p[1])
        .amount(p[2])
        .at(minute(i))
        .build();
  }
}
