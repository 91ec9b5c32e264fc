package io.realtimepipelines.recommend;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One recommended product in a session's list, with its score and why it is there. */
@JsonPropertyOrder({"productId", "category", "score", "source", "relatedTo", "reason"})
@AutoValue
public abstract class Recommendation {

  /** The recommended product. */
  public abstract String getProductId();

  /** Its category, when known. */
  public abstract @Nullable String getCategory();

  /** Blended score (sum of the weighted contributions of every source); higher is better. */
  public abstract double getScore();

  /**
   * The source that contributed most: {@code similar} (related to a recent item), {@code
   * complement} (carted or bought with a recent item, other category), {@code category_complement}
   * (bought by shoppers of the current category) or {@code trending}.
   */
  public abstract String getSource();

  /** The recent item it relates to, for {@code similar} and {@code complement}. */
  public abstract @Nullable String getRelatedTo();

  /** A short sentence with the numbers behind the main source. */
  public abstract String getReason();

  public static Recommendation of(
      String productId,
      @Nullable String category,
      double score,
      String source,
      @Nullable String relatedTo,
      String reason) {
    return new AutoValue_Recommendation(productId, category, score, source, relatedTo, reason);
  }
}
