package io.realtimepipelines.recommend;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A session's current recommendations, published after one of its view or add-to-cart events and
 * computed from the clicks strictly before that event's time (and the session's own clicks up to
 * it).
 */
@JsonPropertyOrder({
  "sessionKey",
  "sessionId",
  "userId",
  "eventId",
  "productId",
  "category",
  "action",
  "seq",
  "timestamp",
  "configVersion",
  "recommendations"
})
@AutoValue
public abstract class SessionRecs {

  /**
   * What the session is grouped by: the sessionId, or {@code u:<userId>} with session.by=userId.
   */
  public abstract String getSessionKey();

  /** The sessionId of the click that triggered the list. */
  public abstract String getSessionId();

  /** Its user, when known. */
  public abstract @Nullable String getUserId();

  /** The click that triggered the list. */
  public abstract String getEventId();

  /** The product of that click (never recommended in this list). */
  public abstract String getProductId();

  /** Its category, when known. */
  public abstract @Nullable String getCategory();

  /** The click's action: {@code view} or {@code add_to_cart}. */
  public abstract String getAction();

  /** Position of the click in the session (1, 2, ...): orders lists of one session. */
  public abstract long getSeq();

  /** Event time of the click, UTC. */
  public abstract Instant getTimestamp();

  /** Version of the recommendation config that made the list. */
  public abstract String getConfigVersion();

  /** Best first; never the current product nor one bought in the session. */
  public abstract List<Recommendation> getRecommendations();

  public static SessionRecs of(
      String sessionKey,
      String sessionId,
      @Nullable String userId,
      String eventId,
      String productId,
      @Nullable String category,
      String action,
      long seq,
      Instant timestamp,
      String configVersion,
      List<Recommendation> recommendations) {
    return new AutoValue_SessionRecs(
        sessionKey,
        sessionId,
        userId,
        eventId,
        productId,
        category,
        action,
        seq,
        timestamp,
        configVersion,
        List.copyOf(recommendations));
  }
}
