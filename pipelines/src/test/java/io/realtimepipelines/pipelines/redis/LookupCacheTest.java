package io.realtimepipelines.pipelines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void neverHoldsMoreThanItsSize() {
    LookupCache<Integer, Integer> cache = new LookupCache<>(100, 60_000, nanos::get);
    for (int i = 0; i < 10_000; i++) {
      cache.put(i, i);
    }
    assertEquals(100, cache.size());
  }

  @Test
  void oftenUsedKeysSurviveABurstOfOneOffKeys() {
    LookupCache<String, Integer> cache = new LookupCache<>(100, 60_000, nanos::get);
    for (int i = 0; i < 100; i++) {
      cache.put("warm" + i, i); // a full cache, as on a worker that has run for a while
    }
    for (int round = 0; round < 20; round++) {
      for (int h = 0; h < 10; h++) {
        if (cache.get("hot" + h) == null) {
          cache.put("hot" + h, h);
        }
      }
    }
    for (int i = 0; i < 5_000; i++) {
      cache.put("once" + i, i);
    }
    int hot = 0;
    for (int h = 0; h < 10; h++) {
      hot += cache.get("hot" + h) != null ? 1 : 0;
    }
    assertTrue(hot >= 9, "hot keys left after the burst: " + hot + " of 10");
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
