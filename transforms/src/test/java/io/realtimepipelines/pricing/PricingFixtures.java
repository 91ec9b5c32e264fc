package io.realtimepipelines.pricing;

import static io.realtimepipelines.testing.Events.minute;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.InventoryUpdate;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.joda.time.Instant;

/**
 * Small builders for pricing tests: {@code entry("p1").base("19.99").cost("10").ceiling("29.99")},
 * {@code purchase("p1", 3, minute(2))}, {@code stock("p1", 12, minute(0))}.
 */
final class PricingFixtures {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private PricingFixtures() {}

  static EntryBuilder entry(String productId) {
    return new EntryBuilder(productId);
  }

  static PricingConfig config(String json) {
    try {
      return PricingConfig.parse(json);
    } catch (PricingConfig.InvalidPricingConfigException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ClickEvent view(String productId, Instant at) {
    return click(productId, ClickAction.VIEW, 1, at);
  }

  static ClickEvent purchase(String productId, int units, Instant at) {
    return click(productId, ClickAction.PURCHASE, units, at);
  }

  static ClickEvent click(String productId, ClickAction action, int units, Instant at) {
    return clickWithId(
        String.format("c-%08d", NEXT.incrementAndGet()), productId, action, units, at);
  }

  static ClickEvent clickWithId(
      String id, String productId, ClickAction action, int units, Instant at) {
    return ClickEvent.builder()
        .setEventId(id)
        .setSessionId("s-" + id)
        .setProductId(productId)
        .setAction(action)
        .setPrice(new BigDecimal("19.99"))
        .setQuantity(units)
        .setTimestamp(at)
        .build();
  }

  static InventoryUpdate stock(String productId, long units, Instant at) {
    return InventoryUpdate.of(productId, units, at);
  }

  static CompetitorPrice competitor(String productId, String name, String price, Instant at) {
    return CompetitorPrice.of(productId, name, new BigDecimal(price), at);
  }

  static Instant min(double m) {
    return minute(m);
  }

  static BigDecimal money(String v) {
    return new BigDecimal(v);
  }

  /** Fluent catalog entry; defaults: base 20.00, cost 10.00, no floor, no ceiling. */
  static final class EntryBuilder {
    private final String productId;
    private BigDecimal base = new BigDecimal("20.00");
    private BigDecimal cost = new BigDecimal("10.00");
    private BigDecimal floor;
    private BigDecimal ceiling;

    EntryBuilder(String productId) {
      this.productId = productId;
    }

    EntryBuilder base(String v) {
      base = new BigDecimal(v);
      return this;
    }

    EntryBuilder cost(String v) {
      cost = new BigDecimal(v);
      return this;
    }

    EntryBuilder floor(String v) {
      floor = new BigDecimal(v);
      return this;
    }

    EntryBuilder ceiling(String v) {
      ceiling = new BigDecimal(v);
      return this;
    }

    CatalogEntry build() {
      return CatalogEntry.of(productId, base, cost, floor, ceiling);
    }
  }
}
