package io.realtimepipelines.pipelines.redis;

import com.google.auto.value.AutoValue;
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
@AutoValue
public abstract class RedisConnectionConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Host name or address. */
  public abstract String host();

  /** TCP port, 1 to 65,535. */
  public abstract int port();

  /** ACL user name, or null for the default user. */
  abstract @Nullable String user();

  /** Name of the environment variable that holds the password, or null. */
  abstract @Nullable String passwordEnv();

  /** File whose first line is the password, or null. */
  abstract @Nullable String passwordFile();

  /** Whether to connect with TLS. */
  abstract boolean tls();

  /** Connect and socket timeout, milliseconds, 1 to 60,000. */
  abstract int timeoutMillis();

  /** Prefix of every key written or read. */
  public abstract String keyPrefix();

  /** Attempts per batch, 1 to 100. */
  public abstract int maxAttempts();

  /** First wait between two attempts, milliseconds. */
  public abstract long backoffMillis();

  /** Longest wait between two attempts, milliseconds. */
  public abstract long maxBackoffMillis();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setHost(String host);

    abstract Builder setPort(int port);

    abstract Builder setUser(@Nullable String user);

    abstract Builder setPasswordEnv(@Nullable String passwordEnv);

    abstract Builder setPasswordFile(@Nullable String passwordFile);

    abstract Builder setTls(boolean tls);

    abstract Builder setTimeoutMillis(int timeoutMillis);

    abstract Builder setKeyPrefix(String keyPrefix);

    abstract Builder setMaxAttempts(int maxAttempts);

    abstract Builder setBackoffMillis(long backoffMillis);

    abstract Builder setMaxBackoffMillis(long maxBackoffMillis);

    abstract RedisConnectionConfig build();
  }

  /** Local Redis on 127.0.0.1:{@code port}, no password, defaults of {@link RedisOptions}. */
  public static RedisConnectionConfig local(int port) {
    return new AutoValue_RedisConnectionConfig.Builder()
        .setHost("127.0.0.1")
        .setPort(port)
        .setTls(false)
        .setTimeoutMillis(2000)
        .setKeyPrefix("rtp:")
        .setMaxAttempts(8)
        .setBackoffMillis(200)
        .setMaxBackoffMillis(5000)
        .build();
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
    return new AutoValue_RedisConnectionConfig.Builder()
        .setHost(o.getRedisHost())
        .setPort(o.getRedisPort())
        .setUser(o.getRedisUser())
        .setPasswordEnv(o.getRedisPasswordEnv())
        .setPasswordFile(o.getRedisPasswordFile())
        .setTls(o.getRedisTls())
        .setTimeoutMillis(o.getRedisTimeoutMillis())
        .setKeyPrefix(o.getRedisKeyPrefix())
        .setMaxAttempts(o.getRedisMaxAttempts())
        .setBackoffMillis(o.getRedisBackoffMillis())
        .setMaxBackoffMillis(o.getRedisMaxBackoffMillis())
        .build()
        .checked();
  }

  private RedisConnectionConfig checked() {
    range("--redisPort", port(), 1, 65_535);
    range("--redisTimeoutMillis", timeoutMillis(), 1, 60_000);
    range("--redisMaxAttempts", maxAttempts(), 1, 100);
    range("--redisBackoffMillis", backoffMillis(), 0, 600_000);
    range("--redisMaxBackoffMillis", maxBackoffMillis(), backoffMillis(), 600_000);
    return this;
  }

  static void range(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  public RedisConnectionConfig withPasswordEnv(String variable) {
    return toBuilder().setPasswordEnv(variable).setPasswordFile(null).build();
  }

  public RedisConnectionConfig withPasswordFile(String file) {
    return toBuilder().setPasswordEnv(null).setPasswordFile(file).build();
  }

  public RedisConnectionConfig withUser(String name) {
    return toBuilder().setUser(name).build();
  }

  public RedisConnectionConfig withKeyPrefix(String prefix) {
    return toBuilder().setKeyPrefix(prefix).build();
  }

  /** Attempts per batch and the first and longest wait between two, in milliseconds. */
  public RedisConnectionConfig withRetries(int attempts, long firstBackoffMillis, long maxBackoff) {
    return toBuilder()
        .setMaxAttempts(attempts)
        .setBackoffMillis(firstBackoffMillis)
        .setMaxBackoffMillis(maxBackoff)
        .build()
        .checked();
  }

  public RedisConnectionConfig withTimeoutMillis(int millis) {
    return toBuilder().setTimeoutMillis(millis).build().checked();
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return host() + ":" + port();
  }

  /** The key layout under this configuration's prefix. */
  public RedisKeys keys() {
    return new RedisKeys(keyPrefix());
  }

  /** Where the password comes from, for messages: never the password. */
  String passwordSource() {
    if (passwordEnv() != null) {
      return "password from environment variable " + passwordEnv();
    }
    return passwordFile() != null ? "password from file " + passwordFile() : "no password";
  }

  /** Jedis settings, with the password read now from the environment or the file. */
  JedisClientConfig clientConfig() {
    return clientConfig(System::getenv);
  }

  JedisClientConfig clientConfig(Function<String, String> environment) {
    DefaultJedisClientConfig.Builder b =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMillis())
            .socketTimeoutMillis(timeoutMillis())
            .ssl(tls());
    String password = password(environment);
    if (password != null) {
      b.password(password);
      if (user() != null) {
        b.user(user());
      }
    }
    return b.build();
  }

  /** The password, read from where the configuration says; null when there is none. */
  @Nullable String password(Function<String, String> environment) {
    if (passwordEnv() != null) {
      String value = environment.apply(passwordEnv());
      if (value == null || value.isEmpty()) {
        throw new IllegalStateException(
            "--redisPasswordEnv="
                + passwordEnv()
                + ": environment variable "
                + passwordEnv()
                + " is not set (or empty) on this worker");
      }
      return value;
    }
    if (passwordFile() != null) {
      try {
        String text = Files.readString(Path.of(passwordFile()), StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElse("");
        if (first.isEmpty()) {
          throw new IllegalStateException(
              "--redisPasswordFile=" + passwordFile() + ": the file's first line is empty");
        }
        return first;
      } catch (IOException e) {
        throw new IllegalStateException(
            "--redisPasswordFile=" + passwordFile() + " cannot be read on this worker: " + e, e);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "Redis "
        + address()
        + (tls() ? " (TLS)" : "")
        + (user() != null ? " user " + user() : "")
        + ", "
        + passwordSource()
        + ", key prefix '"
        + keyPrefix()
        + "'";
  }
}
