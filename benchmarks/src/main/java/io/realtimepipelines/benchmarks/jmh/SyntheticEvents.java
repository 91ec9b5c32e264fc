package io.realtimepipelines.benchmarks.jmh;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.joda.time.Instant;

/**
 * Seeded events for the microbenchmarks, shaped like the generator's: many accounts with a few
 * cards, shared merchants and IPs, mostly small amounts with a long tail, locations in a few
 * cities. Timestamps are set by the caller, so a benchmark can keep event time moving forward.
 */
final class SyntheticEvents {
  static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
  private static final double[][] CITIES = {
    {40.71, -74.01}, {41.88, -87.63}, {34.05, -118.24}, {51.51, -0.13}, {48.86, 2.35}
  };

  private SyntheticEvents() {}

  /** {@code n} transactions over {@code accounts} accounts, all at {@link #START}. */
  static Transaction[] transactions(int n, int accounts, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Transaction[] out = new Transaction[n];
    for (int i = 0; i < n; i++) {
      int account = (int) Math.min(accounts - 1, Math.abs(r.nextGaussian()) * accounts / 3);
      double[] city = CITIES[account % CITIES.length];
      double amount = Math.exp(3 + 1.2 * r.nextGaussian());
      out[i] =
          Transaction.builder()
              .setTxnId("txn-" + i)
              .setAccountId("acct-" + account)
              .setCardId("card-" + account + "-" + (r.nextInt(4) == 0 ? 2 : 1))
              .setAmount(BigDecimal.valueOf(Math.max(1, Math.round(amount * 100)), 2))
              .setCurrency("USD")
              .setMerchantId("m-" + r.nextInt(5_000))
              .setMerchantCategory("5411")
              .setIp("10." + (account % 200) + "." + r.nextInt(4) + "." + (account % 250))
              .setDeviceId("dev-" + account)
              .setCountry("US")
              .setLat(city[0] + r.nextDouble() * 0.1)
              .setLon(city[1] + r.nextDouble() * 0.1)
              .setTimestamp(START)
              .build();
    }
    return out;
  }

  /** {@code n} clicks over products {@code prod-0 … prod-<products-1>}, all at {@link #START}. */
  static ClickEvent[] clicks(int n, int products, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ClickEvent[] out = new ClickEvent[n];
    for (int i = 0; i < n; i++) {
      int p = r.nextInt(products);
      int a = r.nextInt(10);
      out[i] =
          ClickEvent.builder()
              .setEventId("ev-" + i)
              .setSessionId("sess-" + r.nextInt(10_000))
              .setUserId("user-" + r.nextInt(50_000))
              .setProductId("prod-" + p)
              .setCategory("electronics")
              .setAction(
                  a < 7 ? ClickAction.VIEW : a < 9 ? ClickAction.ADD_TO_CART : ClickAction.PURCHASE)
              .setPrice(new BigDecimal("49.99"))
              .setQuantity(1)
              .setTimestamp(START)
              .build();
    }
    return out;
  }
}
