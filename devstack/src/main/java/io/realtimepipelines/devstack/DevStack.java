package io.realtimepipelines.devstack;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local dev stack: a Kafka broker (KRaft, in this JVM, from the project's own dependencies) and
 * Redis, both on 127.0.0.1, with the topics of every job created. Runs until stopped (SIGTERM or
 * Ctrl-C), then stops everything it started: the broker, its files, and the redis-server unless one
 * was already running before. Started by {@code scripts/dev-stack}.
 *
 * <pre>
 * DevStack [--kafkaPort=9092] [--redisPort=6379] [--partitions=2]
 * </pre>
 */
public final class DevStack {
  /** Input topics of the jobs (see pipelines' KafkaTopics) and the jobs' output topics. */
  static final List<String> TOPICS = topics();

  private DevStack() {}

  private static List<String> topics() {
    List<String> t =
        new ArrayList<>(
            List.of(
                "transactions",
                "fraud-feedback",
                "clicks",
                "inventory",
                "competitor-prices",
                "vitals"));
    for (String o : List.of("decisions", "alerts", "late", "dead-letters", "duplicates")) {
      t.add("fraud." + o);
    }
    for (String o : List.of("price-updates", "late", "unpriced", "dead-letters", "duplicates")) {
      t.add("pricing." + o);
    }
    for (String o : List.of("valid", "dead-letters", "duplicates")) {
      t.add("validate." + o);
    }
    return t;
  }

  public static void main(String[] args) throws Exception {
    int kafkaPort = 9092;
    int redisPort = LocalRedis.DEFAULT_PORT;
    int partitions = 2;
    for (String a : args) {
      if (a.startsWith("--kafkaPort=")) {
        kafkaPort = Integer.parseInt(a.substring(12));
      } else if (a.startsWith("--redisPort=")) {
        redisPort = Integer.parseInt(a.substring(12));
      } else if (a.startsWith("--partitions=")) {
        partitions = Integer.parseInt(a.substring(13));
      } else {
        System.err.println(
            "usage: DevStack [--kafkaPort=9092] [--redisPort=6379] [--partitions=2]");
        System.exit(2);
      }
    }
    PrintStream out = System.out;
    LocalRedis redis = LocalRedis.onPort(redisPort);
    LocalKafka kafka;
    try {
      // Topics named by --outputTopicPrefix are created on first use in the dev stack.
      kafka = LocalKafka.start(kafkaPort, Map.of("auto.create.topics.enable", "true"));
    } catch (Exception e) {
      redis.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("dev stack: stopping");
                  try {
                    kafka.close();
                  } catch (Exception e) {
                    System.err.println("dev stack: Kafka did not stop cleanly: " + e);
                  }
                  redis.close();
                  out.println("dev stack: stopped");
                  out.flush();
                  stopped.countDown();
                },
                "dev-stack-shutdown"));
    kafka.createTopics(TOPICS, partitions);
    out.println(
        "READY kafka="
            + kafka.bootstrapServers()
            + " redis="
            + redis.host()
            + ":"
            + redis.port()
            + (redis.isOwn() ? "" : " (already running, left as it is)"));
    out.println("topics (" + partitions + " partitions each): " + String.join(", ", TOPICS));
    out.flush();
    stopped.await();
  }
}
