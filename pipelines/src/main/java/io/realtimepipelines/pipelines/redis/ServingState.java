package io.realtimepipelines.pipelines.redis;

import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.Reason;
import io.realtimepipelines.pricing.PriceUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
 *   <li>{@code <prefix>price:<productId>}: the current price: {@code price}, {@code
 *       previousPrice}, {@code policyVersion}, {@code eventTime}, {@code eventTimeMs}, {@code
 *       reasons}
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
    counted.sort(Comparator.comparingInt(Reason::getContribution).reversed()
        .thenComparing(Reason::getRuleId));
    List<Reason> top = counted.subList(0, Math.min(TOP_REASONS, counted.size()));
    f.put("reasons", top.stream().map(r -> r.getRuleId() + ":" + r.getContribution())
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
