package io.realtimepipelines.pipelines.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.validation.ParseEvents;
import org.junit.jupiter.api.Test;

class ParseOptionsTest {

  @Test
  void deduplicationKeepsItsDefaultWhenTheStagesGetOneRunnerKeyPerEntity() {
    assertEquals(ParseEvents.DEDUP_SHARDS, ParseOptions.dedupShards(0));
    assertEquals(4, ParseOptions.dedupShards(4));
    assertEquals(65_536, ParseOptions.dedupShards(65_536));
  }

  @Test
  void aNegativeOrTooLargeValueIsRefusedWithTheOptionsRange() {
    for (int bad : new int[] {-1, 65_537}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ParseOptions.dedupShards(bad));
      assertTrue(e.getMessage().contains("--keyShards must be 0"), e.getMessage());
    }
  }
}
