package io.realtimepipelines.pipelines.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Writes serving state to Redis: one hash per key (e.g. the latest decision per account), the
 * fields given by a function, plus {@code eventTimeMs}. Writes are idempotent and monotonic in
 * event time: a Lua script (sent with EVALSHA, pipelined per bundle) replaces the hash only when
 * the element is not older than what is stored (event time, then an optional tie-breaker field), so
 * replays write the same values and a late or replayed older update never overwrites a newer one.
 * Every written key gets the TTL (0 = none). Counters {@code rtp/redis.serving.written} and {@code
 * rtp/redis.serving.stale} (older than stored, skipped). A bundle whose writes fail after the
 * retries fails the job; the runner may replay it, which the idempotence makes safe.
 *
 * <pre>{@code
 * decisions.apply("WriteDecisionsToRedis", WriteServingState.<Decision>to(config)
 *     .withKey(d -> keys.fraudAccount(d.getAccountId())).withFields(...)
 *     .withEventTime(Decision::getTimestamp).withTieBreaker("txnId").withTtl(Duration.standardDays(7)));
 * }</pre>
 */
public final class WriteServingState<T> extends PTransform<PCollection<T>, PDone> {
  /**
   * KEYS[1] hash; ARGV[1] event time (ms); ARGV[2] tie-breaker field ('' none); ARGV[3] its new
   * value; ARGV[4] TTL (ms, 0 none); ARGV[5..] field, value, ... Returns 1 written, 0 stale.
   */
  static final String SCRIPT =
      "local stored = redis.call('HMGET', KEYS[1], 'eventTimeMs', ARGV[2] ~= '' and ARGV[2] or 'eventTimeMs')\n"
          + "if stored[1] then\n"
          + "  local t, n = tonumber(stored[1]), tonumber(ARGV[1])\n"
          + "  if t > n or (t == n and ARGV[2] ~= '' and (stored[2] or '') > ARGV[3]) then return 0 end\n"
          + "end\n"
          + "redis.call('DEL', KEYS[1])\n"
          + "local fields = {'eventTimeMs', ARGV[1]}\n"
          + "for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end\n"
          + "redis.call('HSET', KEYS[1], unpack(fields))\n"
          + "if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end\n"
          + "return 1\n";

  private final RedisConnectionConfig config;
  private final @Nullable SerializableFunction<T, String> key;
  private final @Nullable SerializableFunction<T, Map<String, String>> fields;
  private final @Nullable SerializableFunction<T, Instant> eventTime;
  private final String tieBreaker;
  private final Duration ttl;
  private final int batchSize;

  private WriteServingState(
      RedisConnectionConfig config,
      @Nullable SerializableFunction<T, String> key,
      @Nullable SerializableFunction<T, Map<String, String>> fields,
      @Nullable SerializableFunction<T, Instant> eventTime,
      String tieBreaker,
      Duration ttl,
      int batchSize) {
    this.config = config;
    this.key = key;
    this.fields = fields;
    this.eventTime = eventTime;
    this.tieBreaker = tieBreaker;
    this.ttl = ttl;
    this.batchSize = batchSize;
  }

  /** Writes to {@code config}; key, fields and event time must be set; no TTL, batches of 500. */
  public static <T> WriteServingState<T> to(RedisConnectionConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    return new WriteServingState<>(config, null, null, null, "", Duration.ZERO, 500);
  }

  /** The full Redis key of an element (use {@link RedisKeys}). */
  public WriteServingState<T> withKey(SerializableFunction<T, String> keyFn) {
    return new WriteServingState<>(config, keyFn, fields, eventTime, tieBreaker, ttl, batchSize);
  }

  /** The hash fields of an element; null values are left out; {@code eventTimeMs} is reserved. */
  public WriteServingState<T> withFields(SerializableFunction<T, Map<String, String>> fieldsFn) {
    return new WriteServingState<>(config, key, fieldsFn, eventTime, tieBreaker, ttl, batchSize);
  }

  /** The event time of an element: an older one never overwrites a newer one. */
  public WriteServingState<T> withEventTime(SerializableFunction<T, Instant> timeFn) {
    return new WriteServingState<>(config, key, fields, timeFn, tieBreaker, ttl, batchSize);
  }

  /**
   * A field (among those written) that orders two elements of the same event time: the greater
   * value (as text) wins, so the outcome does not depend on arrival order. Without it, the later
   * write of two at the same event time wins.
   */
  public WriteServingState<T> withTieBreaker(String field) {
    if (field == null || field.isEmpty() || field.equals("eventTimeMs")) {
      throw new IllegalArgumentException("tie-breaker must be a written field, got " + field);
    }
    return new WriteServingState<>(config, key, fields, eventTime, field, ttl, batchSize);
  }

  /** How long a key lives after its last write; zero keeps it forever. */
  public WriteServingState<T> withTtl(Duration timeToLive) {
    if (timeToLive == null || timeToLive.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("ttl must be zero (none) or positive, got " + timeToLive);
    }
    return new WriteServingState<>(
        config, key, fields, eventTime, tieBreaker, timeToLive, batchSize);
  }

  /** Writes per pipelined round trip, 1 to 10,000. */
  public WriteServingState<T> withBatchSize(int size) {
    RedisConnectionConfig.range("batchSize", size, 1, 10_000);
    return new WriteServingState<>(config, key, fields, eventTime, tieBreaker, ttl, size);
  }

  @Override
  public PDone expand(PCollection<T> input) {
    if (key == null || fields == null || eventTime == null) {
      throw new IllegalArgumentException(
          "WriteServingState needs withKey, withFields and withEventTime");
    }
    input.apply(
        "WriteHashes",
        ParDo.of(
            new WriteFn<>(config, key, fields, eventTime, tieBreaker, ttl.getMillis(), batchSize)));
    return PDone.in(input.getPipeline());
  }

  static final class WriteFn<T> extends DoFn<T, Void> {
    private final RedisConnectionConfig config;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, Map<String, String>> fields;
    private final SerializableFunction<T, Instant> eventTime;
    private final String tieBreaker;
    private final long ttlMillis;
    private final int batchSize;
    private final Counter written = Metrics.counter("rtp", "redis.serving.written");
    private final Counter stale = Metrics.counter("rtp", "redis.serving.stale");
    private transient RedisClient redis;
    private transient String sha;
    private transient List<List<String>> batch;
    private transient List<String> keys;

    WriteFn(
        RedisConnectionConfig config,
        SerializableFunction<T, String> key,
        SerializableFunction<T, Map<String, String>> fields,
        SerializableFunction<T, Instant> eventTime,
        String tieBreaker,
        long ttlMillis,
        int batchSize) {
      this.config = config;
      this.key = key;
      this.fields = fields;
      this.eventTime = eventTime;
      this.tieBreaker = tieBreaker;
      this.ttlMillis = ttlMillis;
      this.batchSize = batchSize;
    }

    @Setup
    public void setUp() {
      redis = RedisClient.open(config);
    }

    @StartBundle
    public void startBundle() {
      batch = new ArrayList<>();
      keys = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element T element) {
      Map<String, String> values = fields.apply(element);
      List<String> args = new ArrayList<>(5 + 2 * values.size());
      args.add(Long.toString(eventTime.apply(element).getMillis()));
      args.add(tieBreaker);
      args.add(tieBreaker.isEmpty() ? "" : String.valueOf(values.get(tieBreaker)));
      args.add(Long.toString(ttlMillis));
      for (Map.Entry<String, String> f : values.entrySet()) {
        if (f.getValue() != null && !f.getKey().equals("eventTimeMs")) {
          args.add(f.getKey());
          args.add(f.getValue());
        }
      }
      keys.add(key.apply(element));
      batch.add(args);
      if (batch.size() >= batchSize) {
        flush();
      }
    }

    @FinishBundle
    public void finishBundle() {
      flush();
    }

    private void flush() {
      if (batch.isEmpty()) {
        return;
      }
      long[] counts =
          redis.call(
              "writing serving state",
              jedis -> {
                try {
                  return writeAll(jedis);
                } catch (JedisNoScriptException e) {
                  sha = null; // the server restarted and forgot the script
                  return writeAll(jedis);
                }
              });
      written.inc(counts[0]);
      stale.inc(counts[1]);
      batch.clear();
      keys.clear();
    }

    private long[] writeAll(Jedis jedis) {
      if (sha == null) {
        sha = jedis.scriptLoad(SCRIPT);
      }
      Pipeline p = jedis.pipelined();
      List<Response<Object>> results = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        results.add(p.evalsha(sha, List.of(keys.get(i)), batch.get(i)));
      }
      p.sync();
      long[] counts = new long[2];
      for (Response<Object> r : results) {
        counts[((Long) r.get()) == 1L ? 0 : 1]++;
      }
      return counts;
    }

    @Teardown
    public void tearDown() {
      if (redis != null) {
        redis.close();
      }
    }
  }
}
