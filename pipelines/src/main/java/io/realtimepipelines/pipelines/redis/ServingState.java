package io.realtimepipelines.pipelines.redis;

import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.Reason;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.monitor.MetricAlert;
import io.realtimepipelines.monitor.WindowStats;
import io.realtimepipelines.pricing.PriceUpdate;
import io.realtimepipelines.recommend.ItemNeighbours;
import io.realtimepipelines.recommend.Recommendation;
import io.realtimepipelines.recommend.SessionRecs;
import io.realtimepipelines.vitals.News2Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.joda.time.Duration;

/**
 * The serving hashes the jobs write (the README lists them with their fields):
 *
 * <ul>
 *   <li>{@code <prefix>fraud:account:<accountId>}: the latest decision on the account, by event
 *       time (then transaction id): {@code action}, {@code score}, {@code txnId}, {@code
 *       merchantId}, {@code amount}, {@code currency}, {@code rulesVersion}, {@code eventTime},
 *       {@code eventTimeMs}, {@code reasons}, {@code topReason}
 *   <li>{@code <prefix>price:<productId>}: the current price: {@code price}, {@code previousPrice},
 *       {@code policyVersion}, {@code eventTime}, {@code eventTimeMs}, {@code reasons}
 *   <li>{@code <prefix>recs:session:<sessionKey>}: the session's latest list, by event time then
 *       position in the session: {@code items} (JSON array: productId, score, source, reason),
 *       {@code productIds} (comma-separated, best first), {@code eventId}, {@code productId},
 *       {@code seq}, {@code configVersion}, {@code eventTime}, {@code eventTimeMs}
 *   <li>{@code <prefix>recs:item:<productId>}: the item's latest published neighbours: {@code
 *       neighbours}, {@code complements} (JSON arrays: productId, score, sessions), {@code
 *       neighbourIds} (comma-separated), {@code popularity}, {@code configVersion}, {@code
 *       eventTime}, {@code eventTimeMs}
 *   <li>{@code <prefix>monitor:series:<source>:<metric>}: the series' latest window (the newest
 *       window end, then the most samples): {@code windowStart}, {@code windowEnd}, {@code count},
 *       {@code ratePerSecond}, {@code mean}, {@code min}, {@code max}, {@code p50}, {@code p95},
 *       {@code p99}, {@code unit}, {@code eventTimeMs}
 *   <li>{@code <prefix>monitor:alert:<source>:<metric>:<rule>}: the rule's latest alert change:
 *       {@code status}, {@code stat}, {@code value}, {@code baseline}, {@code threshold}, {@code
 *       windowStart}, {@code windowEnd}, {@code since}, {@code configVersion}, {@code reason}
 * </ul>
 */
public final class ServingState {
  /** Rules named in {@code reasons}, at most. */
  static final int TOP_REASONS = 3;

  private ServingState() {}

  /** Latest decision and risk per account. */
  public static WriteServingState<Decision> decisions(RedisConnectionConfig config, Duration ttl) {
    RedisKeys keys = config.keys();
    return WriteServingState.<Decision>to(config)
        .withKey(d -> keys.fraudAccount(d.getAccountId()))
        .withFields(ServingState::decisionFields)
        .withEventTime(Decision::getTimestamp)
        .withTieBreaker("txnId")
        .withTtl(ttl);
  }

  /** Current price per product. */
  public static WriteServingState<PriceUpdate> prices(RedisConnectionConfig config, Duration ttl) {
    RedisKeys keys = config.keys();
    return WriteServingState.<PriceUpdate>to(config)
        .withKey(u -> keys.price(u.getProductId()))
        .withFields(ServingState::priceFields)
        .withEventTime(PriceUpdate::getTimestamp)
        .withTtl(ttl);
  }

  /** Latest recommendation list per session; {@code seq} orders lists of one instant. */
  public static WriteServingState<SessionRecs> sessionRecs(
      RedisConnectionConfig config, Duration ttl) {
    RedisKeys keys = config.keys();
    return WriteServingState.<SessionRecs>to(config)
        .withKey(r -> keys.sessionRecs(r.getSessionKey()))
        .withFields(ServingState::sessionRecsFields)
        .withEventTime(SessionRecs::getTimestamp)
        .withTieBreaker("seq")
        .withTtl(ttl);
  }

  /** Latest published neighbours per item. */
  public static WriteServingState<ItemNeighbours> itemNeighbours(
      RedisConnectionConfig config, Duration ttl) {
    RedisKeys keys = config.keys();
    return WriteServingState.<ItemNeighbours>to(config)
        .withKey(n -> keys.itemNeighbours(n.getProductId()))
        .withFields(ServingState::itemNeighboursFields)
        .withEventTime(ItemNeighbours::getTimestamp)
        .withTieBreaker("eventId")
        .withTtl(ttl);
  }

  /**
   * Latest NEWS2 per patient. The job emits at most one score per patient and instant, so event
   * time alone orders the writes.
   */
  public static WriteServingState<News2Score> news2(RedisConnectionConfig config, Duration ttl) {
    RedisKeys keys = config.keys();
    return WriteServingState.<News2Score>to(config)
        .withKey(s -> keys.vitalsNews2(s.getPatientId()))
        .withFields(ServingState::news2Fields)
        .withEventTime(News2Score::getTimestamp)
        .withTtl(ttl);
  }

  static Map<String, String> news2Fields(News2Score s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("score", Integer.toString(s.getScore()));
    f.put("level", s.getLevel().name());
    f.put("parts", EventJson.toJson(s.getParts(), List.class));
    f.put(
        "points",
        s.getParts().stream()
            .map(p -> p.getParameter() + "=" + p.getPoints())
            .collect(Collectors.joining(",")));
    f.put("missing", String.join(",", s.getMissing()));
    f.put("configVersion", s.getConfigVersion());
    f.put("eventTime", s.getTimestamp().toString());
    return f;
  }

  /** Latest window statistics per series (source and metric). */
  public static WriteServingState<WindowStats> monitorSeries(
      RedisConnectionConfig config, Duration ttl) {
    RedisKeys keys = config.keys();
    return WriteServingState.<WindowStats>to(config)
        .withKey(w -> keys.monitorSeries(w.getSource(), w.getMetric()))
        .withFields(ServingState::windowStatsFields)
        .withEventTime(w -> w.getWindowEnd())
        .withTieBreaker("count")
        .withTtl(ttl);
  }

  /** Latest alert state per series and rule. */
  public static WriteServingState<MetricAlert> monitorAlerts(
      RedisConnectionConfig config, Duration ttl) {
    RedisKeys keys = config.keys();
    return WriteServingState.<MetricAlert>to(config)
        .withKey(a -> keys.monitorAlert(a.getSource(), a.getMetric(), a.getRule()))
        .withFields(ServingState::alertFields)
        .withEventTime(a -> a.getWindowEnd())
        .withTtl(ttl);
  }

  static Map<String, String> windowStatsFields(WindowStats w) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("windowStart", w.getWindowStart().toString());
    f.put("windowEnd", w.getWindowEnd().toString());
    // Zero-padded: the tie-breaker compares as text; a late update of a window has more samples.
    f.put("count", String.format(Locale.ROOT, "%019d", w.getCount()));
    f.put("ratePerSecond", Double.toString(w.getRatePerSecond()));
    f.put("mean", Double.toString(w.getMean()));
    f.put("min", Double.toString(w.getMin()));
    f.put("max", Double.toString(w.getMax()));
    f.put("p50", Double.toString(w.getP50()));
    f.put("p95", Double.toString(w.getP95()));
    f.put("p99", Double.toString(w.getP99()));
    f.put("unit", w.getUnit());
    return f;
  }

  static Map<String, String> alertFields(MetricAlert a) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", a.getStatus().name());
    f.put("stat", a.getStat());
    f.put("value", Double.toString(a.getValue()));
    f.put("baseline", a.getBaseline() == null ? null : Double.toString(a.getBaseline()));
    f.put("threshold", Double.toString(a.getThreshold()));
    f.put("windowStart", a.getWindowStart().toString());
    f.put("windowEnd", a.getWindowEnd().toString());
    f.put("since", a.getSince().toString());
    f.put("configVersion", a.getConfigVersion());
    f.put("reason", a.getReason());
    return f;
  }

  static Map<String, String> sessionRecsFields(SessionRecs r) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("items", EventJson.toJson(r.getRecommendations(), List.class));
    f.put(
        "productIds",
        r.getRecommendations().stream()
            .map(Recommendation::getProductId)
            .collect(Collectors.joining(",")));
    f.put("eventId", r.getEventId());
    f.put("productId", r.getProductId());
    // Zero-padded: the tie-breaker compares as text.
    f.put("seq", String.format(Locale.ROOT, "%019d", r.getSeq()));
    f.put("configVersion", r.getConfigVersion());
    f.put("eventTime", r.getTimestamp().toString());
    return f;
  }

  static Map<String, String> itemNeighboursFields(ItemNeighbours n) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("neighbours", EventJson.toJson(n.getNeighbours(), List.class));
    f.put("complements", EventJson.toJson(n.getComplements(), List.class));
    f.put(
        "neighbourIds",
        n.getNeighbours().stream().map(x -> x.getProductId()).collect(Collectors.joining(",")));
    f.put("popularity", Double.toString(n.getPopularity()));
    f.put("eventId", n.getEventId());
    f.put("configVersion", n.getConfigVersion());
    f.put("eventTime", n.getTimestamp().toString());
    return f;
  }

  static Map<String, String> decisionFields(Decision d) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("action", d.getAction().name());
    f.put("score", Integer.toString(d.getScore()));
    f.put("txnId", d.getTxnId());
    f.put("merchantId", d.getMerchantId());
    f.put("amount", d.getAmount().toPlainString());
    f.put("currency", d.getCurrency());
    f.put("rulesVersion", d.getRulesVersion());
    f.put("eventTime", d.getTimestamp().toString());
    List<Reason> counted = new ArrayList<>();
    for (Reason r : d.getReasons()) {
      if (!r.getShadow() && r.getContribution() > 0) {
        counted.add(r);
      }
    }
    counted.sort(
        Comparator.comparingInt(Reason::getContribution)
            .reversed()
            .thenComparing(Reason::getRuleId));
    List<Reason> top = counted.subList(0, Math.min(TOP_REASONS, counted.size()));
    f.put(
        "reasons",
        top.stream()
            .map(r -> r.getRuleId() + ":" + r.getContribution())
            .collect(Collectors.joining(",")));
    f.put("topReason", top.isEmpty() ? "" : top.get(0).getText());
    return f;
  }

  static Map<String, String> priceFields(PriceUpdate u) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("price", u.getNewPrice().toPlainString());
    f.put("previousPrice", u.getOldPrice().toPlainString());
    f.put("policyVersion", u.getPolicyVersion());
    f.put("eventTime", u.getTimestamp().toString());
    f.put("reasons", String.join("; ", u.getReasons()));
    return f;
  }
}
