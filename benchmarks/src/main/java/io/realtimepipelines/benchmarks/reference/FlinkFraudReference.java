package io.realtimepipelines.benchmarks.reference;

import io.realtimepipelines.benchmarks.Args;
import io.realtimepipelines.fraud.Action;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.joda.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The fraud job written by hand on Flink's DataStream API, as the reference the Beam job on the
 * Flink runner is measured against (issue #19). Same rules, same decisions as the Beam {@code
 * fraud} job and {@code FraudModel}: a parallel read of the lines, decode and validate with the
 * job's {@code RecordDecoder} (dead letters as the baseline writes them), drop repeated ids (the
 * first copy in the file wins), then one keyed step per rule stage in sequence (IP, skipped by
 * transactions without one; account; merchant), each applying a key's transactions in event-time
 * order (ties by transaction id) to the key's rule state, then the stateless rules and the
 * decision, written as JSON Lines. Batch execution mode on an embedded cluster bound to 127.0.0.1.
 * Prints the summary the benchmark harness reads from the baseline and the jobs.
 *
 * <p>Out of scope: fraud reports (feedback), lookups (every transaction gets no enrichment, as in
 * the benchmark), and rules files whose keyed user rules need a step of their own (keys other than
 * IP, account or merchant): refused.
 *
 * <pre>
 * java --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
 *   -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *   io.realtimepipelines.benchmarks.reference.FlinkFraudReference --input=transactions.jsonl \
 *   --rulesFile=rules/fraud-rules.json --outputDir=/tmp/reference --parallelism=2
 * </pre>
 *
 * <p>(The harness passes all of {@link #JAVA_17_OPENS}.) Outputs: {@code decisions/}, {@code
 * dead-letters/} and {@code duplicates/} under {@code --outputDir}, each with one {@code
 * <name>-<id>-<n>.jsonl} file per writing subtask.
 */
public final class FlinkFraudReference {
  static final String RUNNER_NAME = "FlinkDataStream";

  /**
   * The {@code --add-opens} flags Flink's own launch scripts give a Java 17 JVM ({@code
   * env.java.opts.all} of Flink 1.19's default configuration): its Kryo fallback (used for the file
   * splits the reader receives, for one) reflects into {@code java.util}. The bundled jar's
   * manifest gives the Beam jobs the same.
   */
  public static final List<String> JAVA_17_OPENS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  static final String USER_KEYS_UNSUPPORTED =
      "the rules file has keyed user rules keyed other than by ip, accountId or merchantId; the"
          + " hand-written Flink reference runs only the three built-in keyed stages: use a rules"
          + " file without such rules (e.g. the shipped rules/fraud-rules.json)";

  private FlinkFraudReference() {}

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // Flink's INFO lines would bury the summary in the log the harness reads.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return Args.commandLine(new Cli());
  }

  /** The command line: input, rules, output folder, parallelism. */
  @Command(name = "FlinkFraudReference", sortOptions = false)
  static final class Cli implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Args.Help help;

    @Option(
        names = "--input",
        paramLabel = "FILE",
        required = true,
        description = "transactions, JSON Lines")
    Path input;

    @Option(
        names = "--rulesFile",
        paramLabel = "FILE",
        required = true,
        description = "fraud rules, e.g. rules/fraud-rules.json")
    Path rulesFile;

    @Option(
        names = "--outputDir",
        paramLabel = "DIR",
        defaultValue = "output/flink-reference",
        description = "output folder (default ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(
        names = "--parallelism",
        paramLabel = "N",
        defaultValue = "2",
        description = "parallelism of every step (default ${DEFAULT-VALUE})")
    int parallelism;

    @Override
    public Integer call() throws Exception {
      if (parallelism < 1) {
        throw new ParameterException(
            spec.commandLine(), "--parallelism must be 1 or more, got " + parallelism);
      }
      FraudRules rules = FraudRules.parse(Files.readString(rulesFile));
      refuseUnsupported(rules);
      long start = System.nanoTime();
      Summary s = run(input, rules, outputDir, parallelism);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%nfraud DONE in %.1f s on %s%n", seconds, RUNNER_NAME);
      s.lines().forEach(System.out::println);
      return 0;
    }
  }

  /** What a run counted, from the job's accumulators. */
  record Summary(
      long read,
      long valid,
      long deadLetters,
      long duplicates,
      long approve,
      long review,
      long block) {

    long decisions() {
      return approve + review + block;
    }

    /** The lines the baseline prints, which {@code JobSummary} parses. */
    List<String> lines() {
      List<String> out = new ArrayList<>();
      out.add(String.format(Locale.ROOT, "  %-14s %,12d records", "transaction read", read));
      out.add(String.format(Locale.ROOT, "  %-14s %,12d", "valid", valid - duplicates));
      out.add(String.format(Locale.ROOT, "  %-14s %,12d", "dead letters", deadLetters));
      out.add(String.format(Locale.ROOT, "  %-14s %,12d", "duplicates", duplicates));
      out.add(
          "  accounting     read = valid + dead letters + duplicates: "
              + (read == valid + deadLetters ? "ok" : "MISMATCH"));
      out.add(
          String.format(
              Locale.ROOT,
              "  decisions      APPROVE %,d  REVIEW %,d  BLOCK %,d  late 0",
              approve,
              review,
              block));
      out.add(
          "  accounting     scored = decisions + late: "
              + (decisions() == valid - duplicates ? "ok" : "MISMATCH"));
      return out;
    }
  }

  /**
   * Refuses rules whose keyed user rules need keys of their own (a step the reference does not
   * have), judged on a transaction with every field set; {@code DecodeLines} checks every real
   * transaction too.
   */
  static void refuseUnsupported(FraudRules rules) {
    if (!rules.userRules.hasKeyed()) {
      return;
    }
    Transaction probe =
        Transaction.builder()
            .setTxnId("probe")
            .setAccountId("account")
            .setCardId("card")
            .setAmount(BigDecimal.ONE)
            .setMerchantId("merchant")
            .setMerchantCategory("5411")
            .setIp("10.0.0.1")
            .setDeviceId("device")
            .setCountry("US")
            .setLat(0.0)
            .setLon(0.0)
            .setTimestamp(new Instant(0))
            .build();
    if (!rules.userRules.partKeys(probe).isEmpty()) {
      throw new IllegalArgumentException(USER_KEYS_UNSUPPORTED);
    }
  }

  /** Builds and runs the job on an embedded cluster; returns its counts. */
  static Summary run(Path input, FraudRules rules, Path outputDir, int parallelism)
      throws Exception {
    Configuration conf = new Configuration();
    // The embedded cluster binds every interface unless told otherwise.
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
    conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    // Every function here leaves its input alone and emits new objects.
    env.getConfig().enableObjectReuse();
    build(env, input, rules, outputDir);
    JobExecutionResult result = env.execute("FlinkFraudReference");
    return new Summary(
        count(result, FraudSteps.READ),
        count(result, FraudSteps.VALID),
        count(result, FraudSteps.DEAD),
        count(result, FraudSteps.DUPLICATES),
        count(result, FraudSteps.decisions(Action.APPROVE)),
        count(result, FraudSteps.decisions(Action.REVIEW)),
        count(result, FraudSteps.decisions(Action.BLOCK)));
  }

  /** The job graph: read, decode, drop repeats, IP, account and merchant stages, decide, write. */
  static void build(StreamExecutionEnvironment env, Path input, FraudRules rules, Path outputDir) {
    String file = input.toAbsolutePath().toString();
    TypeInformation<Tuple2<Long, byte[]>> lineType =
        new TypeHint<Tuple2<Long, byte[]>>() {}.getTypeInfo();
    SingleOutputStreamOperator<ScoredTransaction> valid =
        env.createInput(new LineFormat(new org.apache.flink.core.fs.Path(file)), lineType)
            .name("ReadLines")
            .uid("ReadLines")
            .process(new FraudSteps.DecodeLines(file, rules), ScoredTransactionSerializer.TYPE)
            .name("ParseTransactions")
            .uid("ParseTransactions");
    SingleOutputStreamOperator<ScoredTransaction> firstCopies =
        valid
            .keyBy(s -> s.txn.getTxnId(), Types.STRING)
            .process(new FraudSteps.DropRepeats(), ScoredTransactionSerializer.TYPE)
            .name("DropRepeats")
            .uid("DropRepeats");
    DataStream<ScoredTransaction> byIp =
        firstCopies
            .keyBy(s -> s.txn.getIp(), Types.STRING)
            .process(
                new FraudSteps.ApplyStage(RuleStage.IP, rules), ScoredTransactionSerializer.TYPE)
            .name("IpStage")
            .uid("IpStage");
    DataStream<ScoredTransaction> byAccount =
        byIp.union(firstCopies.getSideOutput(FraudSteps.WITHOUT_IP))
            .keyBy(s -> s.txn.getAccountId(), Types.STRING)
            .process(
                new FraudSteps.ApplyStage(RuleStage.ACCOUNT, rules),
                ScoredTransactionSerializer.TYPE)
            .name("AccountStage")
            .uid("AccountStage");
    DataStream<String> decisions =
        byAccount
            .keyBy(s -> s.txn.getMerchantId(), Types.STRING)
            .process(
                new FraudSteps.ApplyStage(RuleStage.MERCHANT, rules),
                ScoredTransactionSerializer.TYPE)
            .name("MerchantStage")
            .uid("MerchantStage")
            .process(new FraudSteps.DecideTransactions(rules), Types.STRING)
            .name("Decide")
            .uid("Decide");
    write(decisions, outputDir, "decisions", "WriteDecisions");
    write(
        valid.getSideOutput(FraudSteps.DEAD_LETTERS),
        outputDir,
        "dead-letters",
        "WriteDeadLetters");
    write(
        firstCopies.getSideOutput(FraudSteps.REPEATS), outputDir, "duplicates", "WriteDuplicates");
  }

  private static void write(DataStream<String> lines, Path outputDir, String name, String step) {
    FileSink<String> sink =
        FileSink.forRowFormat(
                new org.apache.flink.core.fs.Path(outputDir.resolve(name).toUri()),
                new SimpleStringEncoder<String>("UTF-8"))
            .withBucketAssigner(new BasePathBucketAssigner<>())
            .withOutputFileConfig(
                OutputFileConfig.builder().withPartPrefix(name).withPartSuffix(".jsonl").build())
            .build();
    lines.sinkTo(sink).name(step).uid(step);
  }

  private static long count(JobExecutionResult result, String name) {
    Long n = result.getAccumulatorResult(name);
    return n == null ? 0 : n;
  }
}
