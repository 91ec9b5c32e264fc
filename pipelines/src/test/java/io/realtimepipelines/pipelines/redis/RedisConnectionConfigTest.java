package io.realtimepipelines.pipelines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisConnectionConfigTest {
  private static RedisOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(RedisOptions.class);
  }

  @Test
  void defaultsAreLocalRedisWithoutPassword() {
    RedisConnectionConfig c = RedisConnectionConfig.from(options());
    assertEquals("127.0.0.1:6379", c.address());
    assertEquals("rtp:", c.keyPrefix());
    assertNull(c.password(Map.<String, String>of()::get));
  }

  @Test
  void passwordComesFromTheNamedEnvironmentVariableWhenConnecting() throws Exception {
    RedisConnectionConfig c =
        RedisConnectionConfig.from(options("--redisPasswordEnv=RTP_TEST_PW", "--redisUser=app"));
    assertEquals("s3cret", c.password(Map.of("RTP_TEST_PW", "s3cret")::get));
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> c.password(Map.<String, String>of()::get));
    assertEquals(
        "--redisPasswordEnv=RTP_TEST_PW: environment variable RTP_TEST_PW is not set"
            + " (or empty) on this worker",
        missing.getMessage());
    // Neither the description nor the serialized form (shipped to workers) holds the password.
    assertFalse(c.toString().contains("s3cret"));
    assertTrue(c.toString().contains("password from environment variable RTP_TEST_PW"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    assertFalse(bytes.toString(StandardCharsets.ISO_8859_1).contains("s3cret"));
  }

  @Test
  void withMethodsChangeTheirOwnSettingsAndTheCopySurvivesSerialization() {
    RedisConnectionConfig env =
        RedisConnectionConfig.local(6380)
            .withUser("app")
            .withPasswordEnv("RTP_TEST_PW")
            .withKeyPrefix("t:")
            .withRetries(3, 10, 100)
            .withTimeoutMillis(500);
    RedisConnectionConfig file = env.withPasswordFile("/run/pw");
    assertEquals("password from environment variable RTP_TEST_PW", env.passwordSource());
    assertEquals("password from file /run/pw", file.passwordSource());
    assertEquals(
        "password from environment variable X", file.withPasswordEnv("X").passwordSource());
    assertEquals(
        "Redis 127.0.0.1:6380 user app, password from file /run/pw, key prefix 't:'",
        file.toString());
    assertEquals(3, file.maxAttempts());
    assertEquals(10, file.backoffMillis());
    assertEquals(100, file.maxBackoffMillis());
    assertEquals(500, env.clientConfig(Map.of("RTP_TEST_PW", "pw")::get).getSocketTimeoutMillis());
    assertEquals(file, SerializableUtils.clone(file));
  }

  @Test
  void passwordComesFromTheFirstLineOfTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "from-file\n");
    RedisConnectionConfig c = RedisConnectionConfig.from(options("--redisPasswordFile=" + file));
    assertEquals("from-file", c.password(Map.<String, String>of()::get));
    RedisConnectionConfig missing =
        RedisConnectionConfig.from(options("--redisPasswordFile=" + dir.resolve("nope")));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> missing.password(Map.<String, String>of()::get));
    assertTrue(
        e.getMessage()
            .startsWith("--redisPasswordFile=" + dir.resolve("nope") + " cannot be read"));
  }

  @Test
  void badOptionsAreRejectedNamingTheOption() {
    assertEquals(
        "give the Redis password by --redisPasswordEnv or by --redisPasswordFile, not both",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RedisConnectionConfig.from(
                        options("--redisPasswordEnv=A", "--redisPasswordFile=/b")))
            .getMessage());
    assertEquals(
        "--redisMaxAttempts must be between 1 and 100, got 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> RedisConnectionConfig.from(options("--redisMaxAttempts=0")))
            .getMessage());
    assertEquals(
        "--redisUser=app needs a password: add --redisPasswordEnv=<VARIABLE> or"
            + " --redisPasswordFile=<file>",
        assertThrows(
                IllegalArgumentException.class,
                () -> RedisConnectionConfig.from(options("--redisUser=app")))
            .getMessage());
  }
}
