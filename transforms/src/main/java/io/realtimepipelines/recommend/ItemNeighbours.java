package io.realtimepipelines.recommend;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * An item's top related items ("viewed together") and complementary items of other categories
 * ("bought together"), published when the item occurs in a session and its top neighbours changed
 * since it was last published. Keyed by product id: a compacted topic keeps the latest.
 */
@JsonPropertyOrder({
  "productId",
  "category",
  "timestamp",
  "eventId",
  "configVersion",
  "popularity",
  "neighbours",
  "complements"
})
@AutoValue
public abstract class ItemNeighbours {

  /** The item. */
  public abstract String getProductId();

  /** Its category, when known. */
  public abstract @Nullable String getCategory();

  /** Event time of the click that published this, UTC. */
  public abstract Instant getTimestamp();

  /** The click that published this. */
  public abstract String getEventId();

  /** Version of the recommendation config. */
  public abstract String getConfigVersion();

  /** The item's popularity: decayed sum over sessions of its strongest action's weight. */
  public abstract double getPopularity();

  /** Best first, at most relations.neighbours. */
  public abstract List<Neighbour> getNeighbours();

  /** Items of other categories carted or bought with it, best first. */
  public abstract List<Neighbour> getComplements();

  public static ItemNeighbours of(
      String productId,
      @Nullable String category,
      Instant timestamp,
      String eventId,
      String configVersion,
      double popularity,
      List<Neighbour> neighbours,
      List<Neighbour> complements) {
    return new AutoValue_ItemNeighbours(
        productId,
        category,
        timestamp,
        eventId,
        configVersion,
        popularity,
        List.copyOf(neighbours),
        List.copyOf(complements));
  }
}
