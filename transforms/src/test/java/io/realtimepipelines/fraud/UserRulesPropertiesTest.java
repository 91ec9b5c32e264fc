package io.realtimepipelines.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.fraud.user.UserRulesModel;
import io.realtimepipelines.model.Attributes;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joda.time.Instant;

/**
 * Random user rules (within the grammar) over random transaction streams: the scorer's incremental
 * memories ({@link FraudModel}, which runs what the pipeline runs) find exactly what the
 * brute-force {@link UserRulesModel} finds, with the same sentences.
 */
class UserRulesPropertiesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  @Property(tries = 50)
  void incrementalMemoriesEqualTheBruteForceModel(
      @ForAll("rules") String rulesJson, @ForAll("seeds") long seed) throws Exception {
    FraudRules rules = FraudRules.parse(rulesJson);
    List<Transaction> txns = stream(seed);
    Map<String, String> expected = new TreeMap<>();
    UserRulesModel model = new UserRulesModel(rules.userRules, rules.stateTtlDays);
    List<Transaction> sorted = new ArrayList<>(txns);
    sorted.sort(
        (a, b) -> {
          int c = a.getTimestamp().compareTo(b.getTimestamp());
          return c != 0 ? c : a.getTxnId().compareTo(b.getTxnId());
        });
    for (Transaction t : sorted) {
      model.onTransaction(t).forEach((id, text) -> expected.put(t.getTxnId() + " " + id, text));
    }
    Map<String, String> actual = new TreeMap<>();
    for (Decision d : FraudModel.decide(txns, List.of(), rules)) {
      for (Reason r : d.getReasons()) {
        if (rules.userRules.rule(r.getRuleId()) != null) {
          actual.put(d.getTxnId() + " " + r.getRuleId(), r.getText());
        }
      }
    }
    assertEquals(expected, actual, rulesJson);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  /** 1 to 3 keyed rules over the fields the stream has. */
  @Provide
  public Arbitrary<String> rules() {
    Arbitrary<String> field = Arbitraries.of("accountId", "cardId", "ip", "deviceId", "channel");
    Arbitrary<String> filter =
        Arbitraries.of(
            "", "amount <= 20.0", "channel == 'app'", "amount > balance * 0.5", "hour < 12");
    Arbitrary<String> aggregate =
        Combinators.combine(
                field,
                Arbitraries.of(60, 600, 3600),
                Arbitraries.of("count", "sum", "avg", "min", "max", "distinct"),
                filter,
                Arbitraries.of(1, 2, 3, 500),
                Arbitraries.of("none", "median"),
                Arbitraries.of(2, 3, 1000))
            .as(
                (key, window, fn, f, limit, compare, maxEvents) ->
                    "{\"kind\":\"aggregate\",\"weight\":10,\"groupBy\":[\""
                        + key
                        + "\"],\"windowSeconds\":"
                        + window
                        + ",\"aggregate\":\""
                        + fn
                        + "\""
                        + (fn.equals("count")
                            ? ""
                            : fn.equals("distinct")
                                ? ",\"of\":\"merchantId\""
                                : ",\"of\":\"amount\"")
                        + (f.isEmpty() ? "" : ",\"filter\":\"" + f + "\"")
                        + (compare.equals("median")
                            ? ",\"timesMedian\":2.0,\"minHistory\":2,\"historySize\":5"
                            : ",\"op\":\">=\",\"limit\":" + limit)
                        + ",\"maxEvents\":"
                        + maxEvents
                        + ",\"reason\":\"{value} vs {limit} over {count} in {window}\"}");
    Arbitrary<String> sequence =
        Combinators.combine(
                field,
                Arbitraries.of("accountId", "merchantId"),
                Arbitraries.of(60, 900, 3600),
                Arbitraries.of("amount < 10.0", "channel == 'web'", "true"),
                Arbitraries.of(
                    "amount >= 100.0",
                    "amount >= first.amount * 10.0",
                    "balance > 0.0 && amount > balance"),
                Arbitraries.of(1, 3, 100))
            .as(
                (k1, k2, within, first, then, max) ->
                    "{\"kind\":\"sequence\",\"weight\":20,\"withinSeconds\":"
                        + within
                        + ",\"first\":{\"key\":[\""
                        + k1
                        + "\"],\"when\":\""
                        + first
                        + "\"},\"then\":{\"key\":[\""
                        + (k2.equals("merchantId") ? k1 : k2)
                        + "\"],\"when\":\""
                        + then
                        + "\"},\"maxEvents\":"
                        + max
                        + ",\"reason\":\"{amount} {elapsed} after {first.amount}\"}");
    return Arbitraries.oneOf(aggregate, sequence)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(
            list -> {
              StringBuilder b =
                  new StringBuilder(
                      "{\"version\":\"p\",\"attributes\":{\"channel\":\"string\","
                          + "\"balance\":\"number\"},\"userRules\":[");
              for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ",")
                    .append(list.get(i).replaceFirst("\\{", "{\"id\":\"r" + i + "\","));
              }
              return b.append("]}").toString();
            });
  }

  /** 300 transactions over 4 hours on few accounts, cards, IPs and devices; some lack fields. */
  static List<Transaction> stream(long seed) {
    Random r = new Random(seed);
    List<Transaction> out = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Map<String, Object> attributes = new TreeMap<>();
      if (r.nextInt(10) > 0) {
        attributes.put("channel", r.nextBoolean() ? "app" : "web");
      }
      if (r.nextInt(10) > 1) {
        attributes.put("balance", r.nextInt(10) == 0 ? "oops" : (Object) (r.nextInt(500) * 1.0));
      }
      Transaction.Builder b =
          Transaction.builder()
              .setTxnId(String.format("t%03d", i))
              .setAccountId("a" + r.nextInt(6))
              .setMerchantId("m" + r.nextInt(5))
              .setAmount(
                  r.nextInt(4) == 0
                      ? new BigDecimal("1.50")
                      : BigDecimal.valueOf(r.nextInt(90_000), 2))
              .setTimestamp(T0.plus(r.nextInt(4 * 3600) * 1000L))
              .setAttributes(Attributes.of(attributes));
      if (r.nextInt(5) > 0) {
        b.setCardId("c" + r.nextInt(8));
      }
      if (r.nextInt(5) > 0) {
        b.setIp("10.0.0." + r.nextInt(6));
      }
      if (r.nextInt(3) > 0) {
        b.setDeviceId("d" + r.nextInt(4));
      }
      out.add(b.build());
    }
    return out;
  }
}
