package io.realtimepipelines.pipelines.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A small per-worker cache of looked-up values: at most {@code maxSize} entries (least recently
 * used go first), each valid for {@code ttlMillis} after it was stored. Absent values are cached
 * too (store a sentinel), so a missing key costs one lookup per TTL, not one per event. Not
 * thread-safe: one per DoFn instance. Size or TTL 0 disables it.
 */
public final class LookupCache<K, V> {
  private final int maxSize;
  private final long ttlNanos;
  private final LongSupplier clock;
  private final LinkedHashMap<K, Entry<V>> map;

  private static final class Entry<V> {
    final V value;
    final long expires;

    Entry(V value, long expires) {
      this.value = value;
      this.expires = expires;
    }
  }

  public LookupCache(int maxSize, long ttlMillis) {
    this(maxSize, ttlMillis, System::nanoTime);
  }

  LookupCache(int maxSize, long ttlMillis, LongSupplier nanoClock) {
    if (maxSize < 0 || ttlMillis < 0) {
      throw new IllegalArgumentException(
          "cache size and TTL must be at least 0, got " + maxSize + " and " + ttlMillis + " ms");
    }
    this.maxSize = ttlMillis == 0 ? 0 : maxSize;
    this.ttlNanos = ttlMillis * 1_000_000L;
    this.clock = nanoClock;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
        return size() > LookupCache.this.maxSize;
      }
    };
  }

  /** The value, or null when absent or expired. */
  public @Nullable V get(K key) {
    if (maxSize == 0) {
      return null;
    }
    Entry<V> e = map.get(key);
    if (e == null) {
      return null;
    }
    if (clock.getAsLong() - e.expires >= 0) {
      map.remove(key);
      return null;
    }
    return e.value;
  }

  public void put(K key, V value) {
    if (maxSize > 0) {
      map.put(key, new Entry<>(value, clock.getAsLong() + ttlNanos));
    }
  }

  public int size() {
    return map.size();
  }
}
