package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.fraud.FraudJob;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.kafka.EventTimes;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault injection against real processes: a Kafka broker in its own process, a redis-server of its
 * own, and the {@code fraud} job run from the bundled jar as a user runs it, killed with SIGKILL at
 * random moments and started again with the same command. Each scenario counts what was sent,
 * decided, decided twice, lost and late, and checks decisions against the reference model. Runs in
 * the {@code faults} profile ({@code mvn verify -Pfaults}); the numbers go to {@code
 * target/fault-scenarios.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetyFaultIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OUTPUTS =
      List.of("decisions", "alerts", "late", "dead-letters", "duplicates");
  private static final Random RANDOM = new Random(13);

  /** How long a scenario waits for every record to be accounted for once the input is sent. */
  private static final int WAIT_SECONDS = 480;

  private static final List<String> TABLE = new ArrayList<>();

  /**
   * Every job process a scenario started. A scenario that fails half-way does not reach its own
   * kill, and a live job left running burns more than a core: in CI one such job slowed every test
   * after it until they timed out too.
   */
  private static final List<Process> STARTED = new ArrayList<>();

  private static KafkaProcess kafka;
  private static LocalRedis redis;
  private static Path jar;
  private static Path work;

  @BeforeAll
  static void startServers() throws Exception {
    jar =
        Paths.get(System.getProperty("bundledJar", "../pipelines/target/pipelines-bundled.jar"))
            .toAbsolutePath()
            .normalize();
    assertTrue(Files.isRegularFile(jar), "build the bundled jar first: " + jar);
    work = Files.createDirectories(Paths.get("target", "faults")).toAbsolutePath();
    kafka = KafkaProcess.start();
    redis = LocalRedis.startOwn();
  }

  @AfterEach
  void killWhatTheScenarioLeftRunning() throws InterruptedException {
    for (Process p : STARTED) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
    STARTED.clear();
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
    if (redis != null) {
      redis.close();
    }
    StringBuilder md =
        new StringBuilder(
            "| scenario | sent | decided | duplicated | lost | late | dead letters | time to recover |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    TABLE.forEach(r -> md.append(r).append('\n'));
    Files.writeString(Paths.get("target", "fault-scenarios.md"), md.toString());
    System.out.println(md);
  }

  /** Scenario 1: the README's live command, kill -9 five times during a live stream. */
  @Test
  @Order(1)
  void aLiveJobKilledFiveTimesLosesNothingAndRepeatsOnlyIdenticalDecisions() throws Exception {
    Scenario s = new Scenario("kill5", 20_000, 250, 0.02);
    s.runWithKills(5, List.of());
    Result r = s.verify(false);
    TABLE.add(r.row("1. fraud live on embedded Flink, default live options, kill -9 x5", s));
    r.assertNothingLostAndDuplicatesIdentical();
    assertEquals(0, r.late, "a live stream in event-time order has no late data");
    r.assertMatchesModel();
    s.assertRedisServesTheModel(r);
  }

  /** Scenario 2: the same with --kafkaExactlyOnce: one decision per transaction committed. */
  @Test
  @Order(2)
  void exactlyOnceKilledFiveTimesCommitsEachDecisionOnce() throws Exception {
    Scenario s = new Scenario("eos", 8_000, 250, 0.02);
    s.runWithKills(3, List.of("--kafkaExactlyOnce=true"));
    Result r = s.verify(true);
    TABLE.add(r.row("2. as 1 with --kafkaExactlyOnce, kill -9 x3 (read_committed output)", s));
    r.assertNothingLostAndDuplicatesIdentical();
    assertEquals(0, r.duplicated, "read_committed output holds each decision once");
    assertEquals(0, r.late);
    r.assertMatchesModel();
  }

  /** Scenario 3: the broker and then Redis killed with SIGKILL and restarted mid-stream. */
  @Test
  @Order(3)
  void brokerAndRedisOutagesLoseNothing() throws Exception {
    Scenario s = new Scenario("outage", 9_000, 300, 0.02);
    s.startJob(List.of());
    Thread producer = new Thread(s::produce, "outage-producer");
    producer.start();
    Thread.sleep(8_000);
    long before = s.outputRecords();
    kafka.kill();
    Thread.sleep(10_000);
    long restarted = System.nanoTime();
    kafka.restart();
    s.awaitOutputsMoveBeyond(before, restarted);
    Thread.sleep(4_000);
    redis.kill();
    Thread.sleep(10_000);
    restarted = System.nanoTime();
    before = s.outputRecords();
    redis.start();
    s.awaitOutputsMoveBeyond(before, restarted);
    producer.join();
    s.awaitAllAccountedFor(false);
    s.kill();
    Result r = s.verify(false);
    List<String> log = Files.readAllLines(s.dir.resolve("job.log"));
    long redisRetries =
        log.stream().filter(l -> l.contains("WARN") && l.contains("retrying in")).count();
    long kafkaReconnects = log.stream().filter(l -> l.contains("could not be established")).count();
    TABLE.add(
        r.row(
            "3. as 1; the broker killed for 10 s, then Redis for 10 s (SIGKILL); Redis"
                + " retries "
                + redisRetries
                + ", Kafka client reconnect attempts "
                + kafkaReconnects,
            s));
    r.assertNothingLostAndDuplicatesIdentical();
    r.assertMatchesModel();
    s.assertRedisServesTheModel(r);
  }

  /**
   * Scenario 4: a backlog of hours of transactions over 4 partitions, one of them idle, replayed by
   * a live job: nothing late, and the decisions of the file run of the same records.
   */
  @Test
  @Order(4)
  void backlogReplayWithAnIdlePartitionDecidesLikeTheFileRun() throws Exception {
    Scenario s = new Scenario("replay", 50_000, 0, 0.0, 4);
    s.produceBacklog(3); // partitions 0-2; partition 3 stays empty
    long start = System.nanoTime();
    s.startJob(List.of());
    s.awaitAllAccountedFor(false);
    long replayMillis = (System.nanoTime() - start) / 1_000_000;
    s.kill();
    Result r = s.verify(false);
    r.note = String.format(Locale.ROOT, "replayed in %.0f s", replayMillis / 1000.0);
    TABLE.add(r.row("4. backlog replay, 4 partitions, one idle (vs the file run)", s));
    r.assertNothingLostAndDuplicatesIdentical();
    assertEquals(0, r.late, "no transaction late because a partition was idle or behind");
    assertEquals(
        s.fileRunDecisions(), r.actual, "decisions of the replay = decisions of the file run");
  }

  /**
   * Scenario 5: the hostile records of the issue in a live stream of valid ones, the job on a small
   * heap: every one a dead letter with its code, every neighbour decided as without them.
   */
  @Test
  @Order(5)
  void hostileRecordsInALiveStreamOnASmallHeapLeaveNeighboursUnchanged() throws Exception {
    Scenario s = new Scenario("hostile", 3_000, 0, 0.0);
    s.heap = "-Xmx512m";
    s.produceBacklog(2);
    String good =
        "{\"txnId\":\"h-%d\",\"accountId\":\"h-acct\",\"amount\":%s,"
            + "\"merchantId\":\"m-1\",\"timestamp\":\""
            + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
            + "\"}";
    List<byte[]> hostile = new ArrayList<>();
    for (String amount : List.of("1e400", "-1e400", "1e-10000", "-1e-999999999")) {
      hostile.add(String.format(good, hostile.size(), amount).getBytes(StandardCharsets.UTF_8));
    }
    hostile.add(
        String.format(good, 90, "5").replace("h-90", "h-\\ud800").getBytes(StandardCharsets.UTF_8));
    hostile.add(
        String.format(good, 91, "5").replace("h-91", "h-\\u0000").getBytes(StandardCharsets.UTF_8));
    hostile.add(
        String.format(good, 92, "5")
            .replace("h-92", "x".repeat(1_500_000))
            .getBytes(StandardCharsets.UTF_8));
    hostile.add(
        String.format(good, 93, "5")
            .replace("}", ",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
            .getBytes(StandardCharsets.UTF_8));
    hostile.add(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
    s.produceMore(hostile);
    s.startJob(List.of());
    s.awaitAllAccountedFor(false);
    s.kill();
    Result r = s.verify(false);
    TABLE.add(
        r.row(
            "5. hostile records among "
                + (s.sent.size() - hostile.size())
                + " valid ones, -Xmx512m",
            s));
    r.assertNothingLostAndDuplicatesIdentical();
    assertEquals(hostile.size(), r.deadLetters, "each hostile record a dead letter");
    r.assertMatchesModel();
    assertTrue(
        Files.readAllLines(s.dir.resolve("job.log")).stream()
            .noneMatch(l -> l.contains("OutOfMemoryError") || l.contains("RESTARTING")),
        "no crash");
  }

  /**
   * The throughput cost of checkpointing and of exactly-once: the same backlog decided by a live
   * job without checkpoints, with the default ones, and with --kafkaExactlyOnce. A measurement, not
   * a check: runs only with -Dfaults.measure=true; prints decisions/s.
   */
  @Test
  @Order(6)
  void measureTheCostOfCheckpointsAndExactlyOnce() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Boolean.getBoolean("faults.measure"), "a measurement: run with -Dfaults.measure=true");
    int n = Integer.getInteger("faults.measure.count", 100_000);
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put(
        "no checkpoints", List.of("--checkpointingInterval=-1", "--allowDataLossOnCrash=true"));
    variants.put("checkpoints every 10 s (default)", List.of());
    variants.put("checkpoints every 10 s + --kafkaExactlyOnce", List.of("--kafkaExactlyOnce=true"));
    StringBuilder md =
        new StringBuilder(
            "| variant | transactions | seconds | decisions/s |\n| --- | --- | --- | --- |\n");
    int i = 0;
    for (Map.Entry<String, List<String>> v : variants.entrySet()) {
      Scenario s = new Scenario("measure" + (i++), n, 0, 0.0, 2);
      s.produceBacklog(2);
      long start = System.nanoTime();
      s.startJob(v.getValue());
      s.awaitAllAccountedFor(v.getKey().contains("Exactly"));
      double seconds = (System.nanoTime() - start) / 1e9;
      s.kill();
      md.append(
          String.format(
              Locale.ROOT, "| %s | %,d | %.1f | %,.0f |%n", v.getKey(), n, seconds, n / seconds));
    }
    Files.writeString(Paths.get("target", "fault-costs.md"), md.toString());
    System.out.println(md);
  }

  private static final class Scenario {
    final String name;
    final int count;
    final int rate;
    final double badRate;
    final String topic;
    final String prefix;
    final String redisPrefix;
    final Path dir;
    final List<byte[]> sent = new ArrayList<>();
    final Map<String, byte[]> byPosition = new HashMap<>();
    final List<Long> recoverMillis = new ArrayList<>();
    Process job;
    int starts;
    String heap = "-Xmx1g";

    /** The extra options of the last start, for a restart. */
    List<String> lastExtra = List.of();

    /** Restarts after the job set aside a checkpoint without Kafka partitions. */
    int selfRepairs;

    /** Records sent besides the generated stream (hostile ones). */
    int extra;

    Scenario(String name, int count, int rate, double badRate) throws Exception {
      this(name, count, rate, badRate, 2);
    }

    Scenario(String name, int count, int rate, double badRate, int partitions) throws Exception {
      this.name = name;
      this.count = count;
      this.rate = rate;
      this.badRate = badRate;
      this.topic = name + ".transactions";
      this.prefix = name + ".";
      this.redisPrefix = LocalRedis.uniquePrefix();
      Path old = work.resolve(name);
      if (Files.exists(old)) {
        try (var all = Files.walk(old)) {
          all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
      this.dir = Files.createDirectories(old);
      List<String> topics = new ArrayList<>(List.of(topic));
      OUTPUTS.forEach(o -> topics.add(prefix + "fraud." + o));
      kafka.createTopics(List.of(topic), partitions);
      kafka.createTopics(topics.subList(1, topics.size()), 2);
    }

    /** Produces the whole stream at once, hours of event time, to the first {@code partitions}. */
    void produceBacklog(int partitions) throws Exception {
      EventGenerator gen =
          EventGenerators.create(
              EventType.TRANSACTION,
              GeneratorConfig.defaults()
                  .withSeed(Math.floorMod(name.hashCode(), 1_000_000))
                  .withBadRate(badRate)
                  // 30 h back: the generator's traffic follows the time of day, so 50,000 events
                  // starting 3 h ago ran up to 40 min into the future when started after
                  // midnight, and those transactions rightly waited for the clock (the test then
                  // timed out, whatever the job did).
                  .withStart(Instant.now().minus(org.joda.time.Duration.standardHours(30)))
                  .withEventTimeRate(Math.max(1, count / 7200.0)));
      List<byte[]> payloads = new ArrayList<>();
      for (int n = 0; n < count; n++) {
        payloads.add(gen.generate(n).payload());
      }
      send(payloads, partitions);
    }

    void produceMore(List<byte[]> payloads) throws Exception {
      extra += payloads.size();
      send(payloads, 1);
    }

    private void send(List<byte[]> payloads, int partitions) throws Exception {
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  "bootstrap.servers",
                  kafka.bootstrapServers(),
                  "acks",
                  "all",
                  "linger.ms",
                  "20",
                  "max.request.size",
                  "2097152"),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks =
            new ArrayList<>();
        for (byte[] p : payloads) {
          String key = EventTimes.stringField(p, "accountId");
          int partition = Math.floorMod(key == null ? 0 : key.hashCode(), partitions);
          acks.add(
              producer.send(
                  new ProducerRecord<>(
                      topic,
                      partition,
                      key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                      p)));
        }
        producer.flush();
        for (int n = 0; n < acks.size(); n++) {
          var m = acks.get(n).get();
          byPosition.put(topic + "/" + m.partition() + "/" + m.offset(), payloads.get(n));
        }
      }
      sent.addAll(payloads);
    }

    /**
     * Time to recover, from a restart: until the outputs move again, or the restarted job has
     * completed a checkpoint (with exactly-once, a restart whose input was all written before
     * writes nothing new).
     */
    void awaitOutputsMoveBeyond(long before, long sinceNanos) throws Exception {
      long sinceMillis = System.currentTimeMillis() - (System.nanoTime() - sinceNanos) / 1_000_000;
      while (outputRecords() <= before
          && !checkpointedSince(sinceMillis)
          && System.nanoTime() - sinceNanos < 180e9) {
        if (job != null && !job.isAlive() && !restartedAsASupervisorWould()) {
          fail(
              name
                  + ": the restarted job exited by itself with status "
                  + job.exitValue()
                  + "; job log tail:\n"
                  + logTail(80));
        }
        Thread.sleep(250);
      }
      recoverMillis.add((System.nanoTime() - sinceNanos) / 1_000_000);
    }

    private boolean checkpointedSince(long millis) throws IOException {
      return Checkpoints.newestCompletedMillis(dir.resolve("state")) >= millis;
    }

    /** Decisions of `fraud --input=<the same records>` (batch, embedded Flink), by txnId. */
    Map<String, String> fileRunDecisions() throws Exception {
      Path input = dir.resolve("replay.jsonl");
      try (var out = Files.newOutputStream(input)) {
        for (byte[] p : sent) {
          out.write(p);
          out.write('\n');
        }
      }
      Path outDir = dir.resolve("file-run");
      Process p =
          new ProcessBuilder(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx1g",
                  "-Djava.io.tmpdir=" + dir,
                  "-jar",
                  jar.toString(),
                  "fraud",
                  "--runner=FlinkRunner",
                  "--parallelism=2",
                  "--input=" + input,
                  "--outputDir=" + outDir,
                  "--topAlerts=0")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("file-run.log").toFile())
              .start();
      STARTED.add(p);
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "file run finished");
      assertEquals(0, p.exitValue(), "file run: " + Files.readString(dir.resolve("file-run.log")));
      Map<String, String> decisions = new HashMap<>();
      try (var files = Files.list(outDir.resolve("fraud").resolve("decisions"))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          for (String line : Files.readAllLines(f)) {
            JsonNode d = JSON.readTree(line);
            decisions.put(
                d.get("txnId").asText(), d.get("action").asText() + " " + d.get("score").asInt());
          }
        }
      }
      return decisions;
    }

    List<String> command(List<String> extra) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  heap,
                  "-Djava.io.tmpdir=" + dir,
                  "-jar",
                  jar.toString(),
                  "fraud",
                  "--runner=FlinkRunner",
                  "--parallelism=2",
                  "--source=KAFKA",
                  "--bootstrapServers=" + kafka.bootstrapServers(),
                  "--inputTopic=" + topic,
                  "--consumerGroup=" + name,
                  // First start only: take what was produced before the job was up.
                  "--startPosition=earliest",
                  "--sink=KAFKA",
                  "--outputTopicPrefix=" + prefix,
                  "--redisServing=true",
                  "--redisPort=" + redis.port(),
                  "--redisKeyPrefix=" + redisPrefix));
      cmd.addAll(extra);
      return cmd;
    }

    /**
     * A live job that ended by itself after resuming from a checkpoint without its Kafka partitions
     * exits 1 and moves that checkpoint aside (LiveRecovery#endedByItself); the documented answer
     * is to start it again, as a supervisor does. Returns whether it did.
     */
    boolean restartedAsASupervisorWould() throws IOException {
      if (job.exitValue() == 0 || !logTail(20).contains("ended by itself")) {
        return false;
      }
      selfRepairs++;
      startJob(lastExtra);
      return true;
    }

    void startJob(List<String> extra) throws IOException {
      lastExtra = extra;
      starts++;
      job =
          new ProcessBuilder(command(extra))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("job.log").toFile()))
              .start();
      STARTED.add(job);
    }

    void kill() throws InterruptedException {
      job.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no final checkpoint
    }

    /**
     * Produces the stream at the rate while the job is killed and restarted {@code kills} times.
     */
    void runWithKills(int kills, List<String> extra) throws Exception {
      startJob(extra);
      Thread producer = new Thread(this::produce, name + "-producer");
      producer.start();
      for (int k = 0; k < kills; k++) {
        // A random moment 2-6 s after the job is back: mid-bundle, mid-checkpoint, mid-commit.
        Thread.sleep(2_000 + RANDOM.nextInt(4_000));
        kill();
        long before = outputRecords();
        long restartedAt = System.nanoTime();
        startJob(extra);
        awaitOutputsMoveBeyond(before, restartedAt);
      }
      producer.join();
      awaitAllAccountedFor(extra.contains("--kafkaExactlyOnce=true"));
      kill();
    }

    private void produce() {
      EventGenerator gen =
          EventGenerators.create(
              EventType.TRANSACTION,
              GeneratorConfig.defaults()
                  .withSeed(Math.floorMod(name.hashCode(), 1_000_000))
                  .withBadRate(badRate)
                  .withStart(Instant.now())
                  .withSteadyRate()
                  .withEventTimeRate(rate));
      long start = System.nanoTime();
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  "bootstrap.servers",
                  kafka.bootstrapServers(),
                  "acks",
                  "all",
                  "enable.idempotence",
                  "true",
                  "linger.ms",
                  "5",
                  "delivery.timeout.ms",
                  "300000"),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks =
            new ArrayList<>();
        for (int n = 0; n < count; n++) {
          long due = start + (long) (n * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          // Stamped when sent, as a till would: a producer slowed down by the machine's load
          // must not make its own records late.
          byte[] payload =
              gen.generate(n)
                  .json()
                  .replaceFirst(
                      "\"timestamp\":\"[^\"]*\"",
                      "\"timestamp\":\""
                          + java.time.Instant.now()
                              .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                          + "\"")
                  .getBytes(StandardCharsets.UTF_8);
          String key = EventTimes.stringField(payload, "accountId");
          acks.add(
              producer.send(
                  new ProducerRecord<>(
                      topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), payload)));
          sent.add(payload);
        }
        producer.flush();
        for (int n = 0; n < acks.size(); n++) {
          var m = acks.get(n).get();
          byPosition.put(topic + "/" + m.partition() + "/" + m.offset(), sent.get(n));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    long outputRecords() {
      try {
        return KafkaTopicsIO.count(kafka.bootstrapServers(), prefix + "fraud.decisions");
      } catch (RuntimeException e) {
        return -1;
      }
    }

    void awaitAllAccountedFor(boolean committedOnly) throws Exception {
      Set<String> ids = new HashSet<>();
      for (Transaction t : validUnique(sent)) {
        ids.add(t.getTxnId());
      }
      // Dead letters go out through their own sink: wait for them too, not only for decisions.
      Set<String> deadPositions = new HashSet<>();
      RecordDecoder<Transaction> decoder =
          new RecordDecoder<>(
              EventType.TRANSACTION, 262_144, org.joda.time.Duration.standardDays(1));
      for (Map.Entry<String, byte[]> e : byPosition.entrySet()) {
        try {
          decoder.decode(e.getValue(), Instant.now());
        } catch (ValidationException ex) {
          deadPositions.add(e.getKey());
        }
      }
      long waitStart = System.nanoTime();
      // Generous: a loaded 2-core CI machine replays the last checkpoint's backlog slowly, and
      // a job that never catches up still fails the test (with what is missing, below).
      long deadline = waitStart + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (System.nanoTime() < deadline) {
        if (!job.isAlive() && !restartedAsASupervisorWould()) {
          // A job that exits by itself (not killed by the test) will not catch up: say why now.
          fail(
              name
                  + ": the job exited by itself with status "
                  + job.exitValue()
                  + " before every record was accounted for; job log tail:\n"
                  + logTail(80));
        }
        Set<String> seen = new HashSet<>();
        for (String o : List.of("decisions", "late")) {
          KafkaTopicsIO.readAll(kafka.bootstrapServers(), prefix + "fraud." + o, committedOnly)
              .forEach(r -> seen.add(r.key()));
        }
        Set<String> dead = new HashSet<>();
        KafkaTopicsIO.readAll(
                kafka.bootstrapServers(), prefix + "fraud.dead-letters", committedOnly)
            .forEach(r -> dead.add(r.key()));
        if (seen.containsAll(ids) && dead.containsAll(deadPositions)) {
          System.out.printf(
              "%s: every record accounted for %.1f s after the producer finished%n",
              name, (System.nanoTime() - waitStart) / 1e9);
          return;
        }
        if (System.nanoTime() + TimeUnit.SECONDS.toNanos(1) >= deadline) {
          Set<String> missingIds = new HashSet<>(ids);
          missingIds.removeAll(seen);
          Set<String> missingDead = new HashSet<>(deadPositions);
          missingDead.removeAll(dead);
          System.out.println(
              name
                  + ": after "
                  + WAIT_SECONDS
                  + " s still missing "
                  + missingIds.size()
                  + " decisions (e.g. "
                  + missingIds.stream().limit(5).toList()
                  + ") and "
                  + missingDead.size()
                  + " dead letters (e.g. "
                  + missingDead.stream().limit(5).toList()
                  + "); job log tail:\n"
                  + logTail(80));
        }
        Thread.sleep(1_000);
      }
    }

    /** The last {@code lines} lines of the job's log, for a failure message. */
    String logTail(int lines) {
      try {
        List<String> all = Files.readAllLines(dir.resolve("job.log"), StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(no job log: " + e.getMessage() + ")";
      }
    }

    Result verify(boolean committedOnly) throws Exception {
      assertEquals(count, sent.size() - extra, "the producer sent the whole stream");
      Result r = new Result();
      r.sent = sent.size();
      String servers = kafka.bootstrapServers();
      Set<String> late = new HashSet<>();
      KafkaTopicsIO.readAll(servers, prefix + "fraud.late", committedOnly)
          .forEach(x -> late.add(x.key()));
      // A late transaction is not applied to any state: the model decides the others without it.
      r.expected = new LinkedHashMap<>();
      for (Decision d : FraudModel.decide(onTime(late), List.of(), FraudJob.defaultRules())) {
        r.expected.put(d.getTxnId(), d.getAction() + " " + d.getScore());
      }
      for (ConsumerRecord<String, String> rec :
          KafkaTopicsIO.readAll(servers, prefix + "fraud.decisions", committedOnly)) {
        JsonNode d = JSON.readTree(rec.value());
        String decision = d.get("action").asText() + " " + d.get("score").asInt();
        String was = r.actual.putIfAbsent(rec.key(), decision);
        String at = rec.partition() + "/" + rec.offset();
        String firstAt = r.where.putIfAbsent(rec.key(), at);
        if (was != null) {
          if (r.duplicated < 5) {
            System.out.println("duplicate " + rec.key() + " at " + firstAt + " and " + at);
          }
          r.duplicated++;
          if (!was.equals(decision)) {
            r.changed.add(rec.key() + ": " + was + " then " + decision);
          }
        }
      }
      r.late = late.size();
      r.lateIds = late;
      Set<String> dead = new HashSet<>();
      KafkaTopicsIO.readAll(servers, prefix + "fraud.dead-letters", committedOnly)
          .forEach(x -> dead.add(x.key()));
      r.deadLetters = dead.size();
      for (Transaction t : validUnique(sent)) {
        if (!r.actual.containsKey(t.getTxnId()) && !late.contains(t.getTxnId())) {
          r.lost++;
        }
      }
      long expectedDead = 0;
      RecordDecoder<Transaction> decoder =
          new RecordDecoder<>(
              EventType.TRANSACTION, 262_144, org.joda.time.Duration.standardDays(1));
      for (Map.Entry<String, byte[]> e : byPosition.entrySet()) {
        try {
          decoder.decode(e.getValue(), Instant.now());
        } catch (ValidationException ex) {
          expectedDead++;
          assertTrue(
              dead.contains(e.getKey()),
              () ->
                  "dead letter of "
                      + e.getKey()
                      + " ("
                      + ex.getMessage()
                      + "): "
                      + new String(e.getValue(), StandardCharsets.UTF_8));
        }
      }
      r.expectedDead = expectedDead;
      r.recoverMillis = recoverMillis;
      return r;
    }

    List<Transaction> onTime(Set<String> late) {
      List<Transaction> out = new ArrayList<>();
      for (Transaction t : validUnique(sent)) {
        if (!late.contains(t.getTxnId())) {
          out.add(t);
        }
      }
      return out;
    }

    void assertRedisServesTheModel(Result r) throws Exception {
      Map<String, Decision> latest = new HashMap<>();
      for (Decision d : FraudModel.decide(onTime(r.lateIds), List.of(), FraudJob.defaultRules())) {
        latest.merge(d.getAccountId(), d, (a, b) -> later(b, a) ? b : a);
      }
      try (redis.clients.jedis.Jedis j = redis.client()) {
        int wrong = 0;
        for (Decision d : latest.values()) {
          Map<String, String> h = j.hgetAll(redisPrefix + "fraud:account:" + d.getAccountId());
          if (!d.getTxnId().equals(h.get("txnId"))
              || !d.getAction().name().equals(h.get("action"))) {
            wrong++;
          }
        }
        assertEquals(0, wrong, "accounts whose Redis value is not the model's latest decision");
        assertEquals(latest.size(), j.keys(redisPrefix + "fraud:account:*").size());
      }
    }
  }

  private static boolean later(Decision a, Decision b) {
    int c = a.getTimestamp().compareTo(b.getTimestamp());
    return c != 0 ? c > 0 : a.getTxnId().compareTo(b.getTxnId()) > 0;
  }

  static final class Result {
    long sent;
    Map<String, String> expected;
    final Map<String, String> actual = new HashMap<>();
    final Map<String, String> where = new HashMap<>();
    final List<String> changed = new ArrayList<>();
    long duplicated;
    long lost;
    long late;
    Set<String> lateIds = Set.of();
    long deadLetters;
    long expectedDead;
    List<Long> recoverMillis = List.of();
    String note = "";

    void assertNothingLostAndDuplicatesIdentical() {
      System.out.println(
          "result: sent "
              + sent
              + " decided "
              + actual.size()
              + " duplicated "
              + duplicated
              + " lost "
              + lost
              + " late "
              + late
              + " dead "
              + deadLetters
              + "/"
              + expectedDead
              + " changed "
              + changed.size()
              + " recover "
              + recoverMillis);
      assertEquals(0, lost, "transactions neither decided nor late");
      assertEquals(List.of(), changed, "a repeated decision must be the same decision");
      assertEquals(expectedDead, deadLetters, "dead letters");
    }

    void assertMatchesModel() {
      Map<String, String> wrong = new HashMap<>();
      for (Map.Entry<String, String> e : expected.entrySet()) {
        if (!e.getValue().equals(actual.get(e.getKey()))) {
          wrong.put(e.getKey(), e.getValue() + " expected, got " + actual.get(e.getKey()));
        }
      }
      assertEquals(Map.of(), wrong.size() > 10 ? Map.of("count", "" + wrong.size()) : wrong);
    }

    String row(String scenario, Scenario s) {
      long maxRecover = recoverMillis.stream().mapToLong(Long::longValue).max().orElse(0);
      return String.format(
          Locale.ROOT,
          "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %s |",
          s.selfRepairs == 0
              ? scenario
              : scenario
                  + " ("
                  + s.selfRepairs
                  + " restart after a checkpoint without Kafka partitions was set aside)",
          sent,
          actual.size(),
          duplicated,
          lost,
          late,
          deadLetters,
          recoverMillis.isEmpty()
              ? (note.isEmpty() ? "-" : note)
              : String.format(
                  Locale.ROOT,
                  "max %.1f s (%d restarts)",
                  maxRecover / 1000.0,
                  recoverMillis.size()));
    }
  }

  /** What validation keeps: decodable records, the first of each id. */
  static List<Transaction> validUnique(List<byte[]> payloads) {
    return KafkaFraudJobTest.validUnique(payloads);
  }
}
