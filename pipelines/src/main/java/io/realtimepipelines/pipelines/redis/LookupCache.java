package io.realtimepipelines.pipelines.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A small per-worker cache of looked-up values on Caffeine: at most {@code maxSize} entries
 * (Caffeine's W-TinyLFU keeps the often used ones when a burst of one-off keys passes), each valid
 * for {@code ttlMillis} after it was stored. Absent values are cached too (store a sentinel), so a
 * missing key costs one lookup per TTL, not one per event. One per DoFn instance; maintenance runs
 * on the calling thread, so no pool thread is started per worker. Size or TTL 0 disables it.
 */
public final class LookupCache<K, V> {
  private final @Nullable Cache<K, V> cache;

  public LookupCache(int maxSize, long ttlMillis) {
    this(maxSize, ttlMillis, Ticker.systemTicker());
  }

  LookupCache(int maxSize, long ttlMillis, Ticker ticker) {
    if (maxSize < 0 || ttlMillis < 0) {
      throw new IllegalArgumentException(
          "cache size and TTL must be at least 0, got " + maxSize + " and " + ttlMillis + " ms");
    }
    this.cache =
        maxSize == 0 || ttlMillis == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(Duration.ofMillis(ttlMillis))
                .executor(Runnable::run)
                .ticker(ticker)
                .build();
  }

  /** The value, or null when absent or expired. */
  public @Nullable V get(K key) {
    return cache == null ? null : cache.getIfPresent(key);
  }

  public void put(K key, V value) {
    if (cache != null) {
      cache.put(key, value);
    }
  }

  /** Entries held now, after pending evictions. */
  public long size() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
