package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Flink session cluster ({@code scripts/flink-cluster}: a JobManager and two TaskManagers
 * with two slots each, separate processes on 127.0.0.1), and the bundled jar submitted to it the
 * ways users do: Flink's own CLI front end ({@code flink run}, {@code list}) and Beam's {@code
 * --flinkMaster}. Every output must equal the embedded Flink run's over the same files, record for
 * record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  static Path work;
  static Path clusterDir;
  static int restPort;
  static Path input;

  @BeforeAll
  static void startCluster() throws Exception {
    Clusters.bundledJar();
    work = Clusters.freshDir("flink-cluster-it");
    clusterDir = work.resolve("cluster");
    restPort = Clusters.freePort();
    Clusters.Ran started =
        Clusters.run(
                List.of(
                    Clusters.repoRoot().resolve("scripts/flink-cluster").toString(),
                    "start",
                    "--dir=" + clusterDir,
                    "--restPort=" + restPort,
                    "--rpcPort=" + Clusters.freePort()),
                work,
                work.resolve("cluster-start.log"),
                Duration.ofMinutes(5))
            .assertOk("flink-cluster start");
    System.out.println(
        "flink-cluster started in " + Clusters.readyMillis(started.output()) + " ms");
    JsonNode overview = Clusters.getJson(rest("/overview"));
    assertEquals(2, overview.get("taskmanagers").asInt(), overview.toString());
    assertEquals(4, overview.get("slots-total").asInt(), overview.toString());
    input = Clusters.transactionFiles(work.resolve("input"), 3_000);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (clusterDir != null) {
      Clusters.run(
          List.of(
              Clusters.repoRoot().resolve("scripts/flink-cluster").toString(),
              "stop",
              "--dir=" + clusterDir),
          work,
          work.resolve("cluster-stop.log"),
          Duration.ofMinutes(2));
    }
  }

  static String rest(String path) {
    return "http://127.0.0.1:" + restPort + path;
  }

  static List<String> jar(String job, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Clusters.java(),
                "-Xmx1g",
                "-Djava.io.tmpdir=" + work,
                "-jar",
                Clusters.bundledJar().toString(),
                job));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static List<String> flinkCli(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Clusters.repoRoot().resolve("scripts/flink-cluster").toString(),
                "flink",
                "--dir=" + clusterDir));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The same job on embedded Flink (a MiniCluster in the launcher's JVM): the reference. */
  static Map<String, List<String>> embedded(String job) throws Exception {
    Path out = work.resolve("embedded-" + job);
    Clusters.run(
            jar(
                job,
                "--runner=FlinkRunner",
                "--parallelism=2",
                "--input=" + input + "/*.jsonl",
                "--outputDir=" + out),
            work,
            work.resolve("embedded-" + job + ".log"),
            JOB_TIMEOUT)
        .assertOk("embedded " + job);
    return Clusters.outputs(out, job);
  }

  static int finishedJobs() throws Exception {
    int n = 0;
    for (JsonNode j : Clusters.getJson(rest("/jobs/overview")).get("jobs")) {
      if (j.get("state").asText().equals("FINISHED")) {
        n++;
      }
    }
    return n;
  }

  @Test
  @Order(1)
  void validateThroughFlinksCliEqualsTheEmbeddedRun() throws Exception {
    int finishedBefore = finishedJobs();
    Path out = work.resolve("cli-validate");
    Clusters.Ran ran =
        Clusters.run(
                flinkCli(
                    "run",
                    Clusters.bundledJar().toString(),
                    "validate",
                    "--runner=FlinkRunner",
                    "--input=" + input + "/*.jsonl",
                    "--outputDir=" + out),
                work,
                work.resolve("cli-validate.log"),
                JOB_TIMEOUT)
            .assertOk("flink run validate");
    assertTrue(ran.output().contains("read = valid + dead letters + duplicates: ok"), ran.tail());
    assertEquals(finishedBefore + 1, finishedJobs(), "the job ran on the session cluster");
    Clusters.Ran list =
        Clusters.run(
                flinkCli("list", "-a"), work, work.resolve("cli-list.log"), Duration.ofMinutes(1))
            .assertOk("flink list -a");
    assertTrue(list.output().contains("(FINISHED)"), list.tail());

    Map<String, List<String>> cluster = Clusters.outputs(out, "validate");
    Map<String, List<String>> reference = embedded("validate");
    assertEquals(
        Clusters.lines(input),
        Clusters.total(cluster, "valid", "dead-letters", "duplicates"),
        "every input line in exactly one output");
    assertEquals(reference.keySet(), cluster.keySet());
    for (String name : reference.keySet()) {
      assertEquals(reference.get(name), cluster.get(name), "validate/" + name);
    }
    System.out.printf(
        "flink cluster (CLI) validate: %d lines = %d valid + %d dead letters + %d"
            + " duplicates, identical to embedded%n",
        Clusters.lines(input),
        cluster.get("valid").size(),
        cluster.get("dead-letters").size(),
        cluster.get("duplicates").size());
  }

  @Test
  @Order(2)
  void fraudThroughFlinkMasterEqualsTheEmbeddedRun() throws Exception {
    int finishedBefore = finishedJobs();
    Path out = work.resolve("master-fraud");
    Clusters.Ran ran =
        Clusters.run(
                jar(
                    "fraud",
                    "--runner=FlinkRunner",
                    "--flinkMaster=127.0.0.1:" + restPort,
                    "--filesToStage=" + Clusters.bundledJar(),
                    "--parallelism=4",
                    "--input=" + input + "/*.jsonl",
                    "--outputDir=" + out,
                    "--topAlerts=0"),
                work,
                work.resolve("master-fraud.log"),
                JOB_TIMEOUT)
            .assertOk("fraud --flinkMaster");
    assertTrue(ran.output().contains("scored = decisions + late: ok"), ran.tail());
    assertEquals(finishedBefore + 1, finishedJobs(), "the job ran on the session cluster");

    Map<String, List<String>> cluster = Clusters.outputs(out, "fraud");
    Map<String, List<String>> reference = embedded("fraud");
    assertEquals(
        Clusters.lines(input),
        Clusters.total(cluster, "decisions", "late", "dead-letters", "duplicates"),
        "every input line in exactly one output");
    assertTrue(
        cluster.get("decisions").size() > 2_500, "decisions: " + cluster.get("decisions").size());
    assertEquals(reference.keySet(), cluster.keySet());
    for (String name : reference.keySet()) {
      assertEquals(reference.get(name), cluster.get(name), "fraud/" + name);
    }
    System.out.printf(
        "flink cluster (--flinkMaster) fraud: %d decisions %s, %d alerts, identical to"
            + " embedded%n",
        cluster.get("decisions").size(),
        Clusters.actions(cluster.get("decisions")),
        cluster.get("alerts").size());
  }

  /**
   * The upgrade procedure: a live {@code fraud} job from Kafka on the cluster, with checkpoints,
   * stopped with a savepoint through Flink's CLI ({@code flink stop --savepointPath}) and started
   * again from it with another rules file and another copy of the jar. Nothing is lost, nothing is
   * decided twice differently, each decision equals the reference model under the rules version it
   * names, and a card-testing pattern begun before the savepoint (three tiny payments, decided by
   * the first job) is completed after it (the large payment, decided by the second job): the keyed
   * state crossed the upgrade.
   */
  @Test
  @Order(3)
  void liveFraudStoppedWithASavepointResumesWithNewRulesAndKeepsItsState() throws Exception {
    Path dir = Files.createDirectories(work.resolve("upgrade"));
    FraudRules v1 = rulesFile(dir.resolve("rules-v1.json"), "cluster-v1", 220);
    FraudRules v2 = rulesFile(dir.resolve("rules-v2.json"), "cluster-v2", 150);
    try (LocalKafka kafka = LocalKafka.start(0)) {
      kafka.createTopic("txns", 2);
      // The broker creates no topic on first use: every output the job writes.
      kafka.createTopics(
          List.of(
              "up.fraud.decisions",
              "up.fraud.alerts",
              "up.fraud.late",
              "up.fraud.dead-letters",
              "up.fraud.duplicates"),
          2);
      Live live = new Live(kafka.bootstrapServers(), dir);

      Process first =
          live.start(Clusters.bundledJar(), dir.resolve("rules-v1.json"), null, "first");
      Path savepoint;
      try {
        String jobId = awaitRunningJob(first);
        live.produce(1_500, 150, "pre");
        live.send(cardTesting("upgrade-tiny-", 3, 1.00));
        live.awaitDecided(live.sentIds(), Duration.ofMinutes(3));
        awaitCheckpoint(jobId);
        assertTrue(hasCheckpoint(dir.resolve("state")), "checkpoints written to --stateDir");

        Clusters.Ran listed =
            Clusters.run(
                    flinkCli("list", "-r"), work, dir.resolve("list.log"), Duration.ofMinutes(2))
                .assertOk("flink list -r");
        assertTrue(listed.output().contains(jobId + " : "), listed.tail());
        Clusters.Ran stopped =
            Clusters.run(
                    flinkCli(
                        "stop", "--savepointPath", dir.resolve("savepoints").toString(), jobId),
                    work,
                    dir.resolve("stop.log"),
                    Duration.ofMinutes(3))
                .assertOk("flink stop --savepointPath");
        Matcher path =
            Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(stopped.output());
        assertTrue(path.find(), stopped.tail());
        savepoint = Paths.get(java.net.URI.create(path.group(1)));
        assertTrue(Files.isRegularFile(savepoint.resolve("_metadata")), "savepoint " + savepoint);
        assertTrue(
            first.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "the first client returned");
      } finally {
        first.destroyForcibly().waitFor();
      }
      long decidedBefore = live.decisions().size();

      // The upgrade: another build of the jar (here a copy of this build) and new rules.
      Path newJar =
          Files.createDirectories(dir.resolve("new-build")).resolve("pipelines-bundled.jar");
      Files.copy(Clusters.bundledJar(), newJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Process second = live.start(newJar, dir.resolve("rules-v2.json"), savepoint, "second");
      try {
        String secondJob = awaitRunningJob(second);
        live.produce(1_500, 150, "post");
        live.send(cardTesting("upgrade-large-", 1, 900.00));
        live.awaitDecided(live.sentIds(), Duration.ofMinutes(4));
        Clusters.run(
                flinkCli("cancel", secondJob),
                work,
                dir.resolve("cancel.log"),
                Duration.ofMinutes(2))
            .assertOk("flink cancel");
      } finally {
        second.destroy();
        second.waitFor(1, java.util.concurrent.TimeUnit.MINUTES);
        second.destroyForcibly();
      }

      // Accounting and equality with the model under each decision's rules version.
      Set<String> late = live.keys("fraud.late");
      List<Transaction> onTime = new ArrayList<>();
      for (Transaction t : KafkaFraudJobTest.validUnique(live.sent)) {
        if (!late.contains(t.getTxnId())) {
          onTime.add(t);
        }
      }
      Map<String, Map<String, String>> expected =
          Map.of("cluster-v1", model(onTime, v1), "cluster-v2", model(onTime, v2));
      Map<String, JsonNode> decided = new HashMap<>();
      List<String> changed = new ArrayList<>();
      List<String> wrong = new ArrayList<>();
      int duplicated = 0;
      Map<String, Integer> byVersion = new HashMap<>();
      for (JsonNode d : live.decisions()) {
        String id = d.get("txnId").asText();
        String version = d.get("rulesVersion").asText();
        byVersion.merge(version, 1, Integer::sum);
        String got = d.get("action").asText() + " " + d.get("score").asInt();
        assertTrue(expected.containsKey(version), "unknown rules version " + version);
        if (!got.equals(expected.get(version).get(id))) {
          wrong.add(id + " " + version + ": " + got + ", model " + expected.get(version).get(id));
        }
        JsonNode was = decided.putIfAbsent(id, d);
        if (was != null) {
          duplicated++;
          if (!(was.get("action").asText() + " " + was.get("score").asInt()).equals(got)) {
            changed.add(id);
          }
        }
      }
      long lost = onTime.stream().filter(t -> !decided.containsKey(t.getTxnId())).count();
      long deadLetters = live.keys("fraud.dead-letters").size(); // keyed by source position
      long duplicates = KafkaTopicsIO.count(live.servers, "up.fraud.duplicates");
      assertEquals(
          live.sent.size(),
          decided.size() + late.size() + deadLetters + duplicates,
          "every record sent in exactly one place: decisions "
              + decided.size()
              + ", late "
              + late.size()
              + ", dead letters "
              + deadLetters
              + ", duplicates "
              + duplicates);
      assertEquals(0, lost, "transactions neither decided nor late");
      assertEquals(List.of(), changed, "decided twice with a different result");
      assertEquals(
          List.of(), wrong, "decisions different from the model under their rules version");
      assertTrue(
          byVersion.getOrDefault("cluster-v1", 0) > 1_000
              && byVersion.getOrDefault("cluster-v2", 0) > 1_000,
          "decisions by rules version " + byVersion);

      for (int i = 0; i < 3; i++) {
        assertEquals(
            "cluster-v1",
            decided.get("upgrade-tiny-" + i).get("rulesVersion").asText(),
            "the tiny payments were decided (their state applied) before the savepoint");
      }
      JsonNode large = decided.get("upgrade-large-0");
      assertEquals("cluster-v2", large.get("rulesVersion").asText());
      assertTrue(
          large.get("reasons").toString().contains("card_testing"),
          "the payment after the upgrade completes the pattern begun before it: " + large);
      System.out.printf(
          "savepoint upgrade: sent %d, decided %d (%d before the stop), by version %s,"
              + " decided twice %d (all identical), late %d, dead letters %d, duplicates %d, lost 0;"
              + " after the upgrade %s: %s %d%n",
          live.sent.size(),
          decided.size(),
          decidedBefore,
          byVersion,
          duplicated,
          late.size(),
          deadLetters,
          duplicates,
          large.get("txnId").asText(),
          large.get("action").asText(),
          large.get("score").asInt());
    }
  }

  /** The built-in rules with another version and high-amount threshold, written to {@code file}. */
  static FraudRules rulesFile(Path file, String version, int highAmount) throws Exception {
    ObjectNode rules =
        (ObjectNode)
            Clusters.JSON.readTree(Clusters.repoRoot().resolve("rules/fraud-rules.json").toFile());
    rules.put("version", version);
    ((ObjectNode) rules.get("rules").get("highAmount")).put("threshold", highAmount);
    String json = Clusters.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rules);
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return FraudRules.parse(json);
  }

  static Map<String, String> model(List<Transaction> txns, FraudRules rules) {
    Map<String, String> out = new HashMap<>();
    for (Decision d : FraudModel.decide(txns, List.of(), rules)) {
      out.put(d.getTxnId(), d.getAction() + " " + d.getScore());
    }
    return out;
  }

  /** Payments on one card of one account, stamped now: tiny ones, then a large one. */
  static List<byte[]> cardTesting(String idPrefix, int count, double amount) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          String.format(
                  java.util.Locale.ROOT,
                  "{\"txnId\":\"%s%d\",\"accountId\":\"acct-upgrade\","
                      + "\"cardId\":\"card-upgrade\",\"amount\":%.2f,\"currency\":\"USD\",\"merchantId\":\"m-upgrade\","
                      + "\"merchantCategory\":\"5999\",\"ip\":\"192.0.2.77\",\"deviceId\":\"dev-upgrade\",\"country\":\"US\","
                      + "\"timestamp\":\"%s\",\"lat\":40.71,\"lon\":-74.0}",
                  idPrefix,
                  i,
                  amount,
                  Instant.now().truncatedTo(ChronoUnit.MILLIS))
              .getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The running job, once all its tasks run; the client uploads a 375 MB jar first. */
  String awaitRunningJob(Process client) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(client.isAlive(), "the client exited before its job ran");
      for (JsonNode j : Clusters.getJson(rest("/jobs/overview")).get("jobs")) {
        if (j.get("state").asText().equals("RUNNING")
            && j.get("tasks").get("running").asInt() == j.get("tasks").get("total").asInt()) {
          return j.get("jid").asText();
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no running job on the cluster after 6 min");
  }

  void awaitCheckpoint(String jobId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      if (Clusters.getJson(rest("/jobs/" + jobId + "/checkpoints"))
              .get("counts")
              .get("completed")
              .asInt()
          > 0) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no completed checkpoint after 1 min");
  }

  static boolean hasCheckpoint(Path state) throws Exception {
    return Checkpoints.newestCompletedMillis(state) >= 0;
  }

  /** The live job's command line, its producer and its outputs on the broker. */
  final class Live {
    final String servers;
    final Path dir;
    final List<byte[]> sent = new ArrayList<>();
    private long generated;

    Live(String servers, Path dir) {
      this.servers = servers;
      this.dir = dir;
    }

    Process start(Path jar, Path rules, Path savepoint, String name) throws Exception {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Clusters.java(),
                  "-Xmx1g",
                  "-Djava.io.tmpdir=" + work,
                  "-jar",
                  jar.toString(),
                  "fraud",
                  "--runner=FlinkRunner",
                  "--flinkMaster=127.0.0.1:" + restPort,
                  "--filesToStage=" + jar,
                  "--parallelism=2",
                  "--source=KAFKA",
                  "--bootstrapServers=" + servers,
                  "--inputTopic=txns",
                  "--consumerGroup=upgrade",
                  "--startPosition=earliest",
                  "--sink=KAFKA",
                  "--outputTopicPrefix=up.",
                  "--rulesFile=" + rules,
                  "--stateDir=" + dir.resolve("state")));
      if (savepoint != null) {
        cmd.add("--fromSavepoint=" + savepoint);
      }
      return Clusters.start(cmd, dir, dir.resolve(name + ".log"));
    }

    /** {@code count} generated transactions at {@code rate}/s, each stamped when sent. */
    void produce(int count, int rate, String idPrefix) throws Exception {
      EventGenerator gen =
          EventGenerators.create(
              EventType.TRANSACTION,
              GeneratorConfig.defaults()
                  .withSeed(idPrefix.hashCode())
                  .withAccounts(1_000)
                  .withBadRate(0.02));
      List<byte[]> batch = new ArrayList<>();
      long start = System.nanoTime();
      for (int n = 0; n < count; n++) {
        long wait = start + (long) (n * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.TimeUnit.NANOSECONDS.sleep(
              wait); // pacing a live stream, not a wait for a result
        }
        String json =
            gen.generate(generated++)
                .json()
                .replaceFirst("\"txnId\":\"", "\"txnId\":\"" + idPrefix + "-")
                .replaceFirst(
                    "\"timestamp\":\"[^\"]*\"",
                    "\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\"");
        batch.add(json.getBytes(StandardCharsets.UTF_8));
        if (batch.size() == 50) {
          send(batch);
          batch.clear();
        }
      }
      send(batch);
    }

    void send(List<byte[]> payloads) throws Exception {
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", servers, "acks", "all"),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        for (byte[] p : payloads) {
          producer.send(new ProducerRecord<>("txns", p)).get();
        }
      }
      sent.addAll(payloads);
    }

    Set<String> sentIds() {
      Set<String> ids = new HashSet<>();
      KafkaFraudJobTest.validUnique(sent).forEach(t -> ids.add(t.getTxnId()));
      return ids;
    }

    Set<String> keys(String topic) {
      Set<String> out = new HashSet<>();
      try {
        KafkaTopicsIO.readAll(servers, "up." + topic).forEach(r -> out.add(r.key()));
      } catch (RuntimeException e) {
        // not created yet: nothing written to it
      }
      return out;
    }

    List<JsonNode> decisions() throws Exception {
      List<JsonNode> out = new ArrayList<>();
      for (ConsumerRecord<String, String> r :
          KafkaTopicsIO.readAll(servers, "up.fraud.decisions")) {
        out.add(Clusters.JSON.readTree(r.value()));
      }
      return out;
    }

    void awaitDecided(Set<String> ids, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      Set<String> seen = new HashSet<>();
      while (System.nanoTime() < deadline) {
        seen.clear();
        seen.addAll(keys("fraud.decisions"));
        seen.addAll(keys("fraud.late"));
        if (seen.containsAll(ids)) {
          return;
        }
        Thread.sleep(1_000);
      }
      Set<String> missing = new HashSet<>(ids);
      missing.removeAll(seen);
      throw new AssertionError(
          missing.size()
              + " of "
              + ids.size()
              + " transactions undecided after "
              + timeout
              + ", e.g. "
              + missing.stream().limit(5).toList());
    }
  }
}
