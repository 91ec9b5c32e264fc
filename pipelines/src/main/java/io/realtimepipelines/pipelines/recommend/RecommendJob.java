package io.realtimepipelines.pipelines.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.Job;
import io.realtimepipelines.pipelines.RunnerCapabilities;
import io.realtimepipelines.pipelines.Sinks;
import io.realtimepipelines.pipelines.Sources;
import io.realtimepipelines.pipelines.options.ParseOptions;
import io.realtimepipelines.pipelines.options.SinkKind;
import io.realtimepipelines.pipelines.options.SinkOptions;
import io.realtimepipelines.pipelines.options.SourceOptions;
import io.realtimepipelines.pipelines.redis.RedisOptions;
import io.realtimepipelines.pipelines.redis.RedisSteps;
import io.realtimepipelines.recommend.ItemNeighbours;
import io.realtimepipelines.recommend.RecommendConfig;
import io.realtimepipelines.recommend.RecommendProducts;
import io.realtimepipelines.recommend.RecommendResult;
import io.realtimepipelines.recommend.SessionRecs;
import io.realtimepipelines.validation.ParseResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Real-time product recommendations from clicks: item-to-item relations from sessions,
 * complementary items across categories, trending per category, and after every view or add-to-cart
 * a list for the session with a score and a reason per item ({@link RecommendProducts}). Serves the
 * lists and each item's neighbours from Redis with {@code --redisServing}.
 *
 * <pre>
 * ./rtp recommend --input=testdata/clickstream.jsonl
 * </pre>
 */
public final class RecommendJob implements Job<RecommendJob.Options> {
  public static final String NAME = "recommend";
  public static final String SESSION_RECS = "session-recs";
  public static final String ITEM_NEIGHBOURS = "item-neighbours";
  public static final String LATE = "late";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String DUPLICATES = "duplicates";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Options of the recommend job; --input/--source give the clicks. */
  public interface Options extends SourceOptions, SinkOptions, ParseOptions, RedisOptions {
    @Description(
        "Recommendation config (JSON, see rules/recommend.json and docs/recommend.md); keys it"
            + " leaves out take the shipped values. Default: the shipped rules/recommend.json.")
    String getRecommendConfig();

    void setRecommendConfig(String value);

    @Description(
        "Seconds a click waits after the watermark for older clicks of its session (0-3600).")
    @Default.Long(0)
    long getAllowedLatenessSeconds();

    void setAllowedLatenessSeconds(long value);

    @Description(
        "Seconds a session's list lives in Redis after its last write (--redisServing); 0 keeps"
            + " it forever. Item neighbours use --redisServingTtlSeconds.")
    @Default.Long(3600)
    long getRedisSessionTtlSeconds();

    void setRedisSessionTtlSeconds(long value);

    @Description("How many sessions' latest lists a local run prints at the end (files only).")
    @Default.Integer(3)
    int getTopSessions();

    void setTopSessions(int value);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "recommend products per session from browsing, carts and purchases, with reasons";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public Pipeline build(Options options) {
    Sources.check(options, EventType.CLICK);
    Sinks.check(options);
    if (options.getAllowedLatenessSeconds() < 0 || options.getAllowedLatenessSeconds() > 3600) {
      throw new IllegalArgumentException(
          "--allowedLatenessSeconds must be between 0 and 3600, got "
              + options.getAllowedLatenessSeconds());
    }
    RunnerCapabilities.requireEventTimeTimers(
        options, "The recommend job", "Replay the same clicks from files in batch");
    RecommendConfig config = config(options);
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options, config);
    return pipeline;
  }

  /** The config the options ask for: the file of --recommendConfig, or the shipped one. */
  public static RecommendConfig config(Options options) {
    String file = options.getRecommendConfig();
    if (file == null) {
      return RecommendConfig.defaults();
    }
    try {
      return RecommendConfig.parse(Files.readString(Paths.get(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --recommendConfig=" + file + ": " + e.getMessage(), e);
    } catch (RecommendConfig.InvalidRecommendConfigException e) {
      throw new IllegalArgumentException(
          "recommendation config " + file + " is invalid:\n  " + String.join("\n  ", e.problems()),
          e);
    }
  }

  /** Adds the job's steps to {@code pipeline}; tests call this with a TestPipeline. */
  public static RecommendResult buildPipeline(
      Pipeline pipeline, Options options, RecommendConfig config) {
    ParseResult<ClickEvent> clicks =
        Sources.read(pipeline, options, EventType.CLICK)
            .apply("ValidateClicks", ParseOptions.parseEvents(EventType.CLICK, options, NAME));
    RecommendResult result =
        clicks
            .getValid()
            .apply(
                "Recommend",
                RecommendProducts.withConfig(config)
                    .withAllowedLateness(
                        Duration.standardSeconds(options.getAllowedLatenessSeconds()))
                    .withKeyShards(options.getKeyShards()));
    if (options.getRedisServing()) {
      result
          .getSessionRecs()
          .apply(
              "WriteSessionRecsToRedis",
              RedisSteps.sessionRecs(options, options.getRedisSessionTtlSeconds()));
      result
          .getItemNeighbours()
          .apply("WriteNeighboursToRedis", RedisSteps.itemNeighbours(options));
    }
    Sinks.write(
        result.getSessionRecs(),
        "WriteSessionRecs",
        options,
        NAME,
        SESSION_RECS,
        SessionRecs::getSessionKey,
        r -> EventJson.toJson(r, SessionRecs.class));
    Sinks.write(
        result.getItemNeighbours(),
        "WriteItemNeighbours",
        options,
        NAME,
        ITEM_NEIGHBOURS,
        ItemNeighbours::getProductId,
        n -> EventJson.toJson(n, ItemNeighbours.class));
    Sinks.write(
        result.getLateClicks(),
        "WriteLate",
        options,
        NAME,
        LATE,
        ClickEvent::getEventId,
        c -> EventJson.toJson(c, ClickEvent.class));
    Sinks.write(
        clicks.getDeadLetters(),
        "WriteDeadLetters",
        options,
        NAME,
        DEAD_LETTERS,
        DeadLetter::getSourcePosition,
        d -> EventJson.toJson(d, DeadLetter.class));
    Sinks.write(
        clicks
            .getDuplicates()
            .apply(
                "DuplicatesToJson",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(c -> KV.of(c.getEventId(), EventJson.toJson(c, ClickEvent.class)))),
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
    return Sinks.describe(
            options, NAME, SESSION_RECS, ITEM_NEIGHBOURS, LATE, DEAD_LETTERS, DUPLICATES)
        + (options.getRedisServing()
            ? RedisSteps.describe(
                options, "session lists (recs:session:*) and item neighbours (recs:item:*)")
            : "");
  }

  @Override
  public boolean report(Options options, Map<String, Long> counters, PrintStream out) {
    long valid =
        counters.getOrDefault("click.valid", 0L) - counters.getOrDefault("click.duplicates", 0L);
    long applied = counters.getOrDefault("recommend.clicks_applied", 0L);
    long late = counters.getOrDefault("recommend.sessions.late", 0L);
    long requests = counters.getOrDefault("recommend.requests", 0L);
    long lists = counters.getOrDefault("recommend.lists", 0L);
    long internalLate = counters.getOrDefault("recommend.internal_late", 0L);
    boolean clicksOk = valid == applied + late;
    boolean listsOk = lists == requests && internalLate == 0;
    out.printf(
        Locale.ROOT,
        "  recommend      clicks applied %,d  late %,d  lists %,d  neighbour updates %,d%n",
        applied,
        late,
        lists,
        counters.getOrDefault("recommend.neighbours_published", 0L));
    out.printf(
        Locale.ROOT,
        "  accounting     valid clicks = applied + late: %s%n",
        clicksOk ? "ok" : "MISMATCH (" + valid + " != " + (applied + late) + ")");
    out.printf(
        Locale.ROOT,
        "  accounting     lists = views and add-to-carts applied: %s%n",
        listsOk
            ? "ok"
            : "MISMATCH ("
                + lists
                + " lists, "
                + requests
                + " asked, "
                + internalLate
                + " internal messages late)");
    if (options.getSink() == SinkKind.FILES && options.getTopSessions() > 0) {
      printSessions(Sinks.directory(options, NAME, SESSION_RECS), options.getTopSessions(), out);
    }
    return clicksOk && listsOk;
  }

  /** The latest list of the sessions that clicked last, with each item's reason. */
  static void printSessions(String folder, int n, PrintStream out) {
    Map<String, JsonNode> latest = new HashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Paths.get(folder))) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (!f.getFileName().toString().endsWith(".jsonl")) {
          continue;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          JsonNode r = JSON.readTree(line);
          String key = r.get("sessionKey").asText();
          count.merge(key, 1, Integer::sum);
          JsonNode held = latest.get(key);
          if (held == null || r.get("seq").asLong() > held.get("seq").asLong()) {
            latest.put(key, r);
          }
        }
      }
    } catch (IOException e) {
      return;
    }
    List<String> sessions = new ArrayList<>(count.keySet());
    sessions.sort(
        (a, b) -> {
          int c =
              latest
                  .get(b)
                  .get("timestamp")
                  .asText()
                  .compareTo(latest.get(a).get("timestamp").asText());
          return c != 0 ? c : a.compareTo(b);
        });
    out.printf(
        Locale.ROOT,
        "%n%,d lists for %,d sessions; the latest list of the %d that clicked last:%n",
        count.values().stream().mapToInt(Integer::intValue).sum(),
        count.size(),
        Math.min(n, sessions.size()));
    for (String key : sessions.subList(0, Math.min(n, sessions.size()))) {
      JsonNode r = latest.get(key);
      out.printf(
          Locale.ROOT,
          "  session %s after %s %s%s at %s (click %d):%n",
          key,
          r.get("action").asText(),
          r.get("productId").asText(),
          r.has("category") ? " (" + r.get("category").asText() + ")" : "",
          r.get("timestamp").asText(),
          r.get("seq").asLong());
      int shown = 0;
      for (JsonNode rec : r.get("recommendations")) {
        if (shown++ == 5) {
          out.printf(Locale.ROOT, "      ... %d more%n", r.get("recommendations").size() - 5);
          break;
        }
        out.printf(
            Locale.ROOT,
            "    %-14s %6.3f  %s%n",
            rec.get("productId").asText(),
            rec.get("score").asDouble(),
            rec.get("reason").asText());
      }
    }
  }
}
