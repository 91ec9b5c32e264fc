package io.realtimepipelines.pipelines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LookupCacheTest {
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void valueExpiresAfterItsTtl() {
    LookupCache<String, Boolean> cache = new LookupCache<>(10, 1000, nanos::get);
    cache.put("a", true);
    nanos.addAndGet(999_000_000L);
    assertEquals(true, cache.get("a"));
    nanos.addAndGet(1_000_000L);
    assertNull(cache.get("a"));
  }

  @Test
  void leastRecentlyUsedGoesFirstWhenFull() {
    LookupCache<String, Integer> cache = new LookupCache<>(2, 60_000, nanos::get);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.get("a");
    cache.put("c", 3);
    assertEquals(1, cache.get("a"));
    assertNull(cache.get("b"));
    assertEquals(3, cache.get("c"));
    assertEquals(2, cache.size());
  }

  @Test
  void sizeOrTtlZeroDisablesTheCache() {
    LookupCache<String, Integer> noSize = new LookupCache<>(0, 60_000, nanos::get);
    noSize.put("a", 1);
    assertNull(noSize.get("a"));
    LookupCache<String, Integer> noTtl = new LookupCache<>(100, 0, nanos::get);
    noTtl.put("a", 1);
    assertNull(noTtl.get("a"));
  }
}
