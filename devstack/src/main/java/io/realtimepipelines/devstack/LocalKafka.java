package io.realtimepipelines.devstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker (KRaft, one combined broker and controller) inside this JVM, started from
 * Maven artifacts (Kafka's own test kit): listens on 127.0.0.1 only, keeps its logs in a temporary
 * folder that {@link #close()} deletes. Starts in about 5 seconds.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start(0)) {
 *   kafka.createTopic("transactions", 2);
 *   ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;

  private LocalKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
    this.cluster = cluster;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts a broker on 127.0.0.1:{@code port} (0: a free port). */
  public static LocalKafka start(int port) throws Exception {
    return start(port, Map.of());
  }

  /** As {@link #start(int)}, with extra broker settings (e.g. auto.create.topics.enable). */
  public static LocalKafka start(int port, Map<String, String> brokerConfig) throws Exception {
    Map<String, String> node = new HashMap<>();
    node.put("listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:0");
    node.put("advertised.listeners", "EXTERNAL://127.0.0.1:" + port);
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
            .setPerServerProperties(Map.of(0, port == 0 ? Map.of() : node))
            .build();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    // One node: internal topics with one replica, transactions (exactly-once) included.
    builder.setConfigProp("offsets.topic.replication.factor", "1");
    builder.setConfigProp("offsets.topic.num.partitions", "4");
    builder.setConfigProp("transaction.state.log.replication.factor", "1");
    builder.setConfigProp("transaction.state.log.min.isr", "1");
    builder.setConfigProp("transaction.state.log.num.partitions", "4");
    builder.setConfigProp("group.initial.rebalance.delay.ms", "0");
    builder.setConfigProp("auto.create.topics.enable", "false");
    builder.setConfigProp("num.partitions", "2");
    brokerConfig.forEach(builder::setConfigProp);
    KafkaClusterTestKit cluster = builder.build();
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    Properties client = cluster.clientProperties();
    String servers = client.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    if (!servers.startsWith("127.0.0.1:") && !servers.startsWith("localhost:")) {
      cluster.close();
      throw new IllegalStateException("broker is not on loopback: " + servers);
    }
    return new LocalKafka(cluster, servers.replace("localhost:", "127.0.0.1:"));
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates {@code topic} with {@code partitions} partitions unless it exists. */
  public void createTopic(String topic, int partitions) throws Exception {
    createTopics(List.of(topic), partitions);
  }

  /** Creates the topics that do not exist yet. */
  public void createTopics(Collection<String> topics, int partitions) throws Exception {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String t : topics) {
        if (!existing.contains(t)) {
          missing.add(new NewTopic(t, partitions, (short) 1));
        }
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /** An admin client of this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
