package io.realtimepipelines.pricing;

import static io.realtimepipelines.pricing.PricingFixtures.competitor;
import static io.realtimepipelines.pricing.PricingFixtures.entry;
import static io.realtimepipelines.pricing.PricingFixtures.min;
import static io.realtimepipelines.pricing.PricingFixtures.purchase;
import static io.realtimepipelines.pricing.PricingFixtures.stock;
import static io.realtimepipelines.pricing.PricingFixtures.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

/** The state coder: exact, deterministic and compact. */
class ProductStateTest {

  private static ProductState populated() {
    PricingConfig c = PricingConfig.defaults();
    ProductState s = new ProductState();
    PricingStages.onInventory(s, stock("p", 40, min(0)), c);
    PricingStages.onCompetitorPrice(s, competitor("p", "acme", "18.50", min(1)), c);
    PricingStages.onCompetitorPrice(s, competitor("p", "beta", "1E+1", min(2)), c);
    for (int i = 0; i < 30; i++) {
      PricingStages.onClick(s, view("p", min(3 + i * 0.5)), c);
      PricingStages.onClick(s, purchase("p", 1 + i % 3, min(3 + i * 0.5)), c);
    }
    PricingStages.evaluate(s, entry("p").base("20.00").cost("10").build(), c, min(20));
    return s;
  }

  @Test
  void encodesAndDecodesEveryField() throws Exception {
    ProductState s = populated();
    CoderProperties.coderDecodeEncodeEqual(ProductState.coder(), s);
    CoderProperties.coderDecodeEncodeEqual(ProductState.coder(), new ProductState());
    ProductState back = CoderUtils.clone(ProductState.coder(), s);
    assertEquals(s.toString(), back.toString());
    assertEquals(
        PricingStages.signals(s, PricingConfig.defaults(), min(21)),
        PricingStages.signals(back, PricingConfig.defaults(), min(21)));
  }

  @Test
  void equalStatesEncodeToEqualBytes() throws Exception {
    assertArrayEquals(
        CoderUtils.encodeToByteArray(ProductState.coder(), populated()),
        CoderUtils.encodeToByteArray(ProductState.coder(), populated()));
    ProductState.coder().verifyDeterministic();
    CoderProperties.coderDeterministic(ProductState.coder(), populated(), populated());
  }

  @Test
  void stateIsCompact() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(ProductState.coder(), populated());
    // 15 minute buckets of 24 bytes, two competitors, stock, price and times.
    org.junit.jupiter.api.Assertions.assertTrue(bytes.length < 500, "bytes: " + bytes.length);
  }

  @Test
  void coderIsSerializableAndUnknownFormatsAreRejected() {
    assertEquals(ProductState.coder(), SerializableUtils.ensureSerializable(ProductState.coder()));
    IOException e =
        assertThrows(
            IOException.class,
            () -> ProductState.coder().decode(new java.io.ByteArrayInputStream(new byte[] {1, 9})));
    assertEquals("unknown ProductState format 9, expected 1", e.getMessage());
  }
}
