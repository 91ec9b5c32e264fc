package io.realtimepipelines.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

  @Test
  void remembersEachIdInItsLatestBucketUntilThatBucketIsDue() {
    SeenIds seen = new SeenIds();
    long[] a = SeenIds.fingerprint("txn-1");
    long[] b = SeenIds.fingerprint("txn-2");
    assertEquals(Long.MIN_VALUE, seen.latest(a));
    seen.add(a, 60_000);
    seen.add(a, 180_000);
    seen.add(b, 120_000);
    assertEquals(180_000, seen.latest(a));
    assertEquals(120_000, seen.latest(b));
    assertEquals(60_000, seen.nextForget());

    seen.forgetUpTo(120_000);
    assertEquals(180_000, seen.latest(a));
    assertEquals(Long.MIN_VALUE, seen.latest(b));
    assertEquals(180_000, seen.nextForget());
    seen.forgetUpTo(180_000);
    assertTrue(seen.isEmpty());
    assertEquals(Long.MAX_VALUE, seen.nextForget());
  }

  @Test
  void fingerprintsThatShareOnlyTheirFirstHalfAreDifferentIds() {
    SeenIds seen = new SeenIds();
    seen.add(new long[] {7, 1}, 60_000);
    assertEquals(Long.MIN_VALUE, seen.latest(new long[] {7, 2}));
    assertEquals(Long.MIN_VALUE, seen.latest(new long[] {1, 7}));
    assertEquals(60_000, seen.latest(new long[] {7, 1}));
  }

  @Test
  void fingerprintsAreStableAndTellIdsApart() {
    // Stored in checkpoints: the same id must give the same fingerprint in every JVM and release.
    assertArrayEquals(SeenIds.fingerprint("txn-1"), SeenIds.fingerprint(new String("txn-1")));
    assertNotEquals(SeenIds.fingerprint("txn-1")[0], SeenIds.fingerprint("txn-2")[0]);
    SeenIds seen = new SeenIds();
    for (int i = 0; i < 200_000; i++) {
      seen.add(SeenIds.fingerprint("txn-" + i), 60_000);
    }
    assertEquals(200_000, seen.size());
    for (int i = 200_000; i < 400_000; i++) {
      assertEquals(Long.MIN_VALUE, seen.latest(SeenIds.fingerprint("txn-" + i)), "txn-" + i);
    }
  }

  @Test
  void theCoderKeepsEveryFingerprintInItsBucket() throws Exception {
    SeenIds seen = new SeenIds();
    Random random = new Random(42);
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < 5_000; i++) {
      String id = "id-" + random.nextLong();
      long at = 60_000L * (1 + random.nextInt(11));
      seen.add(SeenIds.fingerprint(id), at);
      expected.put(id, at);
    }
    // An id that is the long 0 in either half must survive too (hppc keeps key 0 apart).
    seen.add(new long[] {0, 0}, 60_000);
    SeenIds copy = CoderUtils.clone(SeenIds.SeenIdsCoder.of(), seen);
    assertEquals(seen.size(), copy.size());
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      assertEquals(e.getValue(), copy.latest(SeenIds.fingerprint(e.getKey())), e.getKey());
    }
    assertEquals(60_000, copy.latest(new long[] {0, 0}));
    assertEquals(seen.nextForget(), copy.nextForget());
    SeenIds empty = CoderUtils.clone(SeenIds.SeenIdsCoder.of(), new SeenIds());
    assertTrue(empty.isEmpty());
  }

  @Test
  void theCoderRefusesAnUnknownFormat() {
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> CoderUtils.decodeFromByteArray(SeenIds.SeenIdsCoder.of(), new byte[] {2, 0}));
    assertTrue(e.getMessage().contains("format 2"), e.getMessage());
  }
}
