package io.realtimepipelines.pipelines.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.pipelines.Job;
import io.realtimepipelines.pipelines.RunnerCapabilities;
import io.realtimepipelines.pipelines.Sinks;
import io.realtimepipelines.pipelines.Sources;
import io.realtimepipelines.pipelines.generator.GeneratedCatalog;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.options.ParseOptions;
import io.realtimepipelines.pipelines.options.SinkKind;
import io.realtimepipelines.pipelines.options.SinkOptions;
import io.realtimepipelines.pipelines.options.SourceKind;
import io.realtimepipelines.pipelines.options.SourceOptions;
import io.realtimepipelines.pipelines.redis.RedisOptions;
import io.realtimepipelines.pipelines.redis.RedisSteps;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.pricing.PriceProducts;
import io.realtimepipelines.pricing.PriceUpdate;
import io.realtimepipelines.pricing.PricingConfig;
import io.realtimepipelines.pricing.PricingEvent;
import io.realtimepipelines.pricing.PricingResult;
import io.realtimepipelines.validation.ParseResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Reprices products in real time from demand (purchases and views), stock and competitor prices,
 * within guardrails, and writes a PriceUpdate with its signals and reasons for every change.
 *
 * <pre>
 * ./rtp pricing --input=testdata/clicks.jsonl --inventoryInput=testdata/inventory.jsonl \
 *   --competitorInput=testdata/competitor_prices.jsonl --catalog=testdata/catalog.jsonl
 * </pre>
 */
public final class PricingJob implements Job<PricingJob.Options> {
  public static final String NAME = "pricing";
  public static final String UPDATES = "price-updates";
  public static final String LATE = "late";
  public static final String UNPRICED = "unpriced";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String DUPLICATES = "duplicates";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Options of the pricing job; --input/--source give the click stream. */
  public interface Options extends SourceOptions, SinkOptions, ParseOptions, RedisOptions {
    @Description(
        "Inventory updates (JSON Lines: productId, stock, timestamp), file or glob; optional.")
    String getInventoryInput();

    void setInventoryInput(String value);

    @Description(
        "Competitor prices (JSON Lines: productId, competitor, price, timestamp), file or glob;"
            + " optional.")
    String getCompetitorInput();

    void setCompetitorInput(String value);

    @Description("Topic of inventory updates with --source=KAFKA, e.g. inventory; optional.")
    String getInventoryTopic();

    void setInventoryTopic(String value);

    @Description(
        "Topic of competitor prices with --source=KAFKA, e.g. competitor-prices; optional.")
    String getCompetitorTopic();

    void setCompetitorTopic(String value);

    @Description(
        "Catalogue (JSON Lines: productId, basePrice, unitCost, floor, ceiling). Required with"
            + " --source=FILE; with --source=GENERATOR the generated products' catalogue is used.")
    String getCatalog();

    void setCatalog(String value);

    @Description(
        "Where the catalogue comes from: FILE (--catalog, or generated with --source=GENERATOR) or"
            + " REDIS (hashes <prefix>catalog:<productId>; see --redisHost).")
    @Default.Enum("FILE")
    CatalogSource getCatalogSource();

    void setCatalogSource(CatalogSource value);

    @Description(
        "Pricing policy file (JSON, see rules/pricing.json). Default: the built-in policy.")
    String getPricingConfig();

    void setPricingConfig(String value);

    @Description("Seconds an event waits after the watermark for older ones still on their way.")
    @Default.Long(0)
    long getAllowedLatenessSeconds();

    void setAllowedLatenessSeconds(long value);

    @Description("How many price updates a local run prints at the end.")
    @Default.Integer(10)
    int getTopUpdates();

    void setTopUpdates(int value);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "reprice products from demand, stock and competitors within guardrails, with reasons";
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
        options, "The pricing job", "Replay the same events from files in batch");
    PricingConfig config = config(options);
    List<CatalogEntry> catalog = catalog(options);
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options, config, catalog);
    return pipeline;
  }

  /** The policy the options ask for. */
  public static PricingConfig config(Options options) {
    try {
      String json =
          options.getPricingConfig() == null
              ? PricingConfig.defaultsJson()
              : Files.readString(Paths.get(options.getPricingConfig()), StandardCharsets.UTF_8);
      return PricingConfig.parse(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --pricingConfig=" + options.getPricingConfig() + ": " + e.getMessage(), e);
    } catch (PricingConfig.InvalidPricingConfigException e) {
      throw new IllegalArgumentException(
          "pricing policy "
              + (options.getPricingConfig() == null ? "(built-in)" : options.getPricingConfig())
              + " is invalid:\n  "
              + String.join("\n  ", e.problems()),
          e);
    }
  }

  /** The catalogue the options ask for; every bad line is an error naming the line. */
  public static List<CatalogEntry> catalog(Options options) {
    if (options.getCatalogSource() == CatalogSource.REDIS) {
      if (options.getCatalog() != null) {
        throw new IllegalArgumentException(
            "--catalogSource=REDIS reads the catalogue from Redis: drop --catalog="
                + options.getCatalog());
      }
      return List.of();
    }
    if (options.getCatalog() == null) {
      if (options.getSource() == SourceKind.GENERATOR) {
        return GeneratedCatalog.of(GeneratorConfig.defaults().withSeed(options.getSeed()));
      }
      throw new IllegalArgumentException(
          "pricing needs --catalog=<catalogue.jsonl> (e.g. testdata/catalog.jsonl)");
    }
    List<CatalogEntry> out = new ArrayList<>();
    Path file = Paths.get(options.getCatalog());
    try {
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(CatalogFile.fromJson(JSON.readTree(line)));
        } catch (IOException | IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "--catalog " + file + ":" + n + " is not a catalogue line: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --catalog=" + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Adds the job's steps to {@code pipeline}; tests call this with a TestPipeline. */
  public static PricingResult buildPipeline(
      Pipeline pipeline, Options options, PricingConfig config, List<CatalogEntry> catalog) {
    List<PCollection<DeadLetter>> deadLetters = new ArrayList<>();
    List<PCollection<KV<String, String>>> duplicates = new ArrayList<>();
    ParseResult<ClickEvent> clicks =
        Sources.read(pipeline, options, EventType.CLICK)
            .apply("ValidateClicks", ParseOptions.parseEvents(EventType.CLICK, options, NAME));
    collect(clicks, ClickEvent.class, "Clicks", deadLetters, duplicates);
    PriceProducts price =
        (options.getCatalogSource() == CatalogSource.REDIS
                ? PriceProducts.withCatalogLookup(RedisSteps.catalogLookups(options))
                : PriceProducts.withCatalog(catalog))
            .withConfig(config)
            .withAllowedLateness(Duration.standardSeconds(options.getAllowedLatenessSeconds()))
            .withKeyShards(options.getKeyShards());
    PCollection<RawEvent> inventory =
        Sources.readExtra(
            pipeline,
            options,
            EventType.INVENTORY,
            options.getInventoryInput(),
            options.getInventoryTopic(),
            "ReadInventory");
    if (inventory != null) {
      ParseResult<InventoryUpdate> stock =
          inventory.apply(
              "ValidateInventory", ParseOptions.parseEvents(EventType.INVENTORY, options, NAME));
      collect(stock, InventoryUpdate.class, "Inventory", deadLetters, duplicates);
      price = price.withInventory(stock.getValid());
    }
    PCollection<RawEvent> competitorPrices =
        Sources.readExtra(
            pipeline,
            options,
            EventType.COMPETITOR_PRICE,
            options.getCompetitorInput(),
            options.getCompetitorTopic(),
            "ReadCompetitorPrices");
    if (competitorPrices != null) {
      ParseResult<CompetitorPrice> competitors =
          competitorPrices.apply(
              "ValidateCompetitorPrices",
              ParseOptions.parseEvents(EventType.COMPETITOR_PRICE, options, NAME));
      collect(competitors, CompetitorPrice.class, "CompetitorPrices", deadLetters, duplicates);
      price = price.withCompetitorPrices(competitors.getValid());
    }
    PricingResult result = clicks.getValid().apply("PriceProducts", price);
    if (options.getRedisServing()) {
      result.getUpdates().apply("WritePricesToRedis", RedisSteps.prices(options));
    }

    Sinks.write(
        result.getUpdates(),
        "WriteUpdates",
        options,
        NAME,
        UPDATES,
        PriceUpdate::getProductId,
        u -> EventJson.toJson(u, PriceUpdate.class));
    Sinks.write(
        result.getLateEvents(),
        "WriteLate",
        options,
        NAME,
        LATE,
        PricingJob::eventKey,
        PricingJob::toJson);
    Sinks.write(
        result.getUnpricedEvents(),
        "WriteUnpriced",
        options,
        NAME,
        UNPRICED,
        PricingJob::eventKey,
        PricingJob::toJson);
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

  private static <T extends Event> void collect(
      ParseResult<T> parsed,
      Class<T> type,
      String name,
      List<PCollection<DeadLetter>> deadLetters,
      List<PCollection<KV<String, String>>> duplicates) {
    deadLetters.add(parsed.getDeadLetters());
    duplicates.add(
        parsed
            .getDuplicates()
            .apply(
                name + "DuplicatesToJson",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(e -> KV.of(e.dedupKey(), EventJson.toJson(e, type)))));
  }

  /** The event's own id, the record key of the late and unpriced outputs. */
  private static String eventKey(PricingEvent e) {
    if (e.click() != null) {
      return e.click().dedupKey();
    }
    return e.inventory() != null ? e.inventory().dedupKey() : e.competitorPrice().dedupKey();
  }

  private static String toJson(PricingEvent e) {
    if (e.click() != null) {
      return EventJson.toJson(e.click(), ClickEvent.class);
    }
    return e.inventory() != null
        ? EventJson.toJson(e.inventory(), InventoryUpdate.class)
        : EventJson.toJson(e.competitorPrice(), CompetitorPrice.class);
  }

  @Override
  public String describeOutputs(Options options) {
    return Sinks.describe(options, NAME, UPDATES, LATE, UNPRICED, DEAD_LETTERS, DUPLICATES)
        + (options.getRedisServing()
            ? RedisSteps.describe(options, "current price per product")
            : "");
  }

  @Override
  public boolean report(Options options, Map<String, Long> counters, PrintStream out) {
    long events = 0;
    for (String type : new String[] {"click", "inventory", "competitor_price"}) {
      events +=
          counters.getOrDefault(type + ".valid", 0L)
              - counters.getOrDefault(type + ".duplicates", 0L);
    }
    long applied = counters.getOrDefault("pricing.events_applied", 0L);
    long noCatalog = counters.getOrDefault("pricing.skipped_no_catalog", 0L);
    long invalid = counters.getOrDefault("pricing.skipped_invalid_catalog", 0L);
    long late = counters.getOrDefault("pricing.late", 0L);
    boolean ok = events == applied + noCatalog + invalid + late;
    out.printf(
        Locale.ROOT,
        "  pricing        updates %,d  events applied %,d  without catalogue %,d  invalid catalogue %,d  late %,d%n",
        counters.getOrDefault("pricing.updates", 0L),
        applied,
        noCatalog,
        invalid,
        late);
    out.printf(
        Locale.ROOT,
        "  accounting     valid events = applied + skipped + late: %s%n",
        ok ? "ok" : "MISMATCH (" + events + " != " + (applied + noCatalog + invalid + late) + ")");
    if (options.getSink() == SinkKind.FILES && options.getTopUpdates() > 0) {
      printUpdates(Sinks.directory(options, NAME, UPDATES), options.getTopUpdates(), out);
    }
    return ok;
  }

  private static void printUpdates(String folder, int n, PrintStream out) {
    List<JsonNode> updates = new ArrayList<>();
    try (var files = Files.list(Paths.get(folder))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".jsonl")) {
          for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            updates.add(JSON.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      return;
    }
    Map<String, Integer> perProduct = new TreeMap<>();
    updates.forEach(u -> perProduct.merge(u.get("productId").asText(), 1, Integer::sum));
    updates.sort((a, b) -> a.get("timestamp").asText().compareTo(b.get("timestamp").asText()));
    out.printf(
        Locale.ROOT,
        "%n%d price updates on %d products; first %d:%n",
        updates.size(),
        perProduct.size(),
        Math.min(n, updates.size()));
    for (JsonNode u : updates.subList(0, Math.min(n, updates.size()))) {
      out.printf(
          Locale.ROOT,
          "  %s  %-10s %s -> %s%n",
          u.get("timestamp").asText(),
          u.get("productId").asText(),
          u.get("oldPrice").asText(),
          u.get("newPrice").asText());
      for (JsonNode r : u.get("reasons")) {
        out.printf(Locale.ROOT, "      %s%n", r.asText());
      }
    }
  }
}
