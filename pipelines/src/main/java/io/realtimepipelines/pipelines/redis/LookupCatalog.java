package io.realtimepipelines.pipelines.redis;

import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.pricing.PricingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Attaches to every pricing event its product's catalogue entry from Redis (hash {@code
 * <prefix>catalog:<productId>}, see {@link CatalogHash}), for {@code
 * PriceProducts.withCatalogLookup}. A product without a hash gets no entry (its events go to the
 * unpriced output); a hash that cannot be read gets the problem (unpriced, counted invalid).
 * Batched per bundle (one pipelined HGETALL round trip per batch of products not in the local
 * cache); fails the job when Redis stays unavailable.
 */
public final class LookupCatalog
    extends PTransform<PCollection<PricingEvent>, PCollection<PricingEvent>> {
  private final RedisConnectionConfig config;
  private final int batchSize;
  private final int cacheSize;
  private final long cacheTtlMillis;

  private LookupCatalog(
      RedisConnectionConfig config, int batchSize, int cacheSize, long cacheTtlMillis) {
    this.config = config;
    this.batchSize = batchSize;
    this.cacheSize = cacheSize;
    this.cacheTtlMillis = cacheTtlMillis;
  }

  /** Lookups against {@code config}, batches of 500, a cache of 100,000 products for 30 s. */
  public static LookupCatalog from(RedisConnectionConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new LookupCatalog(config, 500, 100_000, 30_000);
  }

  /** Events per pipelined round trip, 1 to 10,000. */
  public LookupCatalog withBatchSize(int size) {
    RedisConnectionConfig.range("batchSize", size, 1, 10_000);
    return new LookupCatalog(config, size, cacheSize, cacheTtlMillis);
  }

  /**
   * Local cache: at most {@code size} products, each for {@code ttlMillis}; either 0 disables it.
   */
  public LookupCatalog withCache(int size, long ttlMillis) {
    RedisConnectionConfig.range("cache size", size, 0, 10_000_000);
    RedisConnectionConfig.range("cache TTL (ms)", ttlMillis, 0, 86_400_000);
    return new LookupCatalog(config, batchSize, size, ttlMillis);
  }

  @Override
  public PCollection<PricingEvent> expand(PCollection<PricingEvent> events) {
    return events
        .apply(
            "LookupCatalogEntries",
            ParDo.of(new LookupFn(config, batchSize, cacheSize, cacheTtlMillis)))
        .setCoder(PricingEvent.PricingEventCoder.of());
  }

  /** What Redis holds for a product: an entry, nothing, or a problem. */
  private static final class Found {
    static final Found NOTHING = new Found(null, null);
    final CatalogEntry entry;
    final String problem;

    Found(CatalogEntry entry, String problem) {
      this.entry = entry;
      this.problem = problem;
    }
  }

  static final class LookupFn extends BatchedLookupFn<PricingEvent, PricingEvent> {
    private final RedisKeys keys;
    private final int cacheSize;
    private final long cacheTtlMillis;
    private final Counter looked = Metrics.counter("rtp", "redis.lookups.catalog_events");
    private final Counter hits = Metrics.counter("rtp", "redis.lookups.cache_hits");
    private final Counter misses = Metrics.counter("rtp", "redis.lookups.cache_misses");
    private final Counter unreadable = Metrics.counter("rtp", "redis.lookups.catalog_unreadable");
    private transient LookupCache<String, Found> cache;

    LookupFn(RedisConnectionConfig config, int batchSize, int cacheSize, long cacheTtlMillis) {
      super(config, batchSize);
      this.keys = config.keys();
      this.cacheSize = cacheSize;
      this.cacheTtlMillis = cacheTtlMillis;
    }

    @Override
    void setUpCaches() {
      cache = new LookupCache<>(cacheSize, cacheTtlMillis);
    }

    @Override
    List<PricingEvent> lookup(List<PricingEvent> events) {
      Map<String, Found> found = new HashMap<>();
      Map<String, Response<Map<String, String>>> asked = new LinkedHashMap<>();
      for (PricingEvent e : events) {
        String product = e.productId();
        if (found.containsKey(product) || asked.containsKey(product)) {
          continue;
        }
        Found cached = cache.get(product);
        if (cached != null) {
          hits.inc();
          found.put(product, cached);
        } else {
          misses.inc();
          asked.put(product, null);
        }
      }
      if (!asked.isEmpty()) {
        redis.call(
            "looking up catalogue entries",
            jedis -> {
              Pipeline p = jedis.pipelined();
              for (String product : new ArrayList<>(asked.keySet())) {
                asked.put(product, p.hgetAll(keys.catalog(product)));
              }
              p.sync();
              return null;
            });
        for (Map.Entry<String, Response<Map<String, String>>> a : asked.entrySet()) {
          Map<String, String> hash = a.getValue().get();
          Found f;
          if (hash.isEmpty()) {
            f = Found.NOTHING;
          } else {
            try {
              f = new Found(CatalogHash.fromHash(a.getKey(), hash), null);
            } catch (IllegalArgumentException ex) {
              unreadable.inc();
              f = new Found(null, keys.catalog(a.getKey()) + ": " + ex.getMessage());
            }
          }
          found.put(a.getKey(), f);
          cache.put(a.getKey(), f);
        }
      }
      List<PricingEvent> out = new ArrayList<>(events.size());
      for (PricingEvent e : events) {
        Found f = found.get(e.productId());
        out.add(e.withCatalogLookup(f.entry, f.problem));
        looked.inc();
      }
      return out;
    }
  }
}
