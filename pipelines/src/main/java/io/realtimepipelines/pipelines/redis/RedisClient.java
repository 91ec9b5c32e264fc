package io.realtimepipelines.pipelines.redis;

import io.realtimepipelines.metrics.JobMetrics;
import java.util.Locale;
import java.util.function.Function;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One Redis connection per DoFn instance (opened in {@code @Setup}), with retries: a call that
 * fails because Redis is unreachable, restarting or loading its data is retried on a fresh
 * connection after a backoff that doubles up to the configured maximum (each wait jittered between
 * half and all of it); after the last attempt it throws {@link RedisUnavailableException} naming
 * host:port, the attempts and the time spent, so the job fails instead of losing or skipping
 * anything. Calls must be safe to repeat (reads, and the idempotent serving writes). Wrong
 * credentials fail at once, without retries.
 */
public final class RedisClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisClient.class);

  private final RedisConnectionConfig config;
  private final JedisClientConfig clientConfig;
  private final Counter retries = Metrics.counter("rtp", "redis.retries");
  private final Counter roundTrips = Metrics.counter("rtp", "redis.round_trips");
  private Jedis jedis;

  private RedisClient(RedisConnectionConfig config) {
    this.config = config;
    this.clientConfig = config.clientConfig();
  }

  /** Reads the password (if any) now; connects lazily, on the first call. */
  public static RedisClient open(RedisConnectionConfig config) {
    return new RedisClient(config);
  }

  /**
   * Runs {@code call} (typically one pipelined round trip), retrying as described above.
   *
   * @param what what the call does, for the failure message ("looking up blocklists")
   */
  public <T> T call(String what, Function<Jedis, T> call) {
    long start = System.nanoTime();
    long backoff = config.backoffMillis();
    RuntimeException last = null;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      try {
        if (jedis == null) {
          jedis = new Jedis(new HostAndPort(config.host(), config.port()), clientConfig);
        }
        T result = call.apply(jedis);
        roundTrips.inc();
        JobMetrics.redisRoundTrip();
        return result;
      } catch (JedisAccessControlException e) {
        closeQuietly();
        JobMetrics.redisFailure();
        throw new IllegalStateException(
            "Redis "
                + config.address()
                + " refused the credentials ("
                + config.passwordSource()
                + "): "
                + e.getMessage(),
            e);
      } catch (JedisConnectionException | JedisDataException e) {
        if (e instanceof JedisDataException && !retryable((JedisDataException) e)) {
          throw e;
        }
        last = e;
        closeQuietly();
        if (attempt < config.maxAttempts()) {
          retries.inc();
          JobMetrics.redisRetry();
          // Equal jitter: half the backoff plus a random half, so the workers of a job that
          // lost Redis together do not all reconnect in the same millisecond.
          long wait =
              backoff / 2
                  + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
          LOG.warn(
              "Redis {} failed while {} (attempt {} of {}): {}; retrying in {} ms",
              config.address(),
              what,
              attempt,
              config.maxAttempts(),
              e.getMessage(),
              wait);
          sleep(wait);
          backoff = Math.min(config.maxBackoffMillis(), Math.max(1, backoff * 2));
        }
      }
    }
    JobMetrics.redisFailure();
    throw new RedisUnavailableException(
        String.format(
            Locale.ROOT,
            "Redis %s unavailable while %s: %d attempts over %.1f s failed (--redisMaxAttempts=%d,"
                + " --redisBackoffMillis=%d, --redisMaxBackoffMillis=%d); last error: %s",
            config.address(),
            what,
            config.maxAttempts(),
            (System.nanoTime() - start) / 1e9,
            config.maxAttempts(),
            config.backoffMillis(),
            config.maxBackoffMillis(),
            last),
        last);
  }

  /** Errors a restarting server gives before it serves again. */
  private static boolean retryable(JedisDataException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return m.startsWith("LOADING") || m.startsWith("TRYAGAIN") || m.startsWith("MASTERDOWN");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry Redis", e);
    }
  }

  private void closeQuietly() {
    if (jedis != null) {
      try {
        jedis.close();
      } catch (RuntimeException ignored) {
        // the connection is broken anyway; a new one is opened on the next attempt
      }
      jedis = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
