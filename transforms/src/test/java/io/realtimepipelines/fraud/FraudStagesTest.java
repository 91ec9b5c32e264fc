package io.realtimepipelines.fraud;

import static io.realtimepipelines.testing.Events.minute;
import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.util.List;
import java.util.stream.Collectors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

/** Each rule on its own, on hand-made sequences, through the reference model. */
class FraudStagesTest {
  private static final FraudRules DEFAULTS = FraudRules.defaults();

  /** Defaults without the flat amount threshold, so that only the rule under test fires. */
  private static final FraudRules NO_HIGH_AMOUNT;

  static {
    try {
      NO_HIGH_AMOUNT =
          FraudRules.parse("{\"version\":\"t\",\"rules\":{\"highAmount\":{\"enabled\":false}}}");
    } catch (FraudRules.InvalidRulesException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FraudRules rules(String json) throws Exception {
    return FraudRules.parse(json);
  }

  private static List<String> rulesFired(Decision d) {
    return d.getReasons().stream().map(Reason::getRuleId).collect(Collectors.toList());
  }

  private static Decision last(List<Transaction> txns, FraudRules r) {
    List<Decision> ds = FraudModel.decide(txns, List.of(), r);
    return ds.get(ds.size() - 1);
  }

  @Test
  void threeHighValuePurchasesFromOneIpWithinFiveMinutesRaiseAlert() {
    List<Transaction> txns =
        List.of(
            txn("a").account("x1").amount("600").ip("203.0.113.7").at(minute(0)).build(),
            txn("b").account("x2").amount("510").ip("203.0.113.7").at(minute(1.5)).build(),
            txn("c").account("x3").amount("750").ip("203.0.113.7").at(minute(3.2)).build());
    List<Decision> ds = FraudModel.decide(txns, List.of(), NO_HIGH_AMOUNT);
    assertEquals(Action.APPROVE, ds.get(1).getAction());
    Decision d = ds.get(2);
    assertEquals(List.of("ip_burst"), rulesFired(d));
    assertEquals(Action.REVIEW, d.getAction());
    assertEquals(
        "3 purchases >= 500.00 from IP 203.0.113.7 within 3 min 12 s; limit 2 in 5 min",
        d.getReasons().get(0).getText());
  }

  @Test
  void highValuePurchasesSpreadOverMoreThanTheWindowDoNotFire() {
    List<Transaction> txns =
        List.of(
            txn("a").account("x1").amount("600").ip("203.0.113.7").at(minute(0)).build(),
            txn("b").account("x2").amount("600").ip("203.0.113.7").at(minute(3)).build(),
            txn("c").account("x3").amount("600").ip("203.0.113.7").at(minute(5.1)).build());
    assertEquals(Action.APPROVE, last(txns, NO_HIGH_AMOUNT).getAction());
  }

  @Test
  void tinyTransactionsThenALargeOneOnOneCardIsCardTesting() {
    List<Transaction> txns =
        List.of(
            txn("a").amount("0.50").at(minute(0)).build(),
            txn("b").amount("1.00").at(minute(1)).build(),
            txn("c").amount("1.50").at(minute(2)).build(),
            txn("d").amount("950").at(minute(6)).build());
    Decision d = last(txns, DEFAULTS);
    assertTrue(rulesFired(d).contains("card_testing"), d.toString());
    assertEquals(Action.BLOCK, d.getAction(), d.toString());
  }

  @Test
  void newYorkThenTokyoFortyMinutesLaterIsImpossibleTravel() {
    List<Transaction> txns =
        List.of(
            txn("a").location(40.71, -74.0).at(minute(0)).build(),
            txn("b").location(35.68, 139.69).at(minute(40)).build());
    Decision d = last(txns, DEFAULTS);
    assertEquals(List.of("impossible_travel"), rulesFired(d));
    assertTrue(
        d.getReasons()
            .get(0)
            .getText()
            .startsWith("10850 km from this card's previous transaction 40 min earlier"),
        d.getReasons().get(0).getText());
  }

  @Test
  void newYorkThenTokyoAFullDayLaterIsPlausible() {
    List<Transaction> txns =
        List.of(
            txn("a").location(40.71, -74.0).at(minute(0)).build(),
            txn("b").location(35.68, 139.69).at(minute(24 * 60)).build());
    assertEquals(Action.APPROVE, last(txns, DEFAULTS).getAction());
  }

  @Test
  void amountFarAboveTheAccountsMedianIsAnAnomalyOnlyWithEnoughHistory() {
    List<Transaction> few =
        List.of(
            txn("a").amount("20").at(minute(0)).build(),
            txn("b").amount("180").at(minute(1)).build());
    assertEquals(
        Action.APPROVE, last(few, DEFAULTS).getAction(), "one earlier amount is no history");
    List<Transaction> many =
        List.of(
            txn("a").amount("20").at(minute(0)).build(),
            txn("b").amount("25").at(minute(10)).build(),
            txn("c").amount("22").at(minute(20)).build(),
            txn("d").amount("18").at(minute(30)).build(),
            txn("e").amount("30").at(minute(40)).build(),
            txn("f").amount("180").at(minute(50)).build());
    Decision d = last(many, DEFAULTS);
    assertEquals(List.of("amount_anomaly"), rulesFired(d));
    assertEquals(
        "amount 180.00 is 8.2x the account's median 22.00 over its last 5 transactions;"
            + " limit 4.0x",
        d.getReasons().get(0).getText());
  }

  @Test
  void fraudReportOnAMerchantFlagsItsLaterTransactionsForTheConfiguredPeriod() {
    FraudFeedback report = FraudFeedback.of("old", "acct-9", "m-1", true, minute(0));
    Transaction before = txn("a").account("acct-2").merchant("m-1").at(minute(-1)).build();
    Transaction after = txn("b").account("acct-3").merchant("m-1").at(minute(5)).build();
    Transaction expired =
        txn("c")
            .account("acct-4")
            .merchant("m-1")
            .at(minute(0).plus(Duration.standardDays(29)))
            .build();
    List<Decision> ds =
        FraudModel.decide(List.of(before, after, expired), List.of(report), DEFAULTS);
    assertEquals(List.of(), rulesFired(ds.get(0)));
    assertEquals(List.of("compromised_merchant"), rulesFired(ds.get(1)));
    assertEquals(Action.REVIEW, ds.get(1).getAction());
    assertEquals(List.of(), rulesFired(ds.get(2)));
  }

  @Test
  void blocklistedIpBlocksWhateverTheScore() throws Exception {
    FraudRules r =
        rules("{\"version\":\"v2\",\"rules\":{\"blocklist\":{\"ips\":[\"198.51.100.9\"]}}}");
    Decision d = last(List.of(txn("a").ip("198.51.100.9").build()), r);
    assertEquals(Action.BLOCK, d.getAction());
    assertEquals(100, d.getScore());
    assertEquals("v2", d.getRulesVersion());
  }

  private static Decision withLookup(Transaction t, Enrichment e, FraudRules r) {
    return FraudModel.decide(List.of(t), List.of(), r, x -> e).get(0);
  }

  @Test
  void cardOnAnExternalBlocklistGivesTheSameFindingAsTheRulesFileList() throws Exception {
    Transaction t = txn("a").card("card-9").build();
    Decision fromFile =
        last(
            List.of(t),
            rules("{\"version\":\"v\",\"rules\":{\"blocklist\":{\"cards\":[\"card-9\"]}}}"));
    Decision fromLookup =
        withLookup(t, Enrichment.blocked(false, true, false, false), rules("{\"version\":\"v\"}"));
    assertEquals(fromFile, fromLookup);
    assertEquals(Action.BLOCK, fromLookup.getAction());
    assertEquals(List.of("blocklist"), rulesFired(fromLookup));
    assertEquals("the card is on the blocklist", fromLookup.getReasons().get(0).getText());
  }

  @Test
  void valueOnBothBlocklistsIsOneFinding() throws Exception {
    Transaction t = txn("a").account("acct-7").build();
    Decision d =
        withLookup(
            t,
            Enrichment.blocked(true, false, false, false),
            rules("{\"version\":\"v\",\"rules\":{\"blocklist\":{\"accounts\":[\"acct-7\"]}}}"));
    assertEquals(List.of("blocklist"), rulesFired(d));
  }

  @Test
  void externalBlocklistHitFollowsTheRulesWeightAndShadowSwitch() throws Exception {
    Transaction t = txn("a").device("dev-1").build();
    Enrichment device = Enrichment.blocked(false, false, false, true);
    Decision shadow =
        withLookup(
            t, device, rules("{\"version\":\"v\",\"rules\":{\"blocklist\":{\"shadow\":true}}}"));
    assertEquals(Action.APPROVE, shadow.getAction());
    assertEquals(0, shadow.getScore());
    assertTrue(shadow.getReasons().get(0).getShadow());
    Decision disabled =
        withLookup(
            t, device, rules("{\"version\":\"v\",\"rules\":{\"blocklist\":{\"enabled\":false}}}"));
    assertEquals(List.of(), rulesFired(disabled));
  }

  @Test
  void highRiskTierInTheProfileTurnsAHighAmountReviewIntoABlock() {
    Transaction t = txn("a").amount("250").build();
    assertEquals(Action.REVIEW, withLookup(t, Enrichment.NONE, DEFAULTS).getAction());
    Decision d = withLookup(t, Enrichment.NONE.withProfile(null, "high"), DEFAULTS);
    assertEquals(List.of("high_amount", "account_profile"), rulesFired(d));
    assertEquals(80, d.getScore());
    assertEquals(Action.BLOCK, d.getAction());
    Decision lowTier = withLookup(t, Enrichment.NONE.withProfile(null, "LOW"), DEFAULTS);
    assertEquals(Action.REVIEW, lowTier.getAction());
    Decision smallAmount =
        withLookup(txn("b").build(), Enrichment.NONE.withProfile(null, "HIGH"), DEFAULTS);
    assertEquals(Action.APPROVE, smallAmount.getAction(), "the profile alone only adds 35 points");
  }

  @Test
  void paymentOutsideTheHomeCountryFiresOnceEvenWithAHighRiskTier() {
    Transaction abroad = txn("a").amount("250").country("FR").build();
    Decision d = withLookup(abroad, Enrichment.NONE.withProfile("us", "HIGH"), DEFAULTS);
    assertEquals(List.of("high_amount", "account_profile", "account_profile"), rulesFired(d));
    assertEquals(80, d.getScore(), "the rule counts once");
    assertTrue(
        d.getReasons().stream()
            .anyMatch(
                r -> r.getText().equals("payment from FR, outside the account's home country US")));
    Decision home =
        withLookup(
            txn("b").country("US").build(), Enrichment.NONE.withProfile("US", "NORMAL"), DEFAULTS);
    assertEquals(List.of(), rulesFired(home));
    Decision unknownCountry =
        withLookup(txn("c").build(), Enrichment.NONE.withProfile("US", null), DEFAULTS);
    assertEquals(List.of(), rulesFired(unknownCountry));
  }

  @Test
  void shadowRuleIsReportedButDoesNotChangeTheDecision() throws Exception {
    FraudRules r = rules("{\"version\":\"s\",\"rules\":{\"highAmount\":{\"shadow\":true}}}");
    Decision d = last(List.of(txn("a").amount("5000").build()), r);
    assertEquals(Action.APPROVE, d.getAction());
    assertEquals(0, d.getScore());
    assertEquals(List.of("high_amount"), rulesFired(d));
    assertTrue(d.getReasons().get(0).getShadow());
  }

  @Test
  void disabledRuleDoesNotFire() throws Exception {
    FraudRules r = rules("{\"version\":\"d\",\"rules\":{\"highAmount\":{\"enabled\":false}}}");
    assertEquals(List.of(), rulesFired(last(List.of(txn("a").amount("5000").build()), r)));
  }

  @Test
  void badRulesAreRejectedWithEveryProblemNamed() {
    FraudRules.InvalidRulesException e =
        assertThrows(
            FraudRules.InvalidRulesException.class,
            () ->
                FraudRules.parse(
                    "{\"version\":\"x\",\"decision\":{\"reviewAt\":90,\"blockAt\":50},"
                        + "\"rules\":{\"ipBurts\":{},\"velocity\":{\"weight\":300},"
                        + "\"cardTesting\":{\"tinyAmout\":1}}}"));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("blockAt (50) must be >= decision.reviewAt (90)"), all);
    assertTrue(all.contains("$.rules: property 'ipBurts' is not defined"), all);
    assertTrue(all.contains("$.rules.cardTesting: property 'tinyAmout' is not defined"), all);
    assertTrue(all.contains("$.rules.velocity.weight: must have a maximum value of 100"), all);
    assertEquals(4, e.problems().size(), all);
    assertThrows(FraudRules.InvalidRulesException.class, () -> FraudRules.parse("{\"rules\":{}}"));
    assertThrows(FraudRules.InvalidRulesException.class, () -> FraudRules.parse("not json"));
  }
}
