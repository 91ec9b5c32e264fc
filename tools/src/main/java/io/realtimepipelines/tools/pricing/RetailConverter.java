package io.realtimepipelines.tools.pricing;

import static io.realtimepipelines.tools.ConversionSummary.seconds;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.pricing.CatalogEntry;
import io.realtimepipelines.tools.ConversionSummary;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolOutput;
import io.realtimepipelines.tools.Tools;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns the UCI Online Retail invoices (one CSV per trading day, see {@code
 * shared/datasets/uci-online-retail-by-day/SOURCE.md}) into purchase {@link ClickEvent}s, and seeds
 * a catalogue and an initial stock level per product from them ({@link RetailCatalog}).
 * Cancellations, non-product codes, non-positive quantities and prices are filtered with a count
 * per reason ({@link RetailFilter}); unparseable rows are counted as rejected; every row read is
 * one or the other, and the summary checks that.
 *
 * <p>Event ids: eventId "uci-" + InvoiceNo + "-" + the row's line within the invoice, sessionId
 * "inv-" + InvoiceNo, userId "cust-" + CustomerID (absent when empty), productId "sku-" +
 * StockCode, no category (the data has none), price = UnitPrice exactly (GBP), quantity = Quantity,
 * timestamp = InvoiceDate in Europe/London as UTC. Files are read in date (name) order; within the
 * files the rows are already in time order.
 *
 * <pre>
 * rtp convert-retail --dir=../shared/datasets/uci-online-retail-by-day/by-day \
 *   --clicks=output/retail/clicks.jsonl.gz --inventory=output/retail/inventory.jsonl.gz \
 *   --catalog=output/retail/catalog.jsonl
 * </pre>
 */
public final class RetailConverter {
  /** Subcommand name. */
  public static final String COMMAND = "convert-retail";

  /** The width of the summary's labels. */
  private static final int LABEL_WIDTH = 19;

  /** The by-day file names: one per trading day. */
  static final Pattern DAY_FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.csv");

  private static final int MAX_STOCK_DAYS = 366;

  private final int limitFiles;
  private final int stockDays;

  private RetailConverter(int limitFiles, int stockDays) {
    this.limitFiles = limitFiles;
    this.stockDays = stockDays;
  }

  /** All files, stock from the first {@link RetailCatalog#DEFAULT_STOCK_DAYS} days. */
  public static RetailConverter create() {
    return new RetailConverter(0, RetailCatalog.DEFAULT_STOCK_DAYS);
  }

  /** Converts only the first {@code files} day files; 0 means all. */
  public RetailConverter withLimitFiles(int files) {
    if (files < 0) {
      throw new IllegalArgumentException("limitFiles must be 0 (all files) or more, got " + files);
    }
    return new RetailConverter(files, stockDays);
  }

  /** Initial stock covers the sales of the first {@code days} days (1 to 366), times 4. */
  public RetailConverter withStockDays(int days) {
    if (days < 1 || days > MAX_STOCK_DAYS) {
      throw new IllegalArgumentException(
          "stockDays must be from 1 to " + MAX_STOCK_DAYS + ", got " + days);
    }
    return new RetailConverter(limitFiles, days);
  }

  /** The day files of {@code dir} in date order, limited as configured. */
  List<Path> dayFiles(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(Files::isRegularFile)
              .filter(f -> DAY_FILE.matcher(f.getFileName().toString()).matches())
              .sorted()
              .collect(Collectors.toList());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " has no by-day files named YYYY-MM-DD.csv (looked in "
              + dir.toAbsolutePath().normalize()
              + ")");
    }
    return limitFiles == 0 || files.size() <= limitFiles ? files : files.subList(0, limitFiles);
  }

  /**
   * Converts the day files of {@code dir}: purchases to {@code clicksOut}, one stock level per
   * product to {@code inventoryOut}, the catalogue to {@code catalogOut} (JSON Lines; gzip when a
   * name ends in .gz; parent folders are created).
   *
   * @throws IllegalArgumentException when {@code dir} holds no day files, a file is not in the
   *     Online Retail format, or two outputs are the same file
   */
  public Summary convert(Path dir, Path clicksOut, Path inventoryOut, Path catalogOut)
      throws IOException {
    Set<Path> outputs = new HashSet<>();
    for (Path p : List.of(clicksOut, inventoryOut, catalogOut)) {
      if (!outputs.add(p.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException(
            "--clicks, --inventory and --catalog must be three different files");
      }
    }
    long startNanos = System.nanoTime();
    List<Path> files = dayFiles(dir);
    Summary summary = new Summary(dir, files, clicksOut, inventoryOut, catalogOut, stockDays);
    RetailCsv csv = new RetailCsv();
    RetailCatalog catalog = RetailCatalog.withStockDays(stockDays);
    try (Writer clicks = ToolOutput.open(clicksOut)) {
      for (Path file : files) {
        csv.read(
            file,
            row -> {
              try {
                accept(row, clicks, catalog, summary);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (IllegalArgumentException e) {
      Files.deleteIfExists(clicksOut);
      throw e;
    }
    summary.dataLines = csv.dataLines();
    summary.rejected = csv.rejected();
    summary.seed = catalog.seed();
    try (Writer inventory = ToolOutput.open(inventoryOut)) {
      for (InventoryUpdate update : summary.seed.inventory()) {
        inventory.write(EventJson.toJson(update, InventoryUpdate.class));
        inventory.write('\n');
      }
    }
    try (Writer out = ToolOutput.open(catalogOut)) {
      for (CatalogEntry entry : summary.seed.entries()) {
        out.write(EventJson.toJson(entry, CatalogEntry.class));
        out.write('\n');
      }
    }
    summary.elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    return summary;
  }

  private static void accept(RetailRow row, Writer clicks, RetailCatalog catalog, Summary summary)
      throws IOException {
    RetailFilter reason = RetailFilter.of(row);
    if (reason != null) {
      summary.filtered.merge(reason, 1L, Long::sum);
      if (reason == RetailFilter.NON_PRODUCT_CODE) {
        summary.nonProductCodes.merge(row.stockCode(), 1L, Long::sum);
      }
      return;
    }
    String productId = "sku-" + row.stockCode();
    ClickEvent event =
        ClickEvent.builder()
            .setEventId("uci-" + row.invoiceNo() + "-" + row.lineInInvoice())
            .setSessionId("inv-" + row.invoiceNo())
            .setUserId(row.customerId() == null ? null : "cust-" + row.customerId())
            .setProductId(productId)
            .setCategory(null)
            .setAction(ClickAction.PURCHASE)
            .setPrice(row.unitPrice())
            .setQuantity((int) row.quantity())
            .setTimestamp(new org.joda.time.Instant(row.time().toEpochMilli()))
            .build();
    clicks.write(EventJson.toJson(event, ClickEvent.class));
    clicks.write('\n');
    catalog.add(productId, row.time(), row.unitPrice(), row.quantity());
    summary.purchases++;
    if (summary.first == null || row.time().isBefore(summary.first)) {
      summary.first = row.time();
    }
    if (summary.last == null || row.time().isAfter(summary.last)) {
      summary.last = row.time();
    }
  }

  /** What a conversion read and wrote. */
  public static final class Summary {
    private final Path dir;
    private final List<Path> files;
    private final Path clicksOut;
    private final Path inventoryOut;
    private final Path catalogOut;
    private final int stockDays;
    private long dataLines;
    private long purchases;
    private final Map<RetailFilter, Long> filtered = new EnumMap<>(RetailFilter.class);
    private final Map<String, Long> nonProductCodes = new TreeMap<>();
    private RejectedLines rejected = new RejectedLines();
    private RetailCatalog.Seed seed;
    private Instant first;
    private Instant last;
    private Duration elapsed = Duration.ZERO;

    private Summary(
        Path dir,
        List<Path> files,
        Path clicksOut,
        Path inventoryOut,
        Path catalogOut,
        int stockDays) {
      this.dir = dir;
      this.files = files;
      this.clicksOut = clicksOut;
      this.inventoryOut = inventoryOut;
      this.catalogOut = catalogOut;
      this.stockDays = stockDays;
    }

    /** The day files read, in order. */
    public List<Path> files() {
      return Collections.unmodifiableList(files);
    }

    /** Data rows read over all files (headers not counted). */
    public long dataLines() {
      return dataLines;
    }

    /** Purchase events written. */
    public long purchases() {
      return purchases;
    }

    /** Rows filtered for {@code reason}. */
    public long filtered(RetailFilter reason) {
      return filtered.getOrDefault(reason, 0L);
    }

    /** Rows filtered for any reason. */
    public long filtered() {
      return filtered.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows filtered as non-product codes, per StockCode as written. */
    public Map<String, Long> nonProductCodes() {
      return Collections.unmodifiableMap(nonProductCodes);
    }

    /** Rows that could not be parsed. */
    public RejectedLines rejected() {
      return rejected;
    }

    /** True when rows read = purchases + filtered + rejected. */
    public boolean balanced() {
      return dataLines == purchases + filtered() + rejected.count();
    }

    /** The catalogue and initial inventory. */
    public RetailCatalog.Seed seed() {
      return seed;
    }

    /** The first purchase's time, or null. */
    public Instant first() {
      return first;
    }

    /** The last purchase's time, or null. */
    public Instant last() {
      return last;
    }

    /** Wall-clock time of the conversion. */
    public Duration elapsed() {
      return elapsed;
    }

    /** The accounting line: "rows read 105335 = purchases … + filtered … + rejected …: ok". */
    public String accounting() {
      return "rows read "
          + dataLines
          + " = purchases written "
          + purchases
          + " + filtered "
          + filtered()
          + " + rejected "
          + rejected.count()
          + ": "
          + (balanced() ? "ok" : "MISMATCH");
    }

    /** A few lines for the console. */
    public String describe() {
      String headline = dataLines + " rows in " + files.size() + " day files of " + dir;
      if (!files.isEmpty()) {
        headline +=
            " ("
                + files.get(0).getFileName()
                + " .. "
                + files.get(files.size() - 1).getFileName()
                + ")";
      }
      ConversionSummary s =
          ConversionSummary.of(COMMAND, headline + " in " + seconds(elapsed), LABEL_WIDTH);
      s.line(
          "purchases written",
          purchases
              + "  -> "
              + clicksOut
              + (first != null ? "  (" + first + " .. " + last + ")" : ""));
      s.line(
          "filtered",
          filtered()
              + " ("
              + Arrays.stream(RetailFilter.values())
                  .map(reason -> reason.label() + ": " + filtered(reason))
                  .collect(Collectors.joining("; "))
              + ")");
      if (!nonProductCodes.isEmpty()) {
        s.detail(
            "non-product codes: "
                + nonProductCodes.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
      }
      s.line("rejected rows", rejected.describe(true));
      s.line("accounting", accounting());
      if (seed != null) {
        long entries = seed.entries().size();
        s.line(
            "catalogue",
            entries
                + " products -> "
                + catalogOut
                + "  (basePrice = median of the first 7 days for "
                + seed.pricedFromFirstWeek()
                + ", of all purchases for "
                + (entries - seed.pricedFromFirstWeek())
                + "; unitCost 60%, floor cost x 1.1, ceiling base x 1.5)");
        if (!seed.tooCheap().isEmpty()) {
          s.detail(
              "left out, basePrice below "
                  + RetailCatalog.MIN_BASE_PRICE
                  + ": "
                  + String.join(", ", seed.tooCheap()));
        }
        s.line(
            "inventory",
            seed.inventory().size()
                + " updates -> "
                + inventoryOut
                + (seed.inventory().isEmpty()
                    ? ""
                    : "  (at "
                        + seed.inventory().get(0).getTimestamp()
                        + "; stock = 4 x units sold in the first "
                        + stockDays
                        + " days, min "
                        + RetailCatalog.MIN_STOCK
                        + "; "
                        + seed.atMinimumStock()
                        + " at the minimum)"));
      }
      return s.toString();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** {@code rtp convert-retail}: day files in; purchases, inventory and catalogue out. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code convert-retail}. */
  @Command(
      name = COMMAND,
      description =
          "convert the UCI Online Retail CSVs to purchases, a seeded catalogue and initial stock",
      footer = {
        "",
        "Purchases: {\"eventId\":\"uci-<InvoiceNo>-<line in invoice>\",\"sessionId\":\"inv-<InvoiceNo>\","
            + "\"userId\":\"cust-<CustomerID>\",\"productId\":\"sku-<StockCode>\",\"action\":\"purchase\","
            + "\"price\":<UnitPrice>,\"quantity\":<Quantity>,\"timestamp\":<UTC>}",
        "Inventory: one update per product, 1 s before its first purchase; stock = 4 x units sold"
            + " in the first --stockDays days, at least 10.",
        "Catalogue: basePrice = median UnitPrice of the first 7 days (else of all purchases),"
            + " unitCost = basePrice x 0.6 (assumed 40%% margin), floor = unitCost x 1.1,"
            + " ceiling = basePrice x 1.5.",
        "Filtered with a count per reason: cancellations (InvoiceNo C...), non-product codes"
            + " (postage, fees, samples, gift_*), Quantity 0 or less, UnitPrice 0 or less."
            + " Unparseable rows are counted and listed. Rows read = purchases + filtered + rejected"
            + " is checked.",
        "Exit codes: 0 done, 1 the accounting check failed or reading or writing failed,"
            + " 2 wrong command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--dir",
        required = true,
        paramLabel = "<folder>",
        description = "the by-day folder, e.g. ../shared/datasets/uci-online-retail-by-day/by-day")
    Path dir;

    @Option(
        names = "--clicks",
        required = true,
        paramLabel = "<path>",
        description = "where to write purchases; gzip when the name ends in .gz")
    Path clicks;

    @Option(
        names = "--inventory",
        required = true,
        paramLabel = "<path>",
        description = "where to write the initial inventory updates")
    Path inventory;

    @Option(
        names = "--catalog",
        required = true,
        paramLabel = "<path>",
        description =
            "where to write the catalogue: {\"productId\",\"basePrice\",\"unitCost\","
                + "\"floor\",\"ceiling\"} per product")
    Path catalog;

    @Option(
        names = "--limitFiles",
        paramLabel = "<N>",
        defaultValue = "0",
        description = "read only the first N day files (default 0: all)")
    int limitFiles;

    @Option(
        names = "--stockDays",
        paramLabel = "<days>",
        defaultValue = "" + RetailCatalog.DEFAULT_STOCK_DAYS,
        description =
            "days of early sales the initial stock is based on (1 to "
                + MAX_STOCK_DAYS
                + "; default ${DEFAULT-VALUE})")
    int stockDays;

    @Override
    protected int execute() throws IOException {
      RetailConverter converter =
          create()
              .withLimitFiles((int) inRange("limitFiles", limitFiles, 0, Integer.MAX_VALUE))
              .withStockDays((int) inRange("stockDays", stockDays, 1, MAX_STOCK_DAYS));
      Summary summary = converter.convert(existingFolder("dir", dir), clicks, inventory, catalog);
      out.println(summary.describe());
      ConversionSummary.warnRejected(err, summary.rejected());
      if (!summary.balanced()) {
        err.println("error: " + summary.accounting());
        return Tools.FAILED;
      }
      return 0;
    }
  }
}
