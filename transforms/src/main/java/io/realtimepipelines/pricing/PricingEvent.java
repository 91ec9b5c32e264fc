package io.realtimepipelines.pricing;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.InventoryUpdate;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One event pricing reacts to: a click, a stock count or a competitor price. Ordered by event time;
 * at equal times inventory first, then competitor prices, then clicks (the state is up to date
 * before demand is evaluated), then by product, then by the event's own identity (stock; competitor
 * and price; click event id, action and quantity), so any input has one order.
 */
public final class PricingEvent implements Comparable<PricingEvent> {
  private final @Nullable InventoryUpdate inventory;
  private final @Nullable CompetitorPrice competitor;
  private final @Nullable ClickEvent click;
  private final @Nullable CatalogEntry catalogEntry;
  private final @Nullable String catalogProblem;

  private PricingEvent(
      @Nullable InventoryUpdate inventory,
      @Nullable CompetitorPrice competitor,
      @Nullable ClickEvent click) {
    this(inventory, competitor, click, null, null);
  }

  private PricingEvent(
      @Nullable InventoryUpdate inventory,
      @Nullable CompetitorPrice competitor,
      @Nullable ClickEvent click,
      @Nullable CatalogEntry catalogEntry,
      @Nullable String catalogProblem) {
    this.inventory = inventory;
    this.competitor = competitor;
    this.click = click;
    this.catalogEntry = catalogEntry;
    this.catalogProblem = catalogProblem;
  }

  public static PricingEvent of(InventoryUpdate u) {
    return new PricingEvent(u, null, null);
  }

  public static PricingEvent of(CompetitorPrice p) {
    return new PricingEvent(null, p, null);
  }

  public static PricingEvent of(ClickEvent c) {
    return new PricingEvent(null, null, c);
  }

  public @Nullable InventoryUpdate inventory() {
    return inventory;
  }

  public @Nullable CompetitorPrice competitorPrice() {
    return competitor;
  }

  public @Nullable ClickEvent click() {
    return click;
  }

  /**
   * This event with what a catalogue lookup found for its product: the entry, or null when the
   * product has none; or, instead, why the stored entry could not be read ({@code problem}).
   */
  public PricingEvent withCatalogLookup(@Nullable CatalogEntry entry, @Nullable String problem) {
    if (entry != null && !entry.getProductId().equals(productId())) {
      throw new IllegalArgumentException(
          "catalogue entry of " + entry.getProductId() + " attached to an event of " + productId());
    }
    return new PricingEvent(inventory, competitor, click, entry, problem);
  }

  /** The catalogue entry a lookup attached, if any. */
  public @Nullable CatalogEntry catalogEntry() {
    return catalogEntry;
  }

  /** Why the looked-up catalogue entry could not be read, if it could not. */
  public @Nullable String catalogProblem() {
    return catalogProblem;
  }

  public String productId() {
    if (inventory != null) {
      return inventory.getProductId();
    }
    return competitor != null ? competitor.getProductId() : click.getProductId();
  }

  public Instant timestamp() {
    if (inventory != null) {
      return inventory.getTimestamp();
    }
    return competitor != null ? competitor.getTimestamp() : click.getTimestamp();
  }

  /** 0 inventory, 1 competitor price, 2 click: the order at equal event times. */
  int rank() {
    return inventory != null ? 0 : competitor != null ? 1 : 2;
  }

  @Override
  public int compareTo(PricingEvent o) {
    int c = timestamp().compareTo(o.timestamp());
    if (c == 0) {
      c = Integer.compare(rank(), o.rank());
    }
    if (c == 0) {
      c = productId().compareTo(o.productId());
    }
    if (c != 0) {
      return c;
    }
    if (inventory != null) {
      return Long.compare(inventory.getStock(), o.inventory.getStock());
    }
    if (competitor != null) {
      c = competitor.getCompetitor().compareTo(o.competitor.getCompetitor());
      return c != 0 ? c : competitor.getPrice().compareTo(o.competitor.getPrice());
    }
    c = click.getEventId().compareTo(o.click.getEventId());
    if (c == 0) {
      c = click.getAction().compareTo(o.click.getAction());
    }
    return c != 0 ? c : Integer.compare(click.getQuantity(), o.click.getQuantity());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PricingEvent && compareTo((PricingEvent) o) == 0;
  }

  @Override
  public int hashCode() {
    return productId().hashCode() * 31 + timestamp().hashCode();
  }

  @Override
  public String toString() {
    return String.valueOf(inventory != null ? inventory : competitor != null ? competitor : click);
  }

  /**
   * Tag byte, then the event with its schema coder, then what a catalogue lookup attached (0
   * nothing, 1 an entry, 2 a problem). Deterministic.
   */
  public static final class PricingEventCoder
      extends org.apache.beam.sdk.coders.CustomCoder<PricingEvent> {
    private static final PricingEventCoder INSTANCE = new PricingEventCoder();
    private final transient org.apache.beam.sdk.coders.Coder<InventoryUpdate> inventoryCoder;
    private final transient org.apache.beam.sdk.coders.Coder<CompetitorPrice> competitorCoder;
    private final transient org.apache.beam.sdk.coders.Coder<ClickEvent> clickCoder;
    private final transient org.apache.beam.sdk.coders.Coder<CatalogEntry> catalogCoder;

    private PricingEventCoder() {
      org.apache.beam.sdk.schemas.SchemaRegistry registry =
          org.apache.beam.sdk.schemas.SchemaRegistry.createDefault();
      try {
        inventoryCoder = registry.getSchemaCoder(InventoryUpdate.class);
        competitorCoder = registry.getSchemaCoder(CompetitorPrice.class);
        clickCoder = registry.getSchemaCoder(ClickEvent.class);
        catalogCoder = registry.getSchemaCoder(CatalogEntry.class);
      } catch (org.apache.beam.sdk.schemas.NoSuchSchemaException e) {
        throw new IllegalStateException(e);
      }
    }

    public static PricingEventCoder of() {
      return INSTANCE;
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public void encode(PricingEvent value, java.io.OutputStream out) throws java.io.IOException {
      out.write(value.rank());
      if (value.inventory != null) {
        inventoryCoder.encode(value.inventory, out);
      } else if (value.competitor != null) {
        competitorCoder.encode(value.competitor, out);
      } else {
        clickCoder.encode(value.click, out);
      }
      if (value.catalogEntry != null) {
        out.write(1);
        catalogCoder.encode(value.catalogEntry, out);
      } else if (value.catalogProblem != null) {
        out.write(2);
        org.apache.beam.sdk.coders.StringUtf8Coder.of().encode(value.catalogProblem, out);
      } else {
        out.write(0);
      }
    }

    @Override
    public PricingEvent decode(java.io.InputStream in) throws java.io.IOException {
      int tag = in.read();
      PricingEvent event;
      switch (tag) {
        case 0:
          event = PricingEvent.of(inventoryCoder.decode(in));
          break;
        case 1:
          event = PricingEvent.of(competitorCoder.decode(in));
          break;
        case 2:
          event = PricingEvent.of(clickCoder.decode(in));
          break;
        default:
          throw new org.apache.beam.sdk.coders.CoderException("unknown pricing event tag " + tag);
      }
      int lookup = in.read();
      switch (lookup) {
        case 0:
          return event;
        case 1:
          return event.withCatalogLookup(catalogCoder.decode(in), null);
        case 2:
          return event.withCatalogLookup(
              null, org.apache.beam.sdk.coders.StringUtf8Coder.of().decode(in));
        default:
          throw new org.apache.beam.sdk.coders.CoderException(
              "unknown catalogue lookup tag " + lookup);
      }
    }

    @Override
    public void verifyDeterministic() {}
  }
}
