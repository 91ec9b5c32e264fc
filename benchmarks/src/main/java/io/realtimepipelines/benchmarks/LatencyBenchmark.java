package io.realtimepipelines.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realtimepipelines.devstack.LocalKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Kafka-to-output latency of the fraud job (or, with {@code --job=recommend}, the recommend job) on
 * the Flink runner.
 *
 * <p>Starts a KRaft broker in this JVM, runs the job from the bundled jar as a child process
 * ({@code --runner=FlinkRunner --source=KAFKA --sink=KAFKA}), produces transactions (clicks) at
 * fixed rates (paced by {@code System.nanoTime()}), and measures, per transaction (click) id, the
 * time from the producer's send call to the arrival of its decision on {@code
 * <prefix>fraud.decisions} (its list on {@code <prefix>recommend.session-recs}). With {@code
 * --redis} the recommend job also serves from a Redis server this benchmark starts on a free
 * loopback port, and the benchmark measures send-to-Redis too: it subscribes to the server's
 * keyspace notifications of the session keys and reads each written list's {@code eventId}. Only
 * views and add-to-carts are sent (a purchase has no list). Writes {@code latency.md} and {@code
 * latency.json} into {@code --out}.
 *
 * <pre>
 * java -cp CP io.realtimepipelines.benchmarks.LatencyBenchmark --jar=pipelines/target/pipelines-bundled.jar \
 *     --rates=1000 --seconds=30 --variants=default,tuned [--findMax] [--halfMax] --out=benchmarks/results
 * </pre>
 *
 * <p>Options: {@code --rates=a,b,..} rates in events/s; {@code --seconds=D} measured seconds per
 * rate; {@code --warmup=S} seconds of warm-up at the rate once decisions flow; {@code --variants=}
 * named option sets (see {@link #VARIANTS}: default, tuned, and single levers) or {@code --tuned}
 * (= {@code --variants=tuned}); {@code --jobOpt=--x=y} (repeatable) extra job option added to every
 * variant (job logs, generated input and configs go to {@code -Dlatency.work=}, default {@code
 * benchmarks/target/latency-work}; extra JVM flags for the job, e.g. a flight recording, in {@code
 * -Dlatency.jobJvm=}); {@code --findMax} searches the highest sustainable rate (doubling from
 * {@code --maxStart}, or halving when that rate does not hold, then bisecting) with the first
 * variant; {@code --halfMax} then measures every variant at half of it; {@code --restartPerRate}
 * restarts the job for every rate; {@code --job=fraud|recommend} (default fraud); {@code --redis}
 * (recommend only); {@code --idlePartitions=N} gives the input topic N partitions the producer
 * never writes to (default 0), to see what an idle partition's watermark costs every decision.
 *
 * <p>Besides the tables it draws {@code latency.png}: each row's latency by percentile ({@link
 * LatencyChart}), from the row's recorded histogram.
 */
public final class LatencyBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String PREFIX = "lat.";
  private static final String REDIS_PREFIX = "lat:";

  /** Input partitions the producer writes to; {@code --idlePartitions} come on top. */
  static final int ACTIVE_PARTITIONS = 2;

  /** The job measured: its input, the id that links an input to its output, and its outputs. */
  enum Target {
    FRAUD(
        "fraud",
        "TRANSACTION",
        "transactions",
        "txnId",
        "accountId",
        "decisions",
        List.of("decisions", "alerts", "late", "dead-letters", "duplicates")),
    RECOMMEND(
        "recommend",
        "CLICK",
        "clicks",
        "eventId",
        "sessionId",
        "session-recs",
        List.of("session-recs", "item-neighbours", "late", "dead-letters", "duplicates"));

    final String job;
    final String eventType;
    final String input;
    final String idField;
    final String keyField;
    final String output;
    final List<String> outputs;

    Target(
        String job,
        String eventType,
        String input,
        String idField,
        String keyField,
        String output,
        List<String> outputs) {
      this.job = job;
      this.eventType = eventType;
      this.input = input;
      this.idField = idField;
      this.keyField = keyField;
      this.output = output;
      this.outputs = outputs;
    }

    String inputTopic() {
      return PREFIX + input;
    }

    String topic(String output) {
      return PREFIX + job + "." + output;
    }
  }

  /** Named sets of tuning options (job command-line options; "@kafka:" marks producer props). */
  static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("default", List.of());
    VARIANTS.put("wm10", List.of("--autoWatermarkInterval=10"));
    VARIANTS.put("wm50", List.of("--autoWatermarkInterval=50"));
    VARIANTS.put("buf5", List.of("@flinkconf:execution.buffer-timeout.interval: 5 ms"));
    // Flink's own default, what a cluster has unless its flink-conf says otherwise.
    VARIANTS.put("buf100", List.of("@flinkconf:execution.buffer-timeout.interval: 100 ms"));
    VARIANTS.put("bundle", List.of("--maxBundleSize=100", "--maxBundleTimeMills=10"));
    VARIANTS.put("copy", List.of("--fasterCopy=true", "--objectReuse=true"));
    VARIANTS.put("fetch", List.of("@kafka:fetch.max.wait.ms=10", "@kafka:linger.ms=0"));
    // Decisions on arrival instead of after the watermark (opt-in; BENCHMARKS.md).
    VARIANTS.put("arrival", List.of("--decideOnArrival=true"));
    // The same with the launcher's defaults before on-arrival jobs got their own (10 ms bundles,
    // 5 ms network buffers).
    VARIANTS.put(
        "arrival10",
        List.of(
            "--decideOnArrival=true",
            "--maxBundleTimeMills=10",
            "@flinkconf:execution.buffer-timeout.interval: 5 ms"));
    VARIANTS.put(
        "tuned",
        List.of(
            "--autoWatermarkInterval=10",
            "@flinkconf:execution.buffer-timeout.interval: 5 ms",
            "--maxBundleSize=100",
            "--maxBundleTimeMills=10",
            "--fasterCopy=true",
            "--objectReuse=true",
            "@kafka:linger.ms=0",
            "@kafka:fetch.max.wait.ms=10"));
  }

  private final Path jar;
  private final Path out;
  private final Path work;
  private final int seconds;
  private final int warmupSeconds;
  private final int graceSeconds;
  private final List<String> extraJobOptions;
  private final List<String> templates = new ArrayList<>();
  private final List<String> templateKeys = new ArrayList<>();
  private final List<Integer> templatePartitions = new ArrayList<>();
  private final List<Map<String, Object>> results = new ArrayList<>();
  // Each measured row's decision latencies (ns), kept for the chart.
  private final Map<Map<String, Object>, Histogram> latencyHistograms = new IdentityHashMap<>();
  private final int idlePartitions;
  private final Target target;
  private final boolean redisOn;
  private LocalKafka kafka;
  private io.realtimepipelines.devstack.LocalRedis redis;
  private volatile Process job;
  private int jobNumber;

  private LatencyBenchmark(
      Path jar,
      Path out,
      int seconds,
      int warmup,
      int grace,
      List<String> extra,
      Target target,
      boolean redisOn,
      int idlePartitions)
      throws IOException {
    this.target = target;
    this.idlePartitions = idlePartitions;
    this.redisOn = redisOn;
    this.jar = jar;
    this.out = out;
    this.seconds = seconds;
    this.warmupSeconds = warmup;
    this.graceSeconds = grace;
    this.extraJobOptions = extra;
    this.work = Paths.get(System.getProperty("latency.work", "benchmarks/target/latency-work"));
  }

  public static void main(String[] args) {
    System.exit(
        Args.commandLine(new Cli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  /** The command line; the class comment says what each option does. */
  @Command(name = "LatencyBenchmark", sortOptions = false)
  static final class Cli implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Args.Help help;

    @Mixin Args.JarAndOut files;

    @Option(
        names = "--rates",
        paramLabel = "LIST",
        hideParamSyntax = true,
        split = ",",
        defaultValue = "1000",
        description = "rates in events/s (default ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(
        names = "--seconds",
        paramLabel = "S",
        defaultValue = "30",
        description = "measured seconds per rate (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(
        names = "--warmup",
        paramLabel = "S",
        defaultValue = "15",
        description =
            "seconds of warm-up at the rate once decisions flow (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
        names = "--grace",
        paramLabel = "S",
        defaultValue = "5",
        description = "seconds to wait for missing outputs after a rate (default ${DEFAULT-VALUE})")
    int grace;

    @Option(
        names = "--variants",
        paramLabel = "LIST",
        hideParamSyntax = true,
        split = ",",
        defaultValue = "default",
        description = "named option sets: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})",
        completionCandidates = VariantNames.class)
    List<String> variants;

    @Option(names = "--tuned", description = "same as --variants=tuned")
    boolean tuned;

    @Option(
        names = "--jobOpt",
        paramLabel = "--x=y",
        description = "extra job option for every variant (repeatable)")
    List<String> jobOptions = new ArrayList<>();

    @Option(
        names = "--findMax",
        description = "search the highest sustainable rate with the first variant")
    boolean findMax;

    @Option(names = "--halfMax", description = "then measure every variant at half of it")
    boolean halfMax;

    @Option(
        names = "--maxStart",
        paramLabel = "N",
        defaultValue = "1000",
        description =
            "first rate of --findMax, doubled while it holds, else halved (default"
                + " ${DEFAULT-VALUE})")
    int maxStart;

    @Option(names = "--restartPerRate", description = "restart the job for every rate")
    boolean restartPerRate;

    @Option(
        names = "--job",
        paramLabel = "fraud|recommend",
        defaultValue = "fraud",
        description = "the job measured (default ${DEFAULT-VALUE})")
    Target target;

    @Option(names = "--redis", description = "also measure send-to-Redis (recommend only)")
    boolean redisOn;

    @Option(
        names = "--idlePartitions",
        paramLabel = "N",
        defaultValue = "0",
        description =
            "extra input partitions the producer never writes to (default ${DEFAULT-VALUE})")
    int idlePartitions;

    @Override
    public Integer call() throws Exception {
      if (idlePartitions < 0) {
        throw usage("--idlePartitions must be 0 or more, got " + idlePartitions);
      }
      List<String> variantList = tuned ? List.of("tuned") : variants;
      for (String v : variantList) {
        if (!VARIANTS.containsKey(v)) {
          throw usage("unknown variant " + v + "; known: " + VARIANTS.keySet());
        }
      }
      if (!Files.isRegularFile(files.jar)) {
        throw usage(
            "no bundled jar at " + files.jar + ": mvn -o -q package -DskipTests -pl pipelines -am");
      }
      if (redisOn && target != Target.RECOMMEND) {
        throw usage("--redis measures the recommend job's Redis lists: add --job=recommend");
      }
      Files.createDirectories(files.out);
      run(variantList);
      return 0;
    }

    private ParameterException usage(String message) {
      return new ParameterException(spec.commandLine(), message);
    }

    private void run(List<String> variants) throws Exception {
      LatencyBenchmark b =
          new LatencyBenchmark(
              files.jar,
              files.out,
              seconds,
              warmup,
              grace,
              jobOptions,
              target,
              redisOn,
              idlePartitions);
      Thread hook = new Thread(b::stopJobQuietly, "latency-stop-job");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        b.setUp();
        for (String variant : variants) {
          if (!rates.isEmpty()) {
            b.runRates(variant, rates, restartPerRate);
          }
        }
        if (findMax) {
          int max = b.findMax(variants.get(0), maxStart);
          log("max sustainable rate (" + variants.get(0) + "): " + max + " events/s");
          if (halfMax && max > 0) {
            for (String variant : variants) {
              b.runRates(variant, List.of(Math.max(1, max / 2)), false);
            }
          }
        }
      } finally {
        b.stopJobQuietly();
        b.tearDown();
        b.write();
      }
    }
  }

  /** The variant names, for --help. */
  static final class VariantNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return VARIANTS.keySet().iterator();
    }
  }

  // ---------------------------------------------------------------------------------- setup

  private void setUp() throws Exception {
    Files.createDirectories(work);
    kafka = LocalKafka.start(0);
    // The producer writes only to the first ACTIVE_PARTITIONS; the rest stay empty.
    kafka.createTopic(target.inputTopic(), ACTIVE_PARTITIONS + idlePartitions);
    kafka.createTopics(target.outputs.stream().map(target::topic).collect(Collectors.toList()), 2);
    log("kafka " + kafka.bootstrapServers());
    if (redisOn) {
      redis = io.realtimepipelines.devstack.LocalRedis.startOwn();
      try (redis.clients.jedis.Jedis j = redis.client()) {
        j.configSet("notify-keyspace-events", "Kh");
      }
      log("redis 127.0.0.1:" + redis.port() + " (keyspace notifications on)");
    }
    loadTemplates();
  }

  private void tearDown() {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } catch (Exception e) {
      log("kafka did not stop cleanly: " + e);
    }
    if (redis != null) {
      redis.close();
    }
  }

  /**
   * Events from the jar's own generator (run once), as JSON templates keyed by accountId (by
   * sessionId for clicks; views and add-to-carts only).
   */
  private void loadTemplates() throws Exception {
    Path dir = work.resolve("generated-" + target.input);
    if (!Files.isDirectory(dir) || listFiles(dir).isEmpty()) {
      Files.createDirectories(dir);
      List<String> cmd = new ArrayList<>(javaCmd());
      cmd.addAll(
          List.of(
              "-jar",
              jar.toString(),
              "generate",
              "--eventType=" + target.eventType,
              "--count=20000",
              "--outputDir=" + dir));
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("generate.log").toFile())
              .start();
      if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("generate failed, see " + work.resolve("generate.log"));
      }
    }
    for (Path f : listFiles(dir)) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          ObjectNode n;
          try {
            n = (ObjectNode) JSON.readTree(line);
          } catch (Exception e) {
            continue; // a deliberately bad record of the generator
          }
          if (!n.hasNonNull(target.idField)
              || !n.hasNonNull(target.keyField)
              || !n.hasNonNull("timestamp")
              || n.path("action").asText().equals("purchase")) {
            continue;
          }
          // Placeholders replaced per event by plain string substitution (cheap: the producer
          // shares the 2 cores with the job).
          n.put(target.idField, "@@ID@@");
          n.put("timestamp", "@@TS@@");
          templates.add(JSON.writeValueAsString(n));
          templateKeys.add(n.get(target.keyField).asText());
          templatePartitions.add(activePartition(n.get(target.keyField).asText()));
        }
      }
    }
    if (templates.isEmpty()) {
      throw new IllegalStateException("no events generated in " + dir);
    }
    log(templates.size() + " " + target.input + " templates");
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().startsWith("_"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<String> javaCmd() {
    return List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
  }

  // -------------------------------------------------------------------------------- the job

  private void startJob(String variant) throws Exception {
    stopJobQuietly();
    jobNumber++;
    Path dir = work.resolve("job-" + jobNumber + "-" + variant);
    // Job numbers restart with every benchmark run: an earlier run's folder holds checkpoints that
    // the job would restore, Kafka splits of that run's (stopped) broker included.
    deleteTree(dir);
    Files.createDirectories(dir.resolve("tmp"));
    // Loopback-only MiniCluster plus the variant's Flink settings.
    StringBuilder conf =
        new StringBuilder()
            .append("rest.address: 127.0.0.1\nrest.bind-address: 127.0.0.1\nrest.port: 0\n")
            .append("jobmanager.rpc.address: 127.0.0.1\njobmanager.bind-host: 127.0.0.1\n")
            .append("taskmanager.host: 127.0.0.1\ntaskmanager.bind-host: 127.0.0.1\n")
            .append("taskmanager.numberOfTaskSlots: 2\n");
    StringBuilder kafkaProps = new StringBuilder();
    List<String> options = new ArrayList<>();
    List<String> all = new ArrayList<>(VARIANTS.get(variant));
    all.addAll(extraJobOptions);
    for (String o : all) {
      if (o.startsWith("@flinkconf:")) {
        conf.append(o.substring(11)).append('\n');
      } else if (o.startsWith("@kafka:")) {
        kafkaProps.append(o.substring(7)).append('\n');
      } else {
        options.add(o);
      }
    }
    if (conf.indexOf("execution.buffer-timeout") < 0) {
      // What the launcher's embedded cluster gets by default (RunnerDefaults: 0 when deciding on
      // arrival), so that a variant measures the launcher's defaults; the job's own flink-conf
      // replaces the launcher's.
      boolean onArrival =
          options.contains("--decideOnArrival") || options.contains("--decideOnArrival=true");
      conf.append("execution.buffer-timeout.interval: ").append(onArrival ? 0 : 5).append(" ms\n");
    }
    Files.writeString(dir.resolve("flink-conf.yaml"), conf.toString());
    List<String> cmd = new ArrayList<>(javaCmd());
    // Extra JVM flags for the job, e.g. a flight recording:
    // -Dlatency.jobJvm="-XX:StartFlightRecording=filename=/tmp/live.jfr,settings=profile"
    String jvm = System.getProperty("latency.jobJvm", "").trim();
    if (!jvm.isEmpty()) {
      cmd.addAll(Arrays.asList(jvm.split("\\s+")));
    }
    cmd.addAll(
        List.of(
            "-Xmx1g",
            "-Djava.io.tmpdir=" + dir.resolve("tmp"),
            "-jar",
            jar.toString(),
            target.job,
            "--runner=FlinkRunner",
            "--parallelism=2",
            "--streaming=true",
            "--flinkConfDir=" + dir,
            "--source=KAFKA",
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopic=" + target.inputTopic(),
            "--startPosition=latest",
            // Each job starts fresh: its own checkpoint folder, never an earlier job's.
            "--stateDir=" + dir.resolve("state"),
            "--sink=KAFKA",
            "--outputTopicPrefix=" + PREFIX));
    if (redis != null) {
      cmd.addAll(
          List.of(
              "--redisServing=true",
              "--redisHost=127.0.0.1",
              "--redisPort=" + redis.port(),
              "--redisKeyPrefix=" + REDIS_PREFIX));
    }
    if (kafkaProps.length() > 0) {
      Path props = dir.resolve("kafka.properties");
      Files.writeString(props, kafkaProps.toString());
      cmd.add("--kafkaProperties=" + props);
    }
    cmd.addAll(options);
    Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
    log(
        "job "
            + jobNumber
            + " ("
            + variant
            + "): "
            + String.join(" ", options)
            + (kafkaProps.length() > 0
                ? " kafka{" + kafkaProps.toString().trim().replace('\n', ',') + "}"
                : "")
            + (conf.indexOf("buffer-timeout") >= 0 ? " flink-conf{execution.buffer-timeout}" : ""));
    job =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("job.log").toFile())
            .start();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  private void stopJobQuietly() {
    Process p = job;
    job = null;
    if (p == null) {
      return;
    }
    try {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  // ----------------------------------------------------------------------------- measuring

  /** Runs the rates with one job (drained between rates; restarted when a drain fails). */
  private void runRates(String variant, List<Integer> rates, boolean restartPerRate)
      throws Exception {
    boolean needJob = true;
    for (int rate : rates) {
      if (needJob || restartPerRate) {
        startJob(variant);
      }
      Map<String, Object> r = measure(variant, rate, needJob || restartPerRate);
      results.add(r);
      write();
      needJob = !Boolean.TRUE.equals(r.get("drained"));
    }
    stopJobQuietly();
  }

  /**
   * Doubling then bisecting on rates, on one job while it drains between probes (a fresh job after
   * a probe it could not drain).
   */
  private int findMax(String variant, int start) throws Exception {
    int good = 0;
    int bad = -1;
    int rate = start;
    boolean needJob = true;
    while (true) {
      if (needJob) {
        startJob(variant);
      }
      Map<String, Object> r = measure(variant, rate, needJob);
      r.put("probe", "findMax");
      results.add(r);
      write();
      needJob = !Boolean.TRUE.equals(r.get("drained"));
      if (Boolean.TRUE.equals(r.get("sustainable"))) {
        good = rate;
      } else {
        bad = rate;
      }
      rate = nextProbe(rate, good, bad);
      if (rate < 0) {
        break;
      }
    }
    stopJobQuietly();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxSustainable", good);
    m.put("variant", variant);
    m.put("firstUnsustainable", bad);
    maxResult = m;
    return good;
  }

  private Map<String, Object> maxResult;

  /** --findMax halves its first rate down to this one when that rate does not hold. */
  static final int MIN_PROBE_RATE = 100;

  /**
   * The next rate --findMax probes after probing {@code rate}, given the highest rate that held so
   * far ({@code good}, 0 if none) and the lowest that did not ({@code bad}, -1 if none); -1 when
   * the search is done: doubling while every probe holds (up to 64,000/s), halving while none has
   * (down to {@link #MIN_PROBE_RATE}), then bisecting until the gap is within 15% of {@code good}.
   */
  static int nextProbe(int rate, int good, int bad) {
    if (bad < 0) {
      return rate > 32_000 ? -1 : rate * 2;
    }
    if (good == 0) {
      return rate / 2 < MIN_PROBE_RATE ? -1 : rate / 2;
    }
    return bad - good > good * 0.15 ? (good + bad) / 2 : -1;
  }

  private final AtomicLong seq = new AtomicLong();

  /** One measurement: warm-up at the rate until decisions flow, then D seconds measured. */
  private Map<String, Object> measure(String variant, int rate, boolean freshJob) throws Exception {
    Map<String, Long> sent = new ConcurrentHashMap<>(rate * (seconds + 5) * 2);
    String run = "r" + System.currentTimeMillis() % 100000 + "-" + rate;
    Tally tally = new Tally(sent, run);
    Histogram latencies = tally.latencies;
    AtomicLong decided = tally.decided;
    AtomicLong warmDecided = tally.warmDecided;
    AtomicLong warmRateDecided = tally.warmRateDecided;
    AtomicLong late = tally.late;
    AtomicLong dead = tally.dead;
    AtomicLong duplicates = tally.duplicates;
    String warmPrefix = tally.warmPrefix;
    String warmRatePrefix = tally.warmRatePrefix;
    String measPrefix = tally.measPrefix;
    volatileStop = false;
    Thread consumer = new Thread(() -> consume(tally), "decisions-consumer");
    consumerReady = new java.util.concurrent.CountDownLatch(1);
    consumer.start();
    consumerReady.await(60, TimeUnit.SECONDS);
    Histogram redisLatencies = new SynchronizedHistogram(3);
    AtomicLong redisSeen = new AtomicLong();
    RedisWatch watch =
        redis == null ? null : new RedisWatch(sent, measPrefix, redisLatencies, redisSeen);
    String load0 = load();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rate", rate);
    r.put("variant", variant);
    r.put(
        "options",
        String.join(" ", VARIANTS.get(variant))
            + (extraJobOptions.isEmpty() ? "" : " " + String.join(" ", extraJobOptions)));
    r.put("seconds", seconds);
    r.put("idlePartitions", idlePartitions);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "acks",
                "1",
                "linger.ms",
                "0",
                "max.in.flight.requests.per.connection",
                "5"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      // Warm-up: 20 events/s until the first decision (the job is starting), then at the rate
      // until the job keeps up (fewer than rate/2 warm-up events undecided for 3 s in a row,
      // at least warmupSeconds, at most warmupSeconds + 120 s).
      long startWait = System.nanoTime();
      long limit = TimeUnit.SECONDS.toNanos(freshJob ? 300 : 60);
      Pacer pacer = new Pacer(20);
      long firstDecisionAt = -1;
      long warmSent = 0;
      long warmRateSent = 0;
      long steadySince = -1;
      boolean steady = false;
      while (true) {
        long now = System.nanoTime();
        if (firstDecisionAt < 0 && warmDecided.get() > 0) {
          firstDecisionAt = now;
          pacer = new Pacer(rate);
          log(
              String.format(
                  "  %s @%d/s: decisions flow after %.1f s",
                  variant, rate, (now - startWait) / 1e9));
        }
        if (firstDecisionAt > 0) {
          boolean keepsUp = warmRateSent - warmRateDecided.get() < Math.max(20, rate / 2);
          if (!keepsUp) {
            steadySince = -1;
          } else if (steadySince < 0) {
            steadySince = now;
          }
          long since = now - firstDecisionAt;
          if (since > TimeUnit.SECONDS.toNanos(warmupSeconds)
              && steadySince > 0
              && now - steadySince > TimeUnit.SECONDS.toNanos(3)) {
            steady = true;
            break;
          }
          if (since > TimeUnit.SECONDS.toNanos(warmupSeconds + 120)) {
            break;
          }
        }
        if (firstDecisionAt < 0 && now - startWait > limit) {
          throw new IllegalStateException(
              "no decision within " + limit / 1_000_000_000 + " s; see the job log under " + work);
        }
        Process p = job;
        if (p == null || !p.isAlive()) {
          throw new IllegalStateException("the job exited; see the job log under " + work);
        }
        pacer.await();
        if (firstDecisionAt > 0) {
          send(producer, warmRatePrefix + warmRateSent++, null);
        } else {
          send(producer, warmPrefix + warmSent++, null);
        }
      }
      r.put("warmupSteady", steady);
      log(
          String.format(
              "  %s @%d/s: warm-up %s after %.1f s (%d sent, %d decided)",
              variant,
              rate,
              steady ? "steady" : "NOT steady",
              (System.nanoTime() - startWait) / 1e9,
              warmRateSent,
              warmRateDecided.get()));
      r.put("warmupProduced", warmSent + warmRateSent);
      r.put("warmupAtRateProduced", warmRateSent);
      r.put("warmupAtRateDecided", warmRateDecided.get());
      // Measured phase.
      long measureStart = System.nanoTime();
      long jobCpuStart = jobCpuNanos();
      pacer = new Pacer(rate);
      int total = rate * seconds;
      List<long[]> backlog = new ArrayList<>(); // {ms since start, produced, decided}
      long nextSample = measureStart;
      long behind = 0;
      for (int i = 0; i < total; i++) {
        long lateness = pacer.await();
        if (lateness > 5_000_000) {
          behind++;
        }
        String id = measPrefix + i;
        send(producer, id, sent);
        long now = System.nanoTime();
        if (now >= nextSample) {
          backlog.add(new long[] {(now - measureStart) / 1_000_000, i + 1, decided.get()});
          nextSample += 1_000_000_000L;
        }
      }
      producer.flush();
      long produceEnd = System.nanoTime();
      double actualSeconds = (produceEnd - measureStart) / 1e9;
      // Grace: wait until every decision arrived, or graceSeconds.
      long graceEnd = produceEnd + TimeUnit.SECONDS.toNanos(graceSeconds);
      while (decided.get() < total && System.nanoTime() < graceEnd) {
        Thread.sleep(20);
      }
      long decidedInGrace = decided.get();
      long jobCpu = jobCpuNanos() - jobCpuStart;
      backlog.add(
          new long[] {(System.nanoTime() - measureStart) / 1_000_000, total, decidedInGrace});
      // Drain (for the next rate on the same job): up to 60 s more.
      long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (decided.get() < total && System.nanoTime() < drainEnd) {
        Thread.sleep(50);
      }
      long decidedEventually = decided.get();
      volatileStop = true;
      consumer.join(10_000);

      r.put("produced", total);
      r.put("produceSeconds", Math.round(actualSeconds * 100) / 100.0);
      r.put("producerBehindPct", Math.round(1000.0 * behind / total) / 10.0);
      r.put("decided", decidedInGrace);
      r.put("missing", total - decidedInGrace);
      r.put("decidedAfterDrain", decidedEventually);
      r.put("late", late.get());
      r.put("deadLetters", dead.get());
      r.put("duplicates", duplicates.get());
      // The job process's CPU time (all its threads) from the first measured send until the last
      // decision arrived (or the grace ran out), per 1,000 transactions produced.
      r.put("jobCpuSecondsPer1000", Math.round(jobCpu / 1e9 / total * 1000 * 1000) / 1000.0);
      r.put("p50ms", pct(latencies, 0.50));
      r.put("p95ms", pct(latencies, 0.95));
      r.put("p99ms", pct(latencies, 0.99));
      r.put("maxMs", latencies.getTotalCount() == 0 ? -1 : latencies.getMaxValue() / 1000 / 1000.0);
      r.put("percentiles", LatencyChart.percentiles(latencies));
      latencyHistograms.put(r, latencies);
      double slope = backlogSlope(backlog);
      r.put("backlogSlopePerSec", Math.round(slope * 10) / 10.0);
      r.put(
          "backlog",
          backlog.stream()
              .map(s -> s[0] / 1000 + "s:" + (s[1] - s[2]))
              .collect(Collectors.joining(" ")));
      boolean sustainable =
          steady
              && decidedInGrace == total
              && slope < Math.max(5, rate * 0.02)
              && actualSeconds < seconds * 1.05;
      r.put("sustainable", sustainable);
      r.put("drained", decidedEventually == total);
      r.put("loadBefore", load0);
      r.put("loadAfter", load());
      if (watch != null) {
        watch.close();
        Histogram rl = redisLatencies;
        r.put("redisSeen", redisSeen.get());
        r.put("redisP50ms", pct(rl, 0.50));
        r.put("redisP95ms", pct(rl, 0.95));
        r.put("redisP99ms", pct(rl, 0.99));
        log(
            String.format(
                "  %s @%d/s: Redis lists seen %d of %d, p50 %.1f p95 %.1f p99 %.1f ms",
                variant, rate, redisSeen.get(), total, pct(rl, 0.5), pct(rl, 0.95), pct(rl, 0.99)));
      }
      log(
          String.format(
              "  %s @%d/s: produced %d decided %d (missing %d) p50 %.1f p95 %.1f"
                  + " p99 %.1f max %.1f ms, backlog slope %.1f/s, sustainable %s, job CPU %.3f s"
                  + " per 1,000, load %s",
              variant,
              rate,
              total,
              decidedInGrace,
              total - decidedInGrace,
              pct(latencies, 0.5),
              pct(latencies, 0.95),
              pct(latencies, 0.99),
              (double) r.get("maxMs"),
              slope,
              sustainable,
              (double) r.get("jobCpuSecondsPer1000"),
              r.get("loadAfter")));
    } finally {
      volatileStop = true;
      consumer.join(10_000);
      if (watch != null) {
        watch.close();
      }
    }
    return r;
  }

  /**
   * Send-to-Redis latency of session lists: on each keyspace notification of a session key's hash
   * write, reads the hash's {@code eventId} and, the first time a measured id shows, records now
   * minus its send time. A list overwritten by the session's next one before it was read is not
   * seen (counted as "seen" below the number sent).
   */
  private final class RedisWatch extends redis.clients.jedis.JedisPubSub {
    private final Map<String, Long> sent;
    private final String measPrefix;
    private final Histogram latencies;
    private final AtomicLong seen;
    private final java.util.Set<String> got = ConcurrentHashMap.newKeySet();
    private final redis.clients.jedis.Jedis reader = redis.client();
    private final Thread thread;

    RedisWatch(Map<String, Long> sent, String measPrefix, Histogram latencies, AtomicLong seen)
        throws InterruptedException {
      this.sent = sent;
      this.measPrefix = measPrefix;
      this.latencies = latencies;
      this.seen = seen;
      java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
      thread =
          new Thread(
              () -> {
                try (redis.clients.jedis.Jedis sub = redis.client()) {
                  subscribed.countDown();
                  sub.psubscribe(this, "__keyspace@0__:" + REDIS_PREFIX + "recs:session:*");
                } catch (RuntimeException e) {
                  log("redis watch stopped: " + e);
                }
              },
              "redis-watch");
      thread.start();
      subscribed.await(10, TimeUnit.SECONDS);
      Thread.sleep(200); // psubscribe is sent just after the latch
    }

    @Override
    public void onPMessage(String pattern, String channel, String message) {
      if (!message.equals("hset")) {
        return;
      }
      long now = System.nanoTime();
      String key = channel.substring(channel.indexOf(':') + 1);
      String id = reader.hget(key, "eventId");
      if (id != null && id.startsWith(measPrefix) && got.add(id)) {
        Long t = sent.get(id);
        seen.incrementAndGet();
        if (t != null) {
          latencies.recordValue(Math.max(0, now - t));
        }
      }
    }

    void close() {
      if (isSubscribed()) {
        punsubscribe();
      }
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reader.close();
    }
  }

  private volatile boolean volatileStop;
  private volatile java.util.concurrent.CountDownLatch consumerReady;

  private void send(KafkaProducer<String, byte[]> producer, String txnId, Map<String, Long> sent)
      throws IOException {
    int k = (int) (seq.getAndIncrement() % templates.size());
    long nowMillis = System.currentTimeMillis();
    byte[] value =
        templates
            .get(k)
            .replace("@@ID@@", txnId)
            .replace("@@TS@@", ISO_MILLIS.format(Instant.ofEpochMilli(nowMillis)))
            .getBytes(StandardCharsets.UTF_8);
    if (sent != null) {
      sent.put(txnId, System.nanoTime());
    }
    producer.send(
        new ProducerRecord<>(
            target.inputTopic(), templatePartitions.get(k), templateKeys.get(k), value));
  }

  /**
   * The partition among the active ones for records of {@code key}: Kafka's own keyed choice
   * (murmur2 of the key's bytes) over {@link #ACTIVE_PARTITIONS} partitions, so without idle
   * partitions every key lands where the default partitioner put it, and with them never on an idle
   * one.
   */
  static int activePartition(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
        % ACTIVE_PARTITIONS;
  }

  /**
   * What the decisions consumer counts during one measurement: written by its thread, read by the
   * measurement after the consumer stopped. Measured events are named {@code measPrefix<i>},
   * warm-up ones {@code warmPrefix<i>} (at the rate: {@code warmRatePrefix<i>}).
   */
  private static final class Tally {
    final Map<String, Long> sent;
    final String warmPrefix;
    final String warmRatePrefix;
    final String measPrefix;
    // HdrHistogram (3 significant digits, resizing): every measured decision, whatever the count.
    final Histogram latencies = new SynchronizedHistogram(3);
    final AtomicLong decided = new AtomicLong();
    final AtomicLong warmDecided = new AtomicLong();
    final AtomicLong warmRateDecided = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong dead = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();

    Tally(Map<String, Long> sent, String run) {
      this.sent = sent;
      this.warmPrefix = "warm-" + run + "-";
      // Warm-up events sent at the rate once decisions flow (those before may never be read: the
      // job starts at the latest offset).
      this.warmRatePrefix = warmPrefix + "r";
      this.measPrefix = "m-" + run + "-";
    }
  }

  private void consume(Tally tally) {
    String decisions = target.topic(target.output);
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                kafka.bootstrapServers(),
                "enable.auto.commit",
                "false",
                "fetch.max.wait.ms",
                "5",
                "max.poll.records",
                "5000"),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (String o : List.of(target.output, "late", "dead-letters", "duplicates")) {
        String t = target.topic(o);
        c.partitionsFor(t, java.time.Duration.ofSeconds(30))
            .forEach(p -> parts.add(new TopicPartition(t, p.partition())));
      }
      c.assign(parts);
      c.seekToEnd(parts);
      parts.forEach(c::position); // resolve the end offsets now, before producing
      consumerReady.countDown();
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (!volatileStop) {
        ConsumerRecords<String, String> recs = c.poll(java.time.Duration.ofMillis(20));
        long now = System.nanoTime();
        for (ConsumerRecord<String, String> rec : recs) {
          String topic = rec.topic();
          // Decisions are keyed by txnId; a session's lists by session: the id is in the value.
          String key = target == Target.FRAUD ? rec.key() : idOf(rec.value());
          if (topic.equals(decisions)) {
            if (key == null) {
              continue;
            }
            if (key.startsWith(tally.measPrefix)) {
              Long t = tally.sent.get(key);
              if (t != null && seen.add(key)) {
                tally.decided.incrementAndGet();
                tally.latencies.recordValue(Math.max(0, now - t));
              }
            } else if (key.startsWith(tally.warmPrefix)) {
              tally.warmDecided.incrementAndGet();
              if (key.startsWith(tally.warmRatePrefix)) {
                tally.warmRateDecided.incrementAndGet();
              }
            }
          } else if (topic.endsWith("late")) {
            tally.late.incrementAndGet();
          } else if (topic.endsWith("dead-letters")) {
            tally.dead.incrementAndGet();
          } else {
            tally.duplicates.incrementAndGet();
          }
        }
      }
    } catch (RuntimeException e) {
      log("consumer failed: " + e);
      consumerReady.countDown();
    }
  }

  /** The {@code eventId} of a list, found without parsing the whole value. */
  private static String idOf(String value) {
    int i = value == null ? -1 : value.indexOf("\"eventId\":\"");
    if (i < 0) {
      return null;
    }
    int start = i + 11;
    return value.substring(start, value.indexOf('"', start));
  }

  /** Least-squares slope (per second) of produced - decided over the second half of the run. */
  /** CPU time the job process has used so far (all threads), or 0 when unknown. */
  private long jobCpuNanos() {
    Process p = job;
    return p == null
        ? 0
        : p.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  private static double backlogSlope(List<long[]> samples) {
    List<long[]> s = samples.subList(samples.size() / 2, samples.size());
    if (s.size() < 3) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (long[] x : s) {
      mx += x[0] / 1000.0;
      my += x[1] - x[2];
    }
    mx /= s.size();
    my /= s.size();
    double num = 0;
    double den = 0;
    for (long[] x : s) {
      double dx = x[0] / 1000.0 - mx;
      num += dx * (x[1] - x[2] - my);
      den += dx * dx;
    }
    return den == 0 ? 0 : num / den;
  }

  /** The {@code p} quantile (0..1) of nanosecond latencies in milliseconds; -1 when empty. */
  private static double pct(Histogram h, double p) {
    return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(p * 100) / 1000 / 1000.0;
  }

  /** Schedules event i at start + i/rate by System.nanoTime(): no drift from sleep overshoot. */
  static final class Pacer {
    private final long start = System.nanoTime();
    private final double intervalNanos;
    private long i;

    Pacer(int rate) {
      this.intervalNanos = 1e9 / rate;
    }

    /** Waits for the next slot; returns how late (ns) the caller is for it (0 when on time). */
    long await() {
      long due = start + (long) (i++ * intervalNanos);
      long now;
      while ((now = System.nanoTime()) < due) {
        long left = due - now;
        if (left > 200_000) {
          LockSupport.parkNanos(left - 100_000);
        } else {
          Thread.onSpinWait();
        }
      }
      return now - due;
    }
  }

  private static String load() {
    try {
      String s = Files.readString(Paths.get("/proc/loadavg")).trim();
      return String.join(" ", Arrays.asList(s.split(" ")).subList(0, 3));
    } catch (IOException e) {
      return "?";
    }
  }

  private static void log(String s) {
    System.out.println(ISO_MILLIS.format(Instant.now()) + " " + s);
    System.out.flush();
  }

  // ---------------------------------------------------------------------------------- output

  private synchronized void write() {
    try {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put(
          "benchmark",
          "Kafka -> "
              + target.job
              + " "
              + target.output
              + " latency, Flink runner,"
              + " parallelism 2"
              + (redis != null ? ", and to Redis" : ""));
      doc.put("seconds", seconds);
      doc.put("warmupSeconds", warmupSeconds);
      doc.put("graceSeconds", graceSeconds);
      doc.put("inputPartitions", ACTIVE_PARTITIONS + idlePartitions);
      doc.put("idlePartitions", idlePartitions);
      doc.put(
          "percentilesFormat",
          "per row: latency (ms) at each percentile, the points latency.png draws (x = 1/(1-p))");
      doc.put("variants", VARIANTS);
      if (maxResult != null) {
        doc.put("maxSustainable", maxResult);
      }
      doc.put("results", results);
      Files.writeString(
          out.resolve("latency.json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      boolean chart = writeChart();
      StringBuilder md = new StringBuilder();
      md.append(
              "# Kafka -> "
                  + target.job
                  + " "
                  + target.output
                  + " latency (Flink runner, parallelism 2)\n\n")
          .append(
              "Latency = arrival of the output on `"
                  + target.job
                  + "."
                  + target.output
                  + "` minus the producer's send call, per "
                  + target.idField
                  + ". ")
          .append(
              redis != null
                  ? "Redis: the time the session's hash in Redis first showed the"
                      + " click's eventId (keyspace notification, then HGET), same clock. "
                  : "")
          .append(seconds)
          .append(" s measured per row after ")
          .append(warmupSeconds)
          .append(" s of warm-up; decisions missing after ")
          .append(graceSeconds)
          .append(
              " s of grace count as missing. Sustainable: none missing"
                  + " and the backlog (produced - decided) not growing. Load = 1/5/15-min load"
                  + " average after the row (2 cores, shared machine).\n\n")
          .append("Input topic: ")
          .append(ACTIVE_PARTITIONS + idlePartitions)
          .append(" partitions, ")
          .append(
              idlePartitions == 0
                  ? "none idle (`--idlePartitions=0`).\n\n"
                  : idlePartitions
                      + " of them idle (`--idlePartitions`: never written to; the producer keeps"
                      + " each key on one of the "
                      + ACTIVE_PARTITIONS
                      + " others).\n\n");
      if (maxResult != null) {
        md.append("Max sustainable rate (")
            .append(maxResult.get("variant"))
            .append("): **")
            .append(maxResult.get("maxSustainable"))
            .append(" events/s** (first unsustainable" + " probe: ")
            .append(maxResult.get("firstUnsustainable"))
            .append(")\n\n");
      }
      boolean withRedis = redis != null;
      md.append(
              "| rate/s | options | produced | decided | missing | p50 ms | p95 ms | p99 ms |"
                  + " max ms | backlog slope/s | sustainable | job CPU s per 1,000 | load |"
                  + (withRedis ? " Redis seen | Redis p50 ms | Redis p99 ms |" : "")
                  + "\n")
          .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|")
          .append(withRedis ? "---:|---:|---:|" : "")
          .append("\n");
      for (Map<String, Object> r : results) {
        md.append("| ")
            .append(r.get("rate"))
            .append(" | ")
            .append(r.get("variant"))
            .append(r.containsKey("probe") ? " (probe)" : "")
            .append(" | ")
            .append(r.get("produced"))
            .append(" | ")
            .append(r.get("decided"))
            .append(" | ")
            .append(r.get("missing"))
            .append(" | ")
            .append(r.get("p50ms"))
            .append(" | ")
            .append(r.get("p95ms"))
            .append(" | ")
            .append(r.get("p99ms"))
            .append(" | ")
            .append(r.get("maxMs"))
            .append(" | ")
            .append(r.get("backlogSlopePerSec"))
            .append(" | ")
            .append(Boolean.TRUE.equals(r.get("sustainable")) ? "yes" : "no")
            .append(" | ")
            .append(r.get("jobCpuSecondsPer1000"))
            .append(" | ")
            .append(r.get("loadAfter"))
            .append(" |")
            .append(
                withRedis
                    ? " "
                        + r.get("redisSeen")
                        + " | "
                        + r.get("redisP50ms")
                        + " | "
                        + r.get("redisP99ms")
                        + " |"
                    : "")
            .append("\n");
      }
      if (chart) {
        md.append("\n![Latency by percentile, one curve per row](latency.png)\n");
      }
      md.append("\nOption sets:\n\n");
      VARIANTS.forEach(
          (k, v) ->
              md.append("- `")
                  .append(k)
                  .append("`: ")
                  .append(
                      v.isEmpty()
                          ? "(none)"
                          : v.stream().map(x -> "`" + x + "`").collect(Collectors.joining(" ")))
                  .append('\n'));
      if (!extraJobOptions.isEmpty()) {
        md.append("\nEvery row also had (`--jobOpt`): ")
            .append(
                extraJobOptions.stream().map(x -> "`" + x + "`").collect(Collectors.joining(" ")))
            .append('\n');
      }
      md.append(
          "\n`@flinkconf:` lines go into the job's flink-conf.yaml (`--flinkConfDir`),"
              + " `@kafka:` lines into its `--kafkaProperties` file.\n");
      Files.writeString(out.resolve("latency.md"), md.toString());
    } catch (IOException e) {
      log("cannot write results: " + e);
    }
  }

  /** {@code latency.png} from the rows measured so far; false when there is none to draw. */
  private boolean writeChart() {
    List<LatencyChart.Curve> curves = new ArrayList<>();
    for (Map<String, Object> r : results) {
      Histogram h = latencyHistograms.get(r);
      if (h != null && h.getTotalCount() > 0) {
        curves.add(
            new LatencyChart.Curve(
                r.get("variant")
                    + " @"
                    + r.get("rate")
                    + "/s"
                    + (r.containsKey("probe") ? " (probe)" : ""),
                h));
      }
    }
    if (curves.isEmpty()) {
      return false;
    }
    try {
      LatencyChart.write(
          "Kafka -> "
              + target.job
              + " "
              + target.output
              + " latency (Flink, p=2"
              + (idlePartitions == 1 ? ", 1 idle partition" : "")
              + (idlePartitions > 1 ? ", " + idlePartitions + " idle partitions" : "")
              + ")",
          curves,
          out.resolve("latency.png"));
      return true;
    } catch (IOException | RuntimeException e) {
      log("cannot draw latency.png: " + e);
      return false;
    }
  }
}
