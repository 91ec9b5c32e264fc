package io.realtimepipelines.pipelines.redis;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;

/**
 * How to reach Redis, resolved from {@link RedisOptions} on the launcher and shipped to the
 * workers. It holds where the password is (an environment variable's name or a file), never the
 * password: the worker reads it when it connects, so it appears in no serialized pipeline and no
 * log. {@link #toString()} says where the password comes from, not what it is.
 */
public final class RedisConnectionConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final int port;
  private final @Nullable String user;
  private final @Nullable String passwordEnv;
  private final @Nullable String passwordFile;
  private final boolean tls;
  private final int timeoutMillis;
  private final String keyPrefix;
  private final int maxAttempts;
  private final long backoffMillis;
  private final long maxBackoffMillis;

  private RedisConnectionConfig(
      String host,
      int port,
      @Nullable String user,
      @Nullable String passwordEnv,
      @Nullable String passwordFile,
      boolean tls,
      int timeoutMillis,
      String keyPrefix,
      int maxAttempts,
      long backoffMillis,
      long maxBackoffMillis) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.passwordEnv = passwordEnv;
    this.passwordFile = passwordFile;
    this.tls = tls;
    this.timeoutMillis = timeoutMillis;
    this.keyPrefix = keyPrefix;
    this.maxAttempts = maxAttempts;
    this.backoffMillis = backoffMillis;
    this.maxBackoffMillis = maxBackoffMillis;
  }

  /** Local Redis on 127.0.0.1:{@code port}, no password, defaults of {@link RedisOptions}. */
  public static RedisConnectionConfig local(int port) {
    return new RedisConnectionConfig(
        "127.0.0.1", port, null, null, null, false, 2000, "rtp:", 8, 200, 5000);
  }

  /**
   * The configuration the options ask for.
   *
   * @throws IllegalArgumentException naming the option, the value and the allowed range
   */
  public static RedisConnectionConfig from(RedisOptions o) {
    if (o.getRedisHost() == null || o.getRedisHost().isBlank()) {
      throw new IllegalArgumentException("--redisHost must not be empty");
    }
    if (o.getRedisPasswordEnv() != null && o.getRedisPasswordFile() != null) {
      throw new IllegalArgumentException(
          "give the Redis password by --redisPasswordEnv or by --redisPasswordFile, not both");
    }
    if (o.getRedisUser() != null
        && o.getRedisPasswordEnv() == null
        && o.getRedisPasswordFile() == null) {
      throw new IllegalArgumentException(
          "--redisUser="
              + o.getRedisUser()
              + " needs a password: add --redisPasswordEnv=<VARIABLE>"
              + " or --redisPasswordFile=<file>");
    }
    if (o.getRedisKeyPrefix() == null) {
      throw new IllegalArgumentException("--redisKeyPrefix must not be null (use '' for none)");
    }
    return new RedisConnectionConfig(
            o.getRedisHost(),
            o.getRedisPort(),
            o.getRedisUser(),
            o.getRedisPasswordEnv(),
            o.getRedisPasswordFile(),
            o.getRedisTls(),
            o.getRedisTimeoutMillis(),
            o.getRedisKeyPrefix(),
            o.getRedisMaxAttempts(),
            o.getRedisBackoffMillis(),
            o.getRedisMaxBackoffMillis())
        .checked();
  }

  private RedisConnectionConfig checked() {
    range("--redisPort", port, 1, 65_535);
    range("--redisTimeoutMillis", timeoutMillis, 1, 60_000);
    range("--redisMaxAttempts", maxAttempts, 1, 100);
    range("--redisBackoffMillis", backoffMillis, 0, 600_000);
    range("--redisMaxBackoffMillis", maxBackoffMillis, backoffMillis, 600_000);
    return this;
  }

  static void range(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  public RedisConnectionConfig withPasswordEnv(String variable) {
    return new RedisConnectionConfig(
        host,
        port,
        user,
        variable,
        null,
        tls,
        timeoutMillis,
        keyPrefix,
        maxAttempts,
        backoffMillis,
        maxBackoffMillis);
  }

  public RedisConnectionConfig withPasswordFile(String file) {
    return new RedisConnectionConfig(
        host,
        port,
        user,
        null,
        file,
        tls,
        timeoutMillis,
        keyPrefix,
        maxAttempts,
        backoffMillis,
        maxBackoffMillis);
  }

  public RedisConnectionConfig withUser(String name) {
    return new RedisConnectionConfig(
        host,
        port,
        name,
        passwordEnv,
        passwordFile,
        tls,
        timeoutMillis,
        keyPrefix,
        maxAttempts,
        backoffMillis,
        maxBackoffMillis);
  }

  public RedisConnectionConfig withKeyPrefix(String prefix) {
    return new RedisConnectionConfig(
        host,
        port,
        user,
        passwordEnv,
        passwordFile,
        tls,
        timeoutMillis,
        prefix,
        maxAttempts,
        backoffMillis,
        maxBackoffMillis);
  }

  /** Attempts per batch and the first and longest wait between two, in milliseconds. */
  public RedisConnectionConfig withRetries(int attempts, long firstBackoffMillis, long maxBackoff) {
    return new RedisConnectionConfig(
            host,
            port,
            user,
            passwordEnv,
            passwordFile,
            tls,
            timeoutMillis,
            keyPrefix,
            attempts,
            firstBackoffMillis,
            maxBackoff)
        .checked();
  }

  public RedisConnectionConfig withTimeoutMillis(int millis) {
    return new RedisConnectionConfig(
            host,
            port,
            user,
            passwordEnv,
            passwordFile,
            tls,
            millis,
            keyPrefix,
            maxAttempts,
            backoffMillis,
            maxBackoffMillis)
        .checked();
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return host + ":" + port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public long backoffMillis() {
    return backoffMillis;
  }

  public long maxBackoffMillis() {
    return maxBackoffMillis;
  }

  /** The key layout under this configuration's prefix. */
  public RedisKeys keys() {
    return new RedisKeys(keyPrefix);
  }

  /** Where the password comes from, for messages: never the password. */
  String passwordSource() {
    if (passwordEnv != null) {
      return "password from environment variable " + passwordEnv;
    }
    return passwordFile != null ? "password from file " + passwordFile : "no password";
  }

  /** Jedis settings, with the password read now from the environment or the file. */
  JedisClientConfig clientConfig() {
    return clientConfig(System::getenv);
  }

  JedisClientConfig clientConfig(Function<String, String> environment) {
    DefaultJedisClientConfig.Builder b =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMillis)
            .socketTimeoutMillis(timeoutMillis)
            .ssl(tls);
    String password = password(environment);
    if (password != null) {
      b.password(password);
      if (user != null) {
        b.user(user);
      }
    }
    return b.build();
  }

  /** The password, read from where the configuration says; null when there is none. */
  @Nullable String password(Function<String, String> environment) {
    if (passwordEnv != null) {
      String value = environment.apply(passwordEnv);
      if (value == null || value.isEmpty()) {
        throw new IllegalStateException(
            "--redisPasswordEnv="
                + passwordEnv
                + ": environment variable "
                + passwordEnv
                + " is not set (or empty) on this worker");
      }
      return value;
    }
    if (passwordFile != null) {
      try {
        String text = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElse("");
        if (first.isEmpty()) {
          throw new IllegalStateException(
              "--redisPasswordFile=" + passwordFile + ": the file's first line is empty");
        }
        return first;
      } catch (IOException e) {
        throw new IllegalStateException(
            "--redisPasswordFile=" + passwordFile + " cannot be read on this worker: " + e, e);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "Redis "
        + address()
        + (tls ? " (TLS)" : "")
        + (user != null ? " user " + user : "")
        + ", "
        + passwordSource()
        + ", key prefix '"
        + keyPrefix
        + "'";
  }
}
