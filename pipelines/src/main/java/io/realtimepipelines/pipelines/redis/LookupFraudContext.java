package io.realtimepipelines.pipelines.redis;

import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Looks up, for every transaction, whether its account, card, IP or device is on a Redis blocklist
 * (sets {@code <prefix>blocklist:accounts|cards|ips|devices}) and the account's profile (hash
 * {@code <prefix>profile:account:<id>}, fields {@code homeCountry}, {@code riskTier}), and emits
 * the transaction with that {@link Enrichment} for {@code ScoreFraud.enriched()}.
 *
 * <p>Per bundle, batched: one pipelined round trip per batch (SMISMEMBER per set, HGETALL per
 * account not in the local cache). Values found (and not found) stay in a per-worker cache for the
 * configured TTL, so a blocklist change reaches decisions within that TTL. When Redis is
 * unavailable after the retries, the job fails: no transaction is scored without its lookup.
 */
public final class LookupFraudContext
    extends PTransform<PCollection<Transaction>, PCollection<KV<Transaction, Enrichment>>> {
  private final RedisConnectionConfig config;
  private final int batchSize;
  private final int cacheSize;
  private final long cacheTtlMillis;

  private LookupFraudContext(
      RedisConnectionConfig config, int batchSize, int cacheSize, long cacheTtlMillis) {
    this.config = config;
    this.batchSize = batchSize;
    this.cacheSize = cacheSize;
    this.cacheTtlMillis = cacheTtlMillis;
  }

  /** Lookups against {@code config}, batches of 500, a cache of 100,000 values for 30 s. */
  public static LookupFraudContext from(RedisConnectionConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new LookupFraudContext(config, 500, 100_000, 30_000);
  }

  /** Transactions per pipelined round trip, 1 to 10,000. */
  public LookupFraudContext withBatchSize(int size) {
    RedisConnectionConfig.range("batchSize", size, 1, 10_000);
    return new LookupFraudContext(config, size, cacheSize, cacheTtlMillis);
  }

  /** Local cache: at most {@code size} values, each for {@code ttlMillis}; either 0 disables it. */
  public LookupFraudContext withCache(int size, long ttlMillis) {
    RedisConnectionConfig.range("cache size", size, 0, 10_000_000);
    RedisConnectionConfig.range("cache TTL (ms)", ttlMillis, 0, 86_400_000);
    return new LookupFraudContext(config, batchSize, size, ttlMillis);
  }

  @Override
  public PCollection<KV<Transaction, Enrichment>> expand(PCollection<Transaction> txns) {
    return txns.apply(
            "LookupBlocklistsAndProfiles",
            ParDo.of(new LookupFn(config, batchSize, cacheSize, cacheTtlMillis)))
        .setCoder(KvCoder.of(Transaction.coder(), Enrichment.EnrichmentCoder.of()));
  }

  /** The profile of an account as stored; {@link #NONE} when the account has none. */
  static final class Profile {
    static final Profile NONE = new Profile(null, null);
    final String homeCountry;
    final String riskTier;

    Profile(String homeCountry, String riskTier) {
      this.homeCountry = homeCountry;
      this.riskTier = riskTier;
    }
  }

  static final class LookupFn extends BatchedLookupFn<Transaction, KV<Transaction, Enrichment>> {
    private final RedisKeys keys;
    private final int cacheSize;
    private final long cacheTtlMillis;
    private final Counter enriched = Metrics.counter("rtp", "redis.lookups.transactions");
    private final Counter hits = Metrics.counter("rtp", "redis.lookups.cache_hits");
    private final Counter misses = Metrics.counter("rtp", "redis.lookups.cache_misses");
    private transient LookupCache<String, Boolean> members;
    private transient LookupCache<String, Profile> profiles;

    LookupFn(RedisConnectionConfig config, int batchSize, int cacheSize, long cacheTtlMillis) {
      super(config, batchSize);
      this.keys = config.keys();
      this.cacheSize = cacheSize;
      this.cacheTtlMillis = cacheTtlMillis;
    }

    @Override
    void setUpCaches() {
      members = new LookupCache<>(cacheSize, cacheTtlMillis);
      profiles = new LookupCache<>(cacheSize, cacheTtlMillis);
    }

    @Override
    List<KV<Transaction, Enrichment>> lookup(List<Transaction> txns) {
      // What this batch needs and the cache does not know, per set; then one round trip.
      Map<String, Set<String>> wanted = new HashMap<>();
      Set<String> accounts = new LinkedHashSet<>();
      Map<String, Boolean> found = new HashMap<>();
      Map<String, Profile> foundProfiles = new HashMap<>();
      for (Transaction t : txns) {
        want(wanted, found, keys.blockedAccounts(), t.getAccountId());
        want(wanted, found, keys.blockedCards(), t.getCardId());
        want(wanted, found, keys.blockedIps(), t.getIp());
        want(wanted, found, keys.blockedDevices(), t.getDeviceId());
        if (!foundProfiles.containsKey(t.getAccountId())) {
          Profile p = profiles.get(t.getAccountId());
          if (p != null) {
            hits.inc();
            foundProfiles.put(t.getAccountId(), p);
          } else if (accounts.add(t.getAccountId())) {
            misses.inc();
          }
        }
      }
      if (!wanted.isEmpty() || !accounts.isEmpty()) {
        redis.call(
            "looking up blocklists and account profiles",
            jedis -> {
              Pipeline p = jedis.pipelined();
              Map<String, Response<List<Boolean>>> memberships = new HashMap<>();
              Map<String, List<String>> asked = new HashMap<>();
              for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
                List<String> values = new ArrayList<>(e.getValue());
                asked.put(e.getKey(), values);
                memberships.put(
                    e.getKey(), p.smismember(e.getKey(), values.toArray(new String[0])));
              }
              Map<String, Response<Map<String, String>>> hashes = new HashMap<>();
              for (String a : accounts) {
                hashes.put(a, p.hgetAll(keys.accountProfile(a)));
              }
              p.sync();
              for (Map.Entry<String, List<String>> e : asked.entrySet()) {
                List<Boolean> in = memberships.get(e.getKey()).get();
                for (int i = 0; i < in.size(); i++) {
                  String cacheKey = e.getKey() + '\n' + e.getValue().get(i);
                  found.put(cacheKey, in.get(i));
                  members.put(cacheKey, in.get(i));
                }
              }
              for (Map.Entry<String, Response<Map<String, String>>> e : hashes.entrySet()) {
                Map<String, String> h = e.getValue().get();
                Profile profile =
                    h.isEmpty()
                        ? Profile.NONE
                        : new Profile(h.get("homeCountry"), h.get("riskTier"));
                foundProfiles.put(e.getKey(), profile);
                profiles.put(e.getKey(), profile);
              }
              return null;
            });
      }
      List<KV<Transaction, Enrichment>> out = new ArrayList<>(txns.size());
      for (Transaction t : txns) {
        Profile profile = foundProfiles.get(t.getAccountId());
        Enrichment e =
            Enrichment.blocked(
                    member(found, keys.blockedAccounts(), t.getAccountId()),
                    member(found, keys.blockedCards(), t.getCardId()),
                    member(found, keys.blockedIps(), t.getIp()),
                    member(found, keys.blockedDevices(), t.getDeviceId()))
                .withProfile(profile.homeCountry, profile.riskTier);
        out.add(KV.of(t, e));
        enriched.inc();
      }
      return out;
    }

    private void want(
        Map<String, Set<String>> wanted, Map<String, Boolean> found, String set, String value) {
      if (value == null) {
        return;
      }
      String cacheKey = set + '\n' + value;
      if (found.containsKey(cacheKey)) {
        return;
      }
      Boolean cached = members.get(cacheKey);
      if (cached != null) {
        hits.inc();
        found.put(cacheKey, cached);
      } else if (wanted.computeIfAbsent(set, k -> new LinkedHashSet<>()).add(value)) {
        misses.inc();
      }
    }

    private static boolean member(Map<String, Boolean> found, String set, String value) {
      return value != null && found.get(set + '\n' + value);
    }
  }
}
