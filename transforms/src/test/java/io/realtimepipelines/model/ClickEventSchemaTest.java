package io.realtimepipelines.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Clicks wait in keyed state in the bytes of their schema coder, so the schema's field order is a
 * stored format: a new field goes last, and bytes written before it existed still read.
 */
class ClickEventSchemaTest {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.createDefault();

  /** The fields in the order Beam inferred before {@code brand} (2026-12-06); never reorder. */
  private static final List<String> BEFORE_BRAND =
      List.of(
          "timestamp",
          "eventId",
          "sessionId",
          "userId",
          "productId",
          "category",
          "action",
          "price",
          "quantity");

  private static ClickEvent click(String brand) {
    return ClickEvent.builder()
        .setEventId("e1")
        .setSessionId("s1")
        .setUserId("u1")
        .setProductId("p1")
        .setCategory("fashion.shoes")
        .setBrand(brand)
        .setAction(ClickAction.ADD_TO_CART)
        .setPrice(new BigDecimal("59.90"))
        .setQuantity(2)
        .setTimestamp(Instant.parse("2026-11-23T09:25:37Z"))
        .build();
  }

  @Test
  void newFieldsComeAfterTheFieldsOfEarlierReleases() throws Exception {
    Schema schema = REGISTRY.getSchema(ClickEvent.class);
    assertEquals(BEFORE_BRAND, schema.getFieldNames().subList(0, BEFORE_BRAND.size()));
    assertEquals("brand", schema.getField(BEFORE_BRAND.size()).getName());
  }

  @Test
  void bytesWrittenBeforeBrandExistedReadWithoutOne() throws Exception {
    Schema schema = REGISTRY.getSchema(ClickEvent.class);
    // The earlier release's schema: the same fields without brand; its coder wrote rows of it.
    Schema.Builder before = Schema.builder();
    for (String name : BEFORE_BRAND) {
      before.addField(schema.getField(name));
    }
    Schema old = before.build();
    Row now = REGISTRY.getToRowFunction(ClickEvent.class).apply(click("acme"));
    Row.Builder oldRow = Row.withSchema(old);
    for (String name : BEFORE_BRAND) {
      oldRow.addValue(now.getValue(name));
    }
    byte[] bytes = CoderUtils.encodeToByteArray(RowCoder.of(old), oldRow.build());

    Coder<ClickEvent> coder = REGISTRY.getSchemaCoder(ClickEvent.class);
    ClickEvent read = CoderUtils.decodeFromByteArray(coder, bytes);
    assertEquals(click(null), read);
    assertNull(read.getBrand());
  }

  @Test
  void aClickWithABrandRoundTrips() throws Exception {
    Coder<ClickEvent> coder = REGISTRY.getSchemaCoder(ClickEvent.class);
    ClickEvent c = click("acme");
    assertEquals(c, CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, c)));
  }
}
