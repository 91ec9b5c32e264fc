package io.realtimepipelines.recommend;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A product related to another one, with the strength of the relation. */
@JsonPropertyOrder({"productId", "category", "score", "sessions"})
@AutoValue
public abstract class Neighbour {

  /** The related product. */
  public abstract String getProductId();

  /** Its category, when known. */
  public abstract @Nullable String getCategory();

  /** Popularity-normalised relation strength (see relations.popularityAlpha). */
  public abstract double getScore();

  /** Sessions that paired the two, decayed with relations.halfLifeHours. */
  public abstract double getSessions();

  public static Neighbour of(
      String productId, @Nullable String category, double score, double sessions) {
    return new AutoValue_Neighbour(productId, category, score, sessions);
  }
}
