package io.realtimepipelines.pipelines.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudResult;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.fraud.RulesSource;
import io.realtimepipelines.fraud.ScoreFraud;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.Job;
import io.realtimepipelines.pipelines.RunnerCapabilities;
import io.realtimepipelines.pipelines.Sinks;
import io.realtimepipelines.pipelines.Sources;
import io.realtimepipelines.pipelines.options.ParseOptions;
import io.realtimepipelines.pipelines.options.SinkKind;
import io.realtimepipelines.pipelines.options.SinkOptions;
import io.realtimepipelines.pipelines.options.SourceKind;
import io.realtimepipelines.pipelines.options.SourceOptions;
import io.realtimepipelines.pipelines.redis.RedisOptions;
import io.realtimepipelines.pipelines.redis.RedisSteps;
import io.realtimepipelines.validation.ParseResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Decides APPROVE, REVIEW or BLOCK on every transaction as soon as the watermark passes it, with
 * the rules that fired and why; alerts (REVIEW and BLOCK) also go to their own output.
 *
 * <pre>
 * ./rtp fraud --input='testdata/transactions*.jsonl'
 * </pre>
 */
public final class FraudJob implements Job<FraudJob.Options> {
  public static final String NAME = "fraud";
  public static final String DECISIONS = "decisions";
  public static final String ALERTS = "alerts";
  public static final String LATE = "late";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String DUPLICATES = "duplicates";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeDescriptor<KV<String, String>> KEYED_JSON =
      TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings());

  /** Options of the fraud job. */
  public interface Options extends SourceOptions, SinkOptions, ParseOptions, RedisOptions {
    @Description(
        "Fraud reports (JSON Lines: txnId, accountId, merchantId, fraud, timestamp), a file or a"
            + " glob; optional. Confirmed frauds raise the risk of the merchant and the account.")
    String getFeedbackInput();

    void setFeedbackInput(String value);

    @Description(
        "Topic of fraud reports with --source=KAFKA (same format as --feedbackInput), e.g."
            + " fraud-feedback; optional.")
    String getFeedbackTopic();

    void setFeedbackTopic(String value);

    @Description(
        "Rules file (JSON; only 'version' and the keys it changes, merged over the shipped"
            + " rules/fraud-rules.json; checked against rules/fraud-rules.schema.json); re-read when it"
            + " changes. Default: the shipped rules.")
    String getRulesFile();

    void setRulesFile(String value);

    @Description("How often (seconds) workers check --rulesFile for changes; 0 reads it once.")
    @Default.Long(10)
    long getRulesReloadSeconds();

    void setRulesReloadSeconds(long value);

    @Description(
        "Seconds a decision waits after the watermark for older transactions still on their way;"
            + " transactions later than that for their key go to the late output.")
    @Default.Long(0)
    long getAllowedLatenessSeconds();

    void setAllowedLatenessSeconds(long value);

    @Description(
        "Look up Redis blocklists (sets <prefix>blocklist:accounts|cards|ips|devices) and account"
            + " profiles (hashes <prefix>profile:account:<id>) before scoring; see --redisHost.")
    @Default.Boolean(false)
    boolean getRedisLookups();

    void setRedisLookups(boolean value);

    @Description(
        "Decide each transaction as soon as it reaches each keyed stage, in arrival order, instead"
            + " of once the watermark has passed it: decisions several times sooner on a live"
            + " stream (BENCHMARKS.md, 'Deciding on arrival'), but they depend on the order"
            + " transactions arrive in; --allowedLatenessSeconds is ignored and nothing is late."
            + " Live sources only (KAFKA, GENERATOR). See docs/kafka.md.")
    @Default.Boolean(false)
    boolean getDecideOnArrival();

    void setDecideOnArrival(boolean value);

    @Description("How many top alerts (by score) a local run prints at the end.")
    @Default.Integer(10)
    int getTopAlerts();

    void setTopAlerts(int value);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "score every transaction: APPROVE, REVIEW or BLOCK with reasons; alerts to their own output";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public Pipeline build(Options options) {
    Sources.check(options, EventType.TRANSACTION);
    Sinks.check(options);
    if (options.getAllowedLatenessSeconds() < 0 || options.getAllowedLatenessSeconds() > 3600) {
      throw new IllegalArgumentException(
          "--allowedLatenessSeconds must be between 0 and 3600, got "
              + options.getAllowedLatenessSeconds());
    }
    RunnerCapabilities.requireEventTimeTimers(
        options, "The fraud job", "Replay the same events from files in batch");
    if (options.getDecideOnArrival() && options.getSource() == SourceKind.FILE) {
      throw new IllegalArgumentException(
          "--decideOnArrival=true decides transactions in the order they arrive, which for files is"
              + " the order the runner happens to read them in, not the stream's: decisions would"
              + " change from run to run. Use it with --source=KAFKA or GENERATOR; files are"
              + " decided in event-time order without it.");
    }
    RulesSource rules = rules(options);
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options, rules);
    return pipeline;
  }

  /** The rules the options ask for; fails with the problems when the file is not valid. */
  public static RulesSource rules(Options options) {
    if (options.getRulesFile() == null) {
      return RulesSource.fixed(defaultRules());
    }
    if (options.getRulesReloadSeconds() < 0) {
      throw new IllegalArgumentException(
          "--rulesReloadSeconds must be 0 (read once) or more, got "
              + options.getRulesReloadSeconds());
    }
    try {
      return WatchedRulesFile.load(options.getRulesFile(), options.getRulesReloadSeconds());
    } catch (WatchedRulesFile.InvalidRulesFile e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The built-in rules: the shipped {@code rules/fraud-rules.json}, which the build puts in the
   * jar.
   */
  public static FraudRules defaultRules() {
    return FraudRules.defaults();
  }

  /** Adds the job's steps to {@code pipeline}; tests call this with a TestPipeline. */
  public static FraudResult buildPipeline(Pipeline pipeline, Options options, RulesSource rules) {
    ParseResult<Transaction> txns =
        Sources.read(pipeline, options, EventType.TRANSACTION)
            .apply(
                "ValidateTransactions",
                ParseOptions.parseEvents(EventType.TRANSACTION, options, NAME));
    ScoreFraud score =
        ScoreFraud.withRules(rules)
            .withAllowedLateness(Duration.standardSeconds(options.getAllowedLatenessSeconds()))
            .withKeyShards(options.getKeyShards());
    if (options.getDecideOnArrival()) {
      score = score.decidingOnArrival();
    }
    List<PCollection<DeadLetter>> deadLetters = new ArrayList<>();
    deadLetters.add(txns.getDeadLetters());
    List<PCollection<KV<String, String>>> duplicates = new ArrayList<>();
    duplicates.add(
        txns.getDuplicates()
            .apply(
                "TransactionDuplicatesToJson",
                MapElements.into(KEYED_JSON)
                    .via(t -> KV.of(t.dedupKey(), EventJson.toJson(t, Transaction.class)))));
    PCollection<RawEvent> feedback =
        Sources.readExtra(
            pipeline,
            options,
            EventType.FEEDBACK,
            options.getFeedbackInput(),
            options.getFeedbackTopic(),
            "ReadFeedback");
    if (feedback != null) {
      ParseResult<FraudFeedback> reports =
          feedback.apply(
              "ValidateFeedback", ParseOptions.parseEvents(EventType.FEEDBACK, options, NAME));
      score = score.withFeedback(reports.getValid());
      deadLetters.add(reports.getDeadLetters());
      duplicates.add(
          reports
              .getDuplicates()
              .apply(
                  "FeedbackDuplicatesToJson",
                  MapElements.into(KEYED_JSON)
                      .via(f -> KV.of(f.dedupKey(), EventJson.toJson(f, FraudFeedback.class)))));
    }
    FraudResult result =
        options.getRedisLookups()
            ? txns.getValid()
                .apply("LookupRedis", RedisSteps.fraudLookups(options))
                .apply("ScoreFraud", score.enriched())
            : txns.getValid().apply("ScoreFraud", score);
    if (options.getRedisServing()) {
      result.getDecisions().apply("WriteDecisionsToRedis", RedisSteps.decisions(options));
    }

    Sinks.write(
        result.getDecisions(),
        "WriteDecisions",
        options,
        NAME,
        DECISIONS,
        Decision::getTxnId,
        d -> EventJson.toJson(d, Decision.class));
    Sinks.write(
        result.getAlerts(),
        "WriteAlerts",
        options,
        NAME,
        ALERTS,
        Decision::getTxnId,
        d -> EventJson.toJson(d, Decision.class));
    Sinks.write(
        result.getLateTransactions(),
        "WriteLate",
        options,
        NAME,
        LATE,
        Transaction::getTxnId,
        t -> EventJson.toJson(t, Transaction.class));
    Sinks.write(
        PCollectionList.of(deadLetters).apply("AllDeadLetters", Flatten.pCollections()),
        "WriteDeadLetters",
        options,
        NAME,
        DEAD_LETTERS,
        DeadLetter::getSourcePosition,
        d -> EventJson.toJson(d, DeadLetter.class));
    Sinks.write(
        PCollectionList.of(duplicates).apply("AllDuplicates", Flatten.pCollections()),
        "WriteDuplicates",
        options,
        NAME,
        DUPLICATES,
        KV::getKey,
        KV::getValue);
    return result;
  }

  @Override
  public String describeOutputs(Options options) {
    return Sinks.describe(options, NAME, DECISIONS, ALERTS, LATE, DEAD_LETTERS, DUPLICATES)
        + (options.getRedisServing()
            ? RedisSteps.describe(options, "latest decision per account")
            : "");
  }

  @Override
  public boolean report(Options options, Map<String, Long> counters, PrintStream out) {
    long scored = counters.getOrDefault("fraud.transactions", 0L);
    long approve = counters.getOrDefault("fraud.decisions.APPROVE", 0L);
    long review = counters.getOrDefault("fraud.decisions.REVIEW", 0L);
    long block = counters.getOrDefault("fraud.decisions.BLOCK", 0L);
    long late = 0;
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      if (e.getKey().startsWith("fraud.") && e.getKey().endsWith(".late")) {
        late += e.getValue();
      }
    }
    boolean ok = scored == approve + review + block + late;
    out.printf(
        Locale.ROOT,
        "  decisions      APPROVE %,d  REVIEW %,d  BLOCK %,d  late %,d%n",
        approve,
        review,
        block,
        late);
    out.printf(
        Locale.ROOT,
        "  accounting     scored = decisions + late: %s%n",
        ok ? "ok" : "MISMATCH (" + scored + " != " + (approve + review + block + late) + ")");
    if (options.getSink() == SinkKind.FILES && options.getTopAlerts() > 0) {
      printTopAlerts(Sinks.directory(options, NAME, ALERTS), options.getTopAlerts(), out);
    }
    return ok;
  }

  private static void printTopAlerts(String folder, int n, PrintStream out) {
    List<JsonNode> alerts = new ArrayList<>();
    try (var files = java.nio.file.Files.list(Paths.get(folder))) {
      for (var f : (Iterable<java.nio.file.Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".jsonl")) {
          for (String line : java.nio.file.Files.readAllLines(f, StandardCharsets.UTF_8)) {
            alerts.add(JSON.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      return; // outputs on a remote file system: nothing to show here
    }
    alerts.sort(
        (a, b) -> {
          int c = Integer.compare(b.get("score").asInt(), a.get("score").asInt());
          return c != 0 ? c : a.get("txnId").asText().compareTo(b.get("txnId").asText());
        });
    out.printf(Locale.ROOT, "%ntop %d alerts of %d:%n", Math.min(n, alerts.size()), alerts.size());
    for (JsonNode a : alerts.subList(0, Math.min(n, alerts.size()))) {
      out.printf(
          Locale.ROOT,
          "  %-6s %3d  %s  account %s  %s %s%n",
          a.get("action").asText(),
          a.get("score").asInt(),
          a.get("txnId").asText(),
          a.get("accountId").asText(),
          a.get("amount").asText(),
          a.get("currency").asText());
      for (JsonNode r : a.get("reasons")) {
        out.printf(
            Locale.ROOT,
            "           %s%s (+%d): %s%n",
            r.get("ruleId").asText(),
            r.get("shadow").asBoolean() ? " [shadow]" : "",
            r.get("contribution").asInt(),
            r.get("text").asText());
      }
    }
  }
}
