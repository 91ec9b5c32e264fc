package io.realtimepipelines.devstack.redis;

import io.realtimepipelines.devstack.LocalRedis;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Reason;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.redis.RedisConnectionConfig;
import io.realtimepipelines.pipelines.redis.RedisKeys;
import io.realtimepipelines.testing.Counters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Instant;
import redis.clients.jedis.Jedis;

/**
 * Test data for the Redis tests: transactions with accounts, cards, IPs, devices and countries, and
 * the blocklists and profiles to load; the same lookups as a plain function for the model.
 */
final class RedisFixtures {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  final List<Transaction> transactions = new ArrayList<>();
  final Set<String> blockedAccounts = new HashSet<>();
  final Set<String> blockedCards = new HashSet<>();
  final Set<String> blockedIps = new HashSet<>();
  final Set<String> blockedDevices = new HashSet<>();

  /** Account id to {homeCountry, riskTier}. */
  final Map<String, String[]> profiles = new HashMap<>();

  private RedisFixtures() {}

  /** {@code n} transactions over 60 accounts in three countries; a few values blocked. */
  static RedisFixtures generate(long seed, int n) {
    RedisFixtures f = new RedisFixtures();
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] countries = {"US", "US", "US", "FR", "DE"};
    long t = T0.getMillis();
    for (int i = 0; i < n; i++) {
      t += 1000 + rnd.nextInt(30_000);
      int a = rnd.nextInt(60);
      double amount = Math.exp(3.5 + rnd.nextGaussian() * 1.1);
      f.transactions.add(
          Transaction.builder()
              .setTxnId(String.format("txn-%06d", i))
              .setAccountId("acct-" + a)
              .setCardId("card-" + a + (rnd.nextInt(10) == 0 ? "b" : ""))
              .setAmount(BigDecimal.valueOf(Math.max(1, amount)).setScale(2, RoundingMode.HALF_UP))
              .setMerchantId("m-" + rnd.nextInt(20))
              .setIp("10.0." + (a % 7) + "." + rnd.nextInt(4))
              .setDeviceId("dev-" + (a % 13))
              .setCountry(countries[rnd.nextInt(countries.length)])
              .setTimestamp(new Instant(t))
              .build());
    }
    f.blockedAccounts.addAll(List.of("acct-3", "acct-17", "acct-nobody"));
    f.blockedCards.addAll(List.of("card-5", "card-8b"));
    f.blockedIps.add("10.0.2.1");
    f.blockedDevices.add("dev-11");
    for (int a = 0; a < 60; a += 2) {
      f.profiles.put("acct-" + a, new String[] {"US", a % 6 == 0 ? "HIGH" : "NORMAL"});
    }
    f.profiles.put("acct-1", new String[] {null, "high"});
    return f;
  }

  /** What the lookups must find for {@code t}: the reference model's input. */
  Enrichment lookups(Transaction t) {
    String[] p = profiles.get(t.getAccountId());
    return Enrichment.blocked(
            blockedAccounts.contains(t.getAccountId()),
            t.getCardId() != null && blockedCards.contains(t.getCardId()),
            t.getIp() != null && blockedIps.contains(t.getIp()),
            t.getDeviceId() != null && blockedDevices.contains(t.getDeviceId()))
        .withProfile(p == null ? null : p[0], p == null ? null : p[1]);
  }

  /** Loads the blocklists and profiles under {@code keys}' prefix. */
  void load(Jedis jedis, RedisKeys keys) {
    jedis.sadd(keys.blockedAccounts(), blockedAccounts.toArray(new String[0]));
    jedis.sadd(keys.blockedCards(), blockedCards.toArray(new String[0]));
    jedis.sadd(keys.blockedIps(), blockedIps.toArray(new String[0]));
    jedis.sadd(keys.blockedDevices(), blockedDevices.toArray(new String[0]));
    for (Map.Entry<String, String[]> e : profiles.entrySet()) {
      Map<String, String> h = new HashMap<>();
      if (e.getValue()[0] != null) {
        h.put("homeCountry", e.getValue()[0]);
      }
      h.put("riskTier", e.getValue()[1]);
      jedis.hset(keys.accountProfile(e.getKey()), h);
    }
  }

  static RedisConnectionConfig config(LocalRedis redis, String prefix) {
    return RedisConnectionConfig.local(redis.port()).withKeyPrefix(prefix);
  }

  /** A decision as a comparable line: id, action, score, version, rule ids and texts. */
  static String line(Decision d) {
    StringBuilder sb =
        new StringBuilder(d.getTxnId())
            .append(' ')
            .append(d.getAction())
            .append(' ')
            .append(d.getScore())
            .append(' ')
            .append(d.getRulesVersion());
    for (Reason r : d.getReasons()) {
      sb.append(" | ")
          .append(r.getRuleId())
          .append(' ')
          .append(r.getContribution())
          .append(' ')
          .append(r.getText());
    }
    return sb.toString();
  }

  /**
   * Counter {@code rtp/name} of a finished run once it reaches {@code expected}, or its value after
   * 10 s: the Direct runner commits metrics asynchronously, after waitUntilFinish returns.
   */
  static long counter(PipelineResult result, String name, long expected) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long value = Counters.attempted(result, "rtp", name);
    while (value != expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      value = Counters.attempted(result, "rtp", name);
    }
    return value;
  }

  /** Every line of the {@code .jsonl} files in {@code folder}. */
  static List<String> outputLines(Path folder) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (f.getFileName().toString().endsWith(".jsonl")) {
          out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
