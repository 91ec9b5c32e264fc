package io.realtimepipelines.pipelines.redis;

import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.pricing.PriceUpdate;
import io.realtimepipelines.recommend.ItemNeighbours;
import io.realtimepipelines.recommend.SessionRecs;
import io.realtimepipelines.vitals.News2Score;
import org.joda.time.Duration;

/** The Redis steps of the jobs, configured from {@link RedisOptions}. */
public final class RedisSteps {
  private RedisSteps() {}

  /** Blocklists and account profiles for the fraud job. */
  public static LookupFraudContext fraudLookups(RedisOptions o) {
    return LookupFraudContext.from(RedisConnectionConfig.from(o))
        .withBatchSize(o.getRedisBatchSize())
        .withCache(o.getRedisLookupCacheSize(), cacheMillis(o));
  }

  /** Catalogue entries for the pricing job. */
  public static LookupCatalog catalogLookups(RedisOptions o) {
    return LookupCatalog.from(RedisConnectionConfig.from(o))
        .withBatchSize(o.getRedisBatchSize())
        .withCache(o.getRedisLookupCacheSize(), cacheMillis(o));
  }

  /** Latest decision per account. */
  public static WriteServingState<Decision> decisions(RedisOptions o) {
    return ServingState.decisions(RedisConnectionConfig.from(o), ttl(o))
        .withBatchSize(o.getRedisBatchSize());
  }

  /** Current price per product. */
  public static WriteServingState<PriceUpdate> prices(RedisOptions o) {
    return ServingState.prices(RedisConnectionConfig.from(o), ttl(o))
        .withBatchSize(o.getRedisBatchSize());
  }

  /** Latest window statistics per series. */
  public static WriteServingState<io.realtimepipelines.monitor.WindowStats> monitorSeries(
      RedisOptions o) {
    return ServingState.monitorSeries(RedisConnectionConfig.from(o), ttl(o))
        .withBatchSize(o.getRedisBatchSize());
  }

  /** Latest alert state per series and rule. */
  public static WriteServingState<io.realtimepipelines.monitor.MetricAlert> monitorAlerts(
      RedisOptions o) {
    return ServingState.monitorAlerts(RedisConnectionConfig.from(o), ttl(o))
        .withBatchSize(o.getRedisBatchSize());
  }

  /** Latest recommendation list per session, kept {@code ttlSeconds} after its last write. */
  public static WriteServingState<SessionRecs> sessionRecs(RedisOptions o, long ttlSeconds) {
    RedisConnectionConfig.range("--redisSessionTtlSeconds", ttlSeconds, 0, 3_650L * 86_400);
    return ServingState.sessionRecs(
            RedisConnectionConfig.from(o), Duration.standardSeconds(ttlSeconds))
        .withBatchSize(o.getRedisBatchSize());
  }

  /** Latest published neighbours per item. */
  public static WriteServingState<ItemNeighbours> itemNeighbours(RedisOptions o) {
    return ServingState.itemNeighbours(RedisConnectionConfig.from(o), ttl(o))
        .withBatchSize(o.getRedisBatchSize());
  }

  /** Latest NEWS2 per patient. */
  public static WriteServingState<News2Score> news2(RedisOptions o) {
    return ServingState.news2(RedisConnectionConfig.from(o), ttl(o))
        .withBatchSize(o.getRedisBatchSize());
  }

  /** A line for the job's list of outputs. */
  public static String describe(RedisOptions o, String what) {
    return "\n  redis        " + what + " on " + o.getRedisHost() + ":" + o.getRedisPort();
  }

  private static Duration ttl(RedisOptions o) {
    RedisConnectionConfig.range(
        "--redisServingTtlSeconds", o.getRedisServingTtlSeconds(), 0, 3_650L * 86_400);
    return Duration.standardSeconds(o.getRedisServingTtlSeconds());
  }

  private static long cacheMillis(RedisOptions o) {
    RedisConnectionConfig.range(
        "--redisLookupCacheSeconds", o.getRedisLookupCacheSeconds(), 0, 86_400);
    RedisConnectionConfig.range(
        "--redisLookupCacheSize", o.getRedisLookupCacheSize(), 0, 10_000_000);
    return o.getRedisLookupCacheSeconds() * 1000;
  }
}
