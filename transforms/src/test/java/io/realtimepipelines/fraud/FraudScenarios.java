package io.realtimepipelines.fraud;

import static io.realtimepipelines.testing.Events.T0;

import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.joda.time.Instant;

/**
 * Deterministic transaction streams with injected fraud, for comparing the pipeline with the
 * reference model: normal traffic over many accounts, plus IP bursts, card testing, impossible
 * travel, amount anomalies, and fraud reports on some merchants and accounts.
 */
final class FraudScenarios {
  final List<Transaction> transactions = new ArrayList<>();
  final List<FraudFeedback> feedback = new ArrayList<>();
  private int next;

  static FraudScenarios generate(long seed, int normal) {
    FraudScenarios s = new FraudScenarios();
    SplittableRandom rnd = new SplittableRandom(seed);
    long t = T0.getMillis();
    for (int i = 0; i < normal; i++) {
      t += 1000 + rnd.nextInt(20_000);
      int account = rnd.nextInt(40);
      double amount = Math.exp(3 + rnd.nextGaussian() * 0.6);
      s.add(
          "acct-" + account,
          "card-" + account,
          amount,
          "m-" + rnd.nextInt(25),
          "198.51.100." + (account % 30),
          t,
          40.7 + account * 0.01,
          -74.0);
      if (i % 97 == 13) {
        // IP burst: four purchases >= 500 from one IP within 4 minutes, different accounts.
        for (int k = 0; k < 4; k++) {
          s.add(
              "acct-b" + i + k,
              "card-b" + i + k,
              520 + 40 * k,
              "m-77",
              "203.0.113." + (i % 200),
              t + k * 60_000L,
              51.5,
              -0.1);
        }
      }
      if (i % 131 == 40) {
        // Card testing: three tiny amounts, then a large one.
        for (int k = 0; k < 3; k++) {
          s.add(
              "acct-c" + i,
              "card-c" + i,
              0.5 + k * 0.5,
              "m-88",
              "192.0.2." + (i % 200),
              t + k * 30_000L,
              48.85,
              2.35);
        }
        s.add(
            "acct-c" + i,
            "card-c" + i,
            900,
            "m-89",
            "192.0.2." + (i % 200),
            t + 120_000L,
            48.85,
            2.35);
      }
      if (i % 151 == 70) {
        // Impossible travel: New York then Tokyo 40 minutes later on one card.
        int a = rnd.nextInt(40);
        s.add("acct-" + a, "card-" + a, 30, "m-3", null, t + 1, 40.71, -74.0);
        s.add("acct-" + a, "card-" + a, 31, "m-4", null, t + 40 * 60_000L, 35.68, 139.69);
      }
      if (i % 173 == 90) {
        // Amount anomaly: ten times the usual on a busy account.
        int a = rnd.nextInt(5);
        s.add("acct-" + a, "card-" + a, 1500, "m-5", "198.51.100." + a, t + 2, 40.7, -74.0);
      }
      if (i % 211 == 100) {
        // A confirmed fraud reported on a merchant and its account.
        int a = rnd.nextInt(40);
        s.feedback.add(
            FraudFeedback.of(
                "txn-x" + i, "acct-" + a, "m-" + rnd.nextInt(25), true, new Instant(t + 5)));
      }
    }
    return s;
  }

  private void add(
      String account,
      String card,
      double amount,
      String merchant,
      String ip,
      long time,
      double lat,
      double lon) {
    transactions.add(
        Transaction.builder()
            .setTxnId(String.format("txn-%06d", next++))
            .setAccountId(account)
            .setCardId(card)
            .setAmount(BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP))
            .setMerchantId(merchant)
            .setIp(ip)
            .setLat(lat)
            .setLon(lon)
            .setTimestamp(new Instant(time))
            .build());
  }
}
