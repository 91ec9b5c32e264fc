package io.realtimepipelines.pipelines.redis;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where Redis is and how to talk to it, for the jobs that write serving state to it or look up
 * blocklists, profiles and the catalogue in it. The password is never an option value: name an
 * environment variable or a file that the workers read.
 */
public interface RedisOptions extends PipelineOptions {
  @Description("Redis host.")
  @Default.String("127.0.0.1")
  String getRedisHost();

  void setRedisHost(String value);

  @Description("Redis port.")
  @Default.Integer(6379)
  int getRedisPort();

  void setRedisPort(int value);

  @Description(
      "Redis ACL user; none uses the default user (with --redisPasswordEnv/File: AUTH <password>).")
  String getRedisUser();

  void setRedisUser(String value);

  @Description(
      "Name of the environment variable that holds the Redis password on every worker (e.g."
          + " REDIS_PASSWORD). The password itself never goes on the command line.")
  String getRedisPasswordEnv();

  void setRedisPasswordEnv(String value);

  @Description("File that holds the Redis password (first line), readable on every worker.")
  String getRedisPasswordFile();

  void setRedisPasswordFile(String value);

  @Description("Connect with TLS (trusting the JVM's trust store, javax.net.ssl.trustStore).")
  @Default.Boolean(false)
  boolean getRedisTls();

  void setRedisTls(boolean value);

  @Description("Connect and read timeout of one Redis call, in milliseconds (1-60000).")
  @Default.Integer(2000)
  int getRedisTimeoutMillis();

  void setRedisTimeoutMillis(int value);

  @Description("Prefix of every key the jobs read and write.")
  @Default.String("rtp:")
  String getRedisKeyPrefix();

  void setRedisKeyPrefix(String value);

  @Description(
      "Attempts of one batch of Redis calls before the job fails (1-100); between attempts the"
          + " client waits --redisBackoffMillis, doubling up to --redisMaxBackoffMillis.")
  @Default.Integer(8)
  int getRedisMaxAttempts();

  void setRedisMaxAttempts(int value);

  @Description("First wait between two attempts, in milliseconds.")
  @Default.Long(200)
  long getRedisBackoffMillis();

  void setRedisBackoffMillis(long value);

  @Description("Longest wait between two attempts, in milliseconds.")
  @Default.Long(5000)
  long getRedisMaxBackoffMillis();

  void setRedisMaxBackoffMillis(long value);

  @Description(
      "Write serving state to Redis: fraud writes the latest decision per account, pricing the"
          + " current price per product, monitor each series' latest window and alert states (hashes,"
          + " see the README).")
  @Default.Boolean(false)
  boolean getRedisServing();

  void setRedisServing(boolean value);

  @Description("Seconds a serving key lives after its last write; 0 keeps it forever.")
  @Default.Long(604_800)
  long getRedisServingTtlSeconds();

  void setRedisServingTtlSeconds(long value);

  @Description("Elements per pipelined Redis round trip (lookups and serving writes), 1-10000.")
  @Default.Integer(500)
  int getRedisBatchSize();

  void setRedisBatchSize(int value);

  @Description(
      "Seconds a looked-up value stays in each worker's local cache; 0 disables the cache.")
  @Default.Long(30)
  long getRedisLookupCacheSeconds();

  void setRedisLookupCacheSeconds(long value);

  @Description("Values each worker's local lookup cache holds at most; 0 disables the cache.")
  @Default.Integer(100_000)
  int getRedisLookupCacheSize();

  void setRedisLookupCacheSize(int value);
}
