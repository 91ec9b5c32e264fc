package io.realtimepipelines.fraud;

import static io.realtimepipelines.testing.Events.minute;
import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.testing.Events.TxnBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule checked on its own against the README's definition ("fires when"), one row per case:
 * the rule's settings written out in the row, every other rule off, a short history, and whether
 * the rule fires on the last transaction. The expectations are written from the definition, with
 * the boundary cases on both sides, and never computed by the rule's code; a wrong rule fails here
 * even though the pipeline and {@link FraudModel} would agree with each other.
 *
 * <p>Windows in seconds are "less than the window apart"; periods in days include the last day.
 */
class FraudRuleTableTest {
  private static final String PARIS = "48.8566,2.3522";
  private static final String NEW_YORK = "40.7128,-74.0060";
  private static final String VERSAILLES = "48.8049,2.1204";
  private static final double DAY = 24 * 60;

  /** One case: a rule's settings, events, and whether the rule fires on the last transaction. */
  private record Case(
      String rule,
      String settings,
      List<Transaction> txns,
      List<FraudFeedback> reports,
      Function<Transaction, Enrichment> lookups,
      boolean fires) {
    @Override
    public String toString() {
      return rule + " " + settings + " " + txns.size() + " txns -> " + (fires ? "fires" : "silent");
    }
  }

  private static final class Builder {
    final String rule;
    final String settings;
    final List<Transaction> txns = new ArrayList<>();
    final List<FraudFeedback> reports = new ArrayList<>();
    Function<Transaction, Enrichment> lookups = t -> Enrichment.NONE;

    Builder(String rule, String settings) {
      this.rule = rule;
      this.settings = settings;
    }

    /** A transaction at {@code minutes} after T0 of {@code amount} (account acct-1, card-1). */
    Builder pay(double minutes, String amount) {
      return pay(minutes, amount, b -> b);
    }

    Builder pay(double minutes, String amount, Function<TxnBuilder, TxnBuilder> more) {
      txns.add(more.apply(txn("t" + txns.size()).amount(amount).at(minute(minutes))).build());
      return this;
    }

    Builder times(
        int n,
        double fromMinute,
        double stepMinutes,
        String amount,
        Function<TxnBuilder, TxnBuilder> more) {
      for (int i = 0; i < n; i++) {
        pay(fromMinute + i * stepMinutes, amount, more);
      }
      return this;
    }

    Builder report(double minutes, String account, String merchant, boolean fraud) {
      reports.add(
          FraudFeedback.of("r" + reports.size(), account, merchant, fraud, minute(minutes)));
      return this;
    }

    Builder lookups(Enrichment e) {
      this.lookups = t -> e;
      return this;
    }

    Arguments fires() {
      return Arguments.of(new Case(rule, settings, txns, reports, lookups, true));
    }

    Arguments silent() {
      return Arguments.of(new Case(rule, settings, txns, reports, lookups, false));
    }
  }

  private static Builder rule(String rule, String settings) {
    return new Builder(rule, settings);
  }

  private static Function<TxnBuilder, TxnBuilder> at(String latLon) {
    String[] p = latLon.split(",");
    return b -> b.location(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
  }

  static Stream<Arguments> cases() {
    String ipBurst = "\"minAmount\":500,\"count\":3,\"windowSeconds\":300";
    String velocity = "\"maxPerAccount\":10,\"maxPerCard\":8,\"windowSeconds\":600";
    String cardTesting =
        "\"tinyAmount\":2.00,\"tinyCount\":3,\"largeAmount\":200,\"withinSeconds\":900";
    String anomaly = "\"ratioToMedian\":4.0,\"minHistory\":5,\"historySize\":50,\"minAmount\":50";
    String travel = "\"maxSpeedKmh\":900,\"minDistanceKm\":100";
    Function<TxnBuilder, TxnBuilder> ip = b -> b.ip("203.0.113.7");
    return Stream.of(
        // ip_burst: at least count purchases >= minAmount from one IP within windowSeconds
        rule("ipBurst", ipBurst).times(3, 0, 2, "500", ip).fires(),
        rule("ipBurst", ipBurst).times(2, 0, 2, "900", ip).silent(),
        rule("ipBurst", ipBurst).times(2, 0, 1, "600", ip).pay(2, "499.99", ip).silent(),
        rule("ipBurst", ipBurst).times(3, 0, 2.5, "600", ip).silent(), // 5 min apart: not within
        rule("ipBurst", ipBurst).times(3, 0, 2.4, "600", ip).fires(),
        rule("ipBurst", ipBurst)
            .times(2, 0, 1, "600", ip)
            .pay(2, "600", b -> b.ip("198.51.100.1"))
            .silent(),
        rule("ipBurst", ipBurst)
            .times(3, 0, 1, "600", ip)
            .pay(1.5, "600", b -> b.account("x"))
            .fires(),
        // velocity: more than maxPerAccount on the account, or maxPerCard on the card, in the
        // window
        rule("velocity", velocity).times(9, 0, 1, "10", b -> b).fires(),
        rule("velocity", velocity).times(8, 0, 1, "10", b -> b).silent(),
        rule("velocity", velocity)
            .pay(0, "10")
            .times(8, 6.5, 0.5, "10", b -> b)
            .silent(), // the first is 10 min before the last: 8 within the window
        rule("velocity", velocity).pay(0.1, "10").times(8, 6.5, 0.5, "10", b -> b).fires(),
        rule("velocity", velocity)
            .times(6, 0, 1, "10", b -> b.card("card-1"))
            .times(5, 6, 0.5, "10", b -> b.card("card-2"))
            .fires(),
        rule("velocity", velocity)
            .times(5, 0, 1, "10", b -> b.card("card-1"))
            .times(5, 5, 0.5, "10", b -> b.card("card-2"))
            .silent(),
        // card_testing: tinyCount <= tinyAmount on a card, then one >= largeAmount, within the
        // window
        rule("cardTesting", cardTesting).times(3, 0, 2, "1.00", b -> b).pay(10, "250").fires(),
        rule("cardTesting", cardTesting).times(3, 0, 1, "2.00", b -> b).pay(5, "200").fires(),
        rule("cardTesting", cardTesting).times(2, 0, 2, "1.00", b -> b).pay(10, "250").silent(),
        rule("cardTesting", cardTesting).times(3, 0, 2, "1.00", b -> b).pay(10, "199.99").silent(),
        rule("cardTesting", cardTesting).times(3, 0, 2, "2.01", b -> b).pay(10, "250").silent(),
        rule("cardTesting", cardTesting)
            .times(3, 0, 2, "1.00", b -> b)
            .pay(10, "250", b -> b.card("card-2"))
            .silent(),
        rule("cardTesting", cardTesting).times(3, 0, 2, "1.00", b -> b).pay(15, "250").silent(),
        rule("cardTesting", cardTesting).times(3, 1, 2, "1.00", b -> b).pay(15, "250").fires(),
        // high_amount: amount >= threshold
        rule("highAmount", "\"threshold\":220").pay(0, "220.00").fires(),
        rule("highAmount", "\"threshold\":220").pay(0, "219.99").silent(),
        // amount_anomaly: >= minAmount and >= ratioToMedian x the median of the last amounts,
        // once there are minHistory of them
        rule("amountAnomaly", anomaly).times(5, 0, 1, "20", b -> b).pay(10, "80").fires(),
        rule("amountAnomaly", anomaly).times(5, 0, 1, "20", b -> b).pay(10, "79.99").silent(),
        rule("amountAnomaly", anomaly).times(4, 0, 1, "20", b -> b).pay(10, "500").silent(),
        rule("amountAnomaly", anomaly).times(5, 0, 1, "10", b -> b).pay(10, "49.99").silent(),
        // the median, not the mean: 10,10,10,1000,1000 has median 10 (mean 406)
        rule("amountAnomaly", anomaly)
            .times(3, 0, 1, "10", b -> b)
            .times(2, 3, 1, "1000", b -> b)
            .pay(10, "50")
            .fires(),
        // only the last historySize amounts count
        rule(
                "amountAnomaly",
                "\"ratioToMedian\":4.0,\"minHistory\":2,\"historySize\":2,\"minAmount\":50")
            .times(5, 0, 1, "1000", b -> b)
            .times(2, 5, 1, "10", b -> b)
            .pay(10, "60")
            .fires(),
        // impossible_travel: previous located transaction of the card >= minDistanceKm away at an
        // implied speed > maxSpeedKmh (Paris - New York is about 5,840 km)
        rule("impossibleTravel", travel)
            .pay(0, "10", at(PARIS))
            .pay(60, "10", at(NEW_YORK))
            .fires(),
        rule("impossibleTravel", travel)
            .pay(0, "10", at(PARIS))
            .pay(600, "10", at(NEW_YORK))
            .silent(),
        rule("impossibleTravel", travel)
            .pay(0, "10", at(PARIS))
            .pay(1, "10", at(VERSAILLES))
            .silent(),
        rule("impossibleTravel", travel)
            .pay(0, "10", at(PARIS))
            .pay(60, "10", at(NEW_YORK).andThen(b -> b.card("card-2")))
            .silent(),
        rule("impossibleTravel", travel)
            .pay(0, "10", at(PARIS))
            .pay(30, "10")
            .pay(60, "10", at(NEW_YORK))
            .fires(),
        // compromised_merchant: at least minReports frauds reported on the merchant in the last
        // days
        rule("compromisedMerchant", "\"days\":14,\"minReports\":1")
            .report(0, "acct-9", "m-1", true)
            .pay(14 * DAY, "10")
            .fires(),
        rule("compromisedMerchant", "\"days\":14,\"minReports\":1")
            .report(0, "acct-9", "m-1", true)
            .pay(14 * DAY + 1, "10")
            .silent(),
        rule("compromisedMerchant", "\"days\":14,\"minReports\":2")
            .report(0, "acct-9", "m-1", true)
            .pay(DAY, "10")
            .silent(),
        rule("compromisedMerchant", "\"days\":14,\"minReports\":1")
            .report(0, "acct-9", "m-1", false)
            .pay(DAY, "10")
            .silent(),
        rule("compromisedMerchant", "\"days\":14,\"minReports\":1")
            .report(0, "acct-9", "m-2", true)
            .pay(DAY, "10")
            .silent(),
        // compromised_account: a fraud reported on the account in the last days
        rule("compromisedAccount", "\"days\":14")
            .report(0, "acct-1", "m-9", true)
            .pay(13 * DAY, "10")
            .fires(),
        rule("compromisedAccount", "\"days\":14")
            .report(0, "acct-1", "m-9", true)
            .pay(14 * DAY + 1, "10")
            .silent(),
        rule("compromisedAccount", "\"days\":14")
            .report(10, "acct-1", "m-9", true)
            .pay(5, "10")
            .silent(), // reported after the payment
        rule("compromisedAccount", "\"days\":14")
            .report(0, "acct-2", "m-9", true)
            .pay(DAY, "10")
            .silent(),
        // blocklist: account, card, IP or device on the lists or on an external blocklist
        rule("blocklist", "\"accounts\":[\"acct-1\"]").pay(0, "10").fires(),
        rule("blocklist", "\"devices\":[\"dev-x\"]").pay(0, "10", b -> b.device("dev-x")).fires(),
        rule("blocklist", "\"ips\":[\"203.0.113.9\"]").pay(0, "10", ip).silent(),
        rule("blocklist", "\"accounts\":[]")
            .pay(0, "10")
            .lookups(Enrichment.blocked(false, true, false, false))
            .fires(),
        // account_profile: risk tier HIGH, or a payment from outside the home country
        rule("accountProfile", "")
            .pay(0, "10", b -> b.country("US"))
            .lookups(Enrichment.NONE.withProfile("US", "HIGH"))
            .fires(),
        rule("accountProfile", "")
            .pay(0, "10", b -> b.country("FR"))
            .lookups(Enrichment.NONE.withProfile("US", "LOW"))
            .fires(),
        rule("accountProfile", "")
            .pay(0, "10", b -> b.country("US"))
            .lookups(Enrichment.NONE.withProfile("US", "LOW"))
            .silent(),
        rule("accountProfile", "").pay(0, "10").silent());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFiresExactlyAsTheReadmeDefinesIt(Case c) throws Exception {
    FraudRules rules = FraudRules.parse(only(c.rule, c.settings));
    List<Decision> ds = FraudModel.decide(c.txns, c.reports, rules, c.lookups);
    String id = RuleRegistry.ALL.get(indexOfKey(c.rule)).id();
    List<String> fired =
        ds.get(ds.size() - 1).getReasons().stream()
            .map(Reason::getRuleId)
            .distinct()
            .collect(Collectors.toList());
    assertEquals(c.fires ? List.of(id) : List.of(), fired, c.toString());
  }

  /**
   * Rules with only {@code key} enabled, with {@code settings} (JSON members) over the shipped
   * ones.
   */
  static String only(String key, String settings) {
    StringBuilder json = new StringBuilder("{\"version\":\"table\",\"rules\":{");
    for (RuleRegistry.Entry e : RuleRegistry.ALL) {
      if (e.key().equals(key)) {
        json.append('"')
            .append(key)
            .append("\":{\"enabled\":true,\"shadow\":false")
            .append(settings.isEmpty() ? "" : "," + settings)
            .append("},");
      } else {
        json.append('"').append(e.key()).append("\":{\"enabled\":false},");
      }
    }
    json.setLength(json.length() - 1);
    return json.append("}}").toString();
  }

  private static int indexOfKey(String key) {
    for (int i = 0; i < RuleRegistry.ALL.size(); i++) {
      if (RuleRegistry.ALL.get(i).key().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException(key);
  }
}
