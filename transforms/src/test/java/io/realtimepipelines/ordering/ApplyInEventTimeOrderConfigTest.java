package io.realtimepipelines.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.junit.jupiter.api.Test;

class ApplyInEventTimeOrderConfigTest {

  @Test
  void shardCountOutsideOneTo65536IsRejectedWithTheValue() {
    ApplyInEventTimeOrder<String, StringBuilder, String> t =
        ApplyInEventTimeOrder.of(new ApplyInEventTimeOrderTest.History(), StringUtf8Coder.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.withShards(0));
    assertTrue(e.getMessage().contains("shards must be between 1 and 65536, got 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> t.withShards(65_537));
    t.withShards(1);
    t.withShards(65_536);
  }

  @Test
  void shardOfAKeyIsStableAndSequentialKeysSpreadOverAllShards() {
    assertEquals(ApplyInEventTimeOrder.shardOf("acct-42", 32), ApplyInEventTimeOrder.shardOf("acct-42", 32));
    Map<Integer, Integer> perShard = new HashMap<>();
    for (int i = 0; i < 3_200; i++) {
      int shard = ApplyInEventTimeOrder.shardOf("acct-" + i, 32);
      assertTrue(shard >= 0 && shard < 32, "shard " + shard);
      perShard.merge(shard, 1, Integer::sum);
    }
    assertEquals(32, perShard.size());
    for (int count : perShard.values()) {
      assertTrue(count > 50 && count < 150, "uneven spread: " + perShard);
    }
  }

  @Test
  void bufferedEventKeepsKeyTimeAndEventThroughItsCoder() throws Exception {
    Buffered b = Buffered.of("clé-1", -42L, "payload@3", StringUtf8Coder.of());
    Buffered copy =
        org.apache.beam.sdk.util.CoderUtils.clone(Buffered.BufferedCoder.of(), b);
    assertEquals("clé-1", copy.key());
    assertEquals(-42L, copy.timestamp);
    assertEquals("payload@3", copy.event(StringUtf8Coder.of()));
  }
}
