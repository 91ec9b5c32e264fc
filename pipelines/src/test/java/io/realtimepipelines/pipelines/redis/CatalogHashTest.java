package io.realtimepipelines.pipelines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realtimepipelines.pricing.CatalogEntry;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogHashTest {
  @Test
  void entryRoundTripsThroughItsHash() {
    CatalogEntry e =
        CatalogEntry.of(
            "p1", new BigDecimal("19.99"), new BigDecimal("8.00"), new BigDecimal("12.99"), null);
    assertEquals(
        Map.of("basePrice", "19.99", "unitCost", "8.00", "floor", "12.99"), CatalogHash.toHash(e));
    assertEquals(e, CatalogHash.fromHash("p1", CatalogHash.toHash(e)));
  }

  @Test
  void missingOrNonNumericFieldIsNamed() {
    assertEquals(
        "unitCost missing or not a number above 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> CatalogHash.fromHash("p1", Map.of("basePrice", "10")))
            .getMessage());
    assertEquals(
        "ceiling missing or not a number above 0",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    CatalogHash.fromHash(
                        "p1", Map.of("basePrice", "10", "unitCost", "5", "ceiling", "lots")))
            .getMessage());
  }
}
