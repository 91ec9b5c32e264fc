package io.realtimepipelines.devstack.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.devstack.LocalRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

class LocalRedisTest {
  @Test
  void sharedRedisAnswersAndDeleteKeysRemovesOnlyThePrefixGiven() {
    String mine = LocalRedis.uniquePrefix();
    String other = LocalRedis.uniquePrefix();
    try (LocalRedis redis = LocalRedis.shared();
        Jedis j = redis.client()) {
      assertEquals("PONG", j.ping());
      j.set(mine + "a", "1");
      j.hset(mine + "b", "f", "v");
      j.set(other + "a", "2");
      assertEquals(2, redis.deleteKeys(mine));
      assertFalse(j.exists(mine + "a"));
      assertEquals("2", j.get(other + "a"));
      redis.deleteKeys(other);
      assertThrows(IllegalArgumentException.class, () -> redis.deleteKeys(""));
    }
  }

  @Test
  void ownServerKeepsItsDataAcrossStopAndRestartOnTheSamePort() {
    try (LocalRedis redis = LocalRedis.startOwn()) {
      assertTrue(redis.isOwn());
      assertTrue(redis.port() != LocalRedis.DEFAULT_PORT);
      try (Jedis j = redis.client()) {
        j.set("k", "v");
      }
      redis.stop();
      assertThrows(
          RuntimeException.class,
          () -> {
            try (Jedis j = redis.client()) {
              j.ping();
            }
          });
      redis.restart();
      try (Jedis j = redis.client()) {
        assertEquals("v", j.get("k"));
      }
    }
  }

  @Test
  void serverWithPasswordRefusesClientsWithoutIt() {
    try (LocalRedis redis = LocalRedis.startOwnWithPassword("pw-123");
        Jedis anonymous = new Jedis(new HostAndPort(redis.host(), redis.port()));
        Jedis authenticated = redis.client()) {
      assertThrows(JedisDataException.class, anonymous::ping);
      assertEquals("PONG", authenticated.ping());
    }
  }
}
