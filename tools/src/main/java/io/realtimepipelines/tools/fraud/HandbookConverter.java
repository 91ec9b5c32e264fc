package io.realtimepipelines.tools.fraud;

import static io.realtimepipelines.tools.ConversionSummary.seconds;

import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.tools.ConversionSummary;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolOutput;
import io.realtimepipelines.validation.EventParsers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns the Fraud Detection Handbook's simulated card transactions (a labelled CSV, see {@code
 * shared/datasets/fraud-handbook-card-transactions/SOURCE.md}) into the project's event formats:
 * {@link Transaction} JSON Lines, and one {@link FraudFeedback} per fraudulent transaction that
 * arrives a fixed delay later (default 7 days), the way a chargeback reaches the bank. Feedback
 * that would arrive after the file's last transaction is written too. Ids: txnId "hb-" +
 * TRANSACTION_ID, accountId "cust-" + CUSTOMER_ID, cardId "card-" + CUSTOMER_ID, merchantId "term-"
 * + TERMINAL_ID; amounts are rounded to cents (HALF_UP) in USD; TX_DATETIME is taken as UTC. The
 * labels stay out of the transactions; {@link HandbookLabels} reads them for the evaluation.
 *
 * <pre>
 * rtp convert-handbook \
 *   --csv=../shared/datasets/fraud-handbook-card-transactions/transactions_2018-04-01_to_2018-04-21.csv \
 *   --transactions=output/handbook/transactions.jsonl.gz --feedback=output/handbook/feedback.jsonl.gz
 * </pre>
 */
public final class HandbookConverter {
  /** Subcommand name. */
  public static final String COMMAND = "convert-handbook";

  /** The width of the summary's labels. */
  private static final int LABEL_WIDTH = 22;

  /** How long after a fraud the bank learns about it, unless configured. */
  static final long DEFAULT_FEEDBACK_DELAY_DAYS = 7;

  public static final Duration DEFAULT_FEEDBACK_DELAY =
      Duration.ofDays(DEFAULT_FEEDBACK_DELAY_DAYS);

  private static final long MAX_DELAY_DAYS = 3650;

  private final Duration feedbackDelay;
  private final long limit;

  private HandbookConverter(Duration feedbackDelay, long limit) {
    this.feedbackDelay = feedbackDelay;
    this.limit = limit;
  }

  /** All rows, feedback after {@link #DEFAULT_FEEDBACK_DELAY}. */
  public static HandbookConverter create() {
    return new HandbookConverter(DEFAULT_FEEDBACK_DELAY, 0);
  }

  /** Feedback arrives {@code delay} (0 or more, whole milliseconds) after its transaction. */
  public HandbookConverter withFeedbackDelay(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("feedback delay must be 0 or more, got " + delay);
    }
    return new HandbookConverter(delay, limit);
  }

  /** Converts only the first {@code rows} data lines of the CSV; 0 means all. */
  public HandbookConverter withLimit(long rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("limit must be 0 (all rows) or more, got " + rows);
    }
    return new HandbookConverter(feedbackDelay, rows);
  }

  /**
   * Converts {@code csv}, writing transactions and feedback as JSON Lines (gzip when a name ends in
   * .gz); parent folders are created.
   *
   * @throws IllegalArgumentException when {@code csv} is not the handbook CSV or paths collide
   */
  public Summary convert(Path csv, Path transactionsOut, Path feedbackOut) throws IOException {
    Path in = csv.toAbsolutePath().normalize();
    Path txOut = transactionsOut.toAbsolutePath().normalize();
    Path fbOut = feedbackOut.toAbsolutePath().normalize();
    if (txOut.equals(fbOut) || txOut.equals(in) || fbOut.equals(in)) {
      throw new IllegalArgumentException(
          "the CSV, the transactions output and the feedback output must be three different files");
    }
    long startNanos = System.nanoTime();
    long delayMillis = feedbackDelay.toMillis();
    Summary summary = new Summary(csv, transactionsOut, feedbackOut, feedbackDelay);
    List<Long> feedbackSeconds = new ArrayList<>();
    try (Writer transactions = ToolOutput.open(transactionsOut);
        Writer feedback = ToolOutput.open(feedbackOut)) {
      summary.csv =
          HandbookCsv.read(
              csv,
              limit,
              row -> {
                try {
                  write(row, transactions, feedback, delayMillis, summary);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                if (row.fraud()) {
                  feedbackSeconds.add(row.epochSecond());
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (IllegalArgumentException e) {
      // Not the handbook CSV: leave no empty outputs behind that look like a result.
      Files.deleteIfExists(transactionsOut);
      Files.deleteIfExists(feedbackOut);
      throw e;
    }
    long lastMillis = summary.lastSecond * 1000;
    for (long second : feedbackSeconds) {
      if (second * 1000 + delayMillis > lastMillis) {
        summary.feedbackAfterLastTransaction++;
      }
    }
    summary.elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    return summary;
  }

  private static void write(
      HandbookRow row, Writer transactions, Writer feedback, long delayMillis, Summary summary)
      throws IOException {
    long millis = row.epochSecond() * 1000;
    Transaction txn =
        Transaction.builder()
            .setTxnId(row.txnId())
            .setAccountId(row.accountId())
            .setCardId(row.cardId())
            .setAmount(row.amount())
            .setCurrency("USD")
            .setMerchantId(row.merchantId())
            .setTimestamp(new Instant(millis))
            .build();
    transactions.write(EventJson.toJson(txn, Transaction.class));
    transactions.write('\n');
    summary.transactions++;
    summary.fraudByScenario[row.scenario()]++;
    summary.firstSecond = Math.min(summary.firstSecond, row.epochSecond());
    summary.lastSecond = Math.max(summary.lastSecond, row.epochSecond());
    if (row.amount().signum() <= 0 || row.amount().compareTo(EventParsers.MAX_AMOUNT) > 0) {
      summary.outsideContract++;
      if (summary.outsideContractExamples.size() < RejectedLines.MAX_EXAMPLES) {
        summary.outsideContractExamples.add(
            row.txnId() + " (TX_AMOUNT " + row.rawAmount().toPlainString() + ")");
      }
    }
    if (row.fraud()) {
      FraudFeedback fb =
          FraudFeedback.of(
              row.txnId(),
              row.accountId(),
              row.merchantId(),
              true,
              new Instant(millis + delayMillis));
      feedback.write(EventJson.toJson(fb, FraudFeedback.class));
      feedback.write('\n');
      summary.feedback++;
    }
  }

  /** What a conversion read and wrote. */
  public static final class Summary {
    private final Path csvPath;
    private final Path transactionsOut;
    private final Path feedbackOut;
    private final Duration feedbackDelay;
    private HandbookCsv.Summary csv;
    private long transactions;
    private long feedback;
    private long feedbackAfterLastTransaction;
    private final long[] fraudByScenario = new long[4];
    private long firstSecond = Long.MAX_VALUE;
    private long lastSecond = Long.MIN_VALUE;
    private long outsideContract;
    private final List<String> outsideContractExamples = new ArrayList<>();
    private Duration elapsed = Duration.ZERO;

    private Summary(Path csvPath, Path transactionsOut, Path feedbackOut, Duration feedbackDelay) {
      this.csvPath = csvPath;
      this.transactionsOut = transactionsOut;
      this.feedbackOut = feedbackOut;
      this.feedbackDelay = feedbackDelay;
    }

    /** Data lines read from the CSV (the header not counted). */
    public long dataLines() {
      return csv.dataLines();
    }

    /** CSV rows that could not be parsed, with reasons and examples; none of them is written. */
    public RejectedLines rejected() {
      return csv.rejected();
    }

    /** Transaction events written, one per parsed row. */
    public long transactions() {
      return transactions;
    }

    /** Feedback events written, one per fraudulent transaction. */
    public long feedback() {
      return feedback;
    }

    /** Feedback events whose time is after the last transaction's (written all the same). */
    public long feedbackAfterLastTransaction() {
      return feedbackAfterLastTransaction;
    }

    /** Transactions written per TX_FRAUD_SCENARIO (index 0 genuine, 1 to 3 fraud). */
    public long transactionsInScenario(int scenario) {
      return fraudByScenario[scenario];
    }

    /**
     * Transactions written whose amount the project's transaction contract rejects (the handbook
     * has two of 0.00): ParseEvents will send them to dead letters.
     */
    public long outsideContract() {
      return outsideContract;
    }

    /** The first few of {@link #outsideContract()}, as "txnId (TX_AMOUNT raw)". */
    public List<String> outsideContractExamples() {
      return Collections.unmodifiableList(outsideContractExamples);
    }

    /** Wall-clock time of the conversion. */
    public Duration elapsed() {
      return elapsed;
    }

    /** A few lines for the console. */
    public String describe() {
      long frauds = fraudByScenario[1] + fraudByScenario[2] + fraudByScenario[3];
      ConversionSummary s =
          ConversionSummary.of(
              COMMAND,
              dataLines() + " data lines of " + csvPath + " in " + seconds(elapsed),
              LABEL_WIDTH);
      s.line(
          "transactions written",
          transactions
              + "  -> "
              + transactionsOut
              + (transactions > 0
                  ? "  ("
                      + java.time.Instant.ofEpochSecond(firstSecond)
                      + " .. "
                      + java.time.Instant.ofEpochSecond(lastSecond)
                      + ")"
                  : ""));
      s.line(
          "fraud",
          frauds
              + "  (scenario 1: "
              + fraudByScenario[1]
              + ", scenario 2: "
              + fraudByScenario[2]
              + ", scenario 3: "
              + fraudByScenario[3]
              + ")");
      s.line(
          "feedback written",
          feedback
              + "  -> "
              + feedbackOut
              + "  ("
              + (feedbackDelay.toHours() % 24 == 0
                  ? feedbackDelay.toDays() + " days"
                  : feedbackDelay.toString())
              + " after the transaction; "
              + feedbackAfterLastTransaction
              + " arrive after the last transaction)");
      s.line("rejected CSV rows", rejected().describe());
      if (outsideContract > 0) {
        s.text(
            "written but outside the transaction contract (amount must be > 0 and <= "
                + EventParsers.MAX_AMOUNT
                + "): "
                + outsideContract
                + "; the pipeline will dead-letter them and evaluate-fraud will list them as"
                + " missing decisions: "
                + String.join(", ", outsideContractExamples));
      }
      s.accounting(
          "data lines = transactions + rejected", dataLines() == transactions + rejected().count());
      return s.toString();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** {@code rtp convert-handbook}: CSV in, transactions and feedback out. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code convert-handbook}. */
  @Command(
      name = COMMAND,
      description =
          "convert the Fraud Detection Handbook CSV to transactions and delayed fraud feedback",
      footer = {
        "",
        "Transactions: {\"txnId\":\"hb-<TRANSACTION_ID>\",\"accountId\":\"cust-<CUSTOMER_ID>\","
            + "\"cardId\":\"card-<CUSTOMER_ID>\",\"amount\":<TX_AMOUNT to cents, HALF_UP>,"
            + "\"currency\":\"USD\",\"merchantId\":\"term-<TERMINAL_ID>\",\"timestamp\":\"<TX_DATETIME as UTC>\"}",
        "Feedback: {\"txnId\",\"accountId\",\"merchantId\",\"fraud\":true,\"timestamp\":<transaction time + delay>}",
        "Labels are not written into the transactions. Rows that cannot be parsed are counted and"
            + " listed, never written.",
        "Exit codes: 0 done, 1 reading or writing failed, 2 wrong command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--csv",
        required = true,
        paramLabel = "<path>",
        description =
            "the handbook CSV, e.g. ../shared/datasets/fraud-handbook-card-transactions/"
                + HandbookCsv.FILE_NAME)
    Path csv;

    @Option(
        names = "--transactions",
        required = true,
        paramLabel = "<path>",
        description = "where to write transactions; gzip when the name ends in .gz")
    Path transactions;

    @Option(
        names = "--feedback",
        required = true,
        paramLabel = "<path>",
        description = "where to write one feedback event per fraud; gzip when the name ends in .gz")
    Path feedback;

    @Option(
        names = "--feedbackDelayDays",
        paramLabel = "<days>",
        defaultValue = "" + DEFAULT_FEEDBACK_DELAY_DAYS,
        description =
            "days after a fraudulent transaction its feedback arrives (0 to "
                + MAX_DELAY_DAYS
                + "; default ${DEFAULT-VALUE})")
    long feedbackDelayDays;

    @Option(
        names = "--limit",
        paramLabel = "<N>",
        defaultValue = "0",
        description = "convert only the first N data rows (default 0: all)")
    long limit;

    @Override
    protected int execute() throws IOException {
      HandbookConverter converter =
          create()
              .withFeedbackDelay(
                  Duration.ofDays(
                      inRange("feedbackDelayDays", feedbackDelayDays, 0, MAX_DELAY_DAYS)))
              .withLimit(inRange("limit", limit, 0, Long.MAX_VALUE));
      Summary summary = converter.convert(existingFile("csv", csv), transactions, feedback);
      out.println(summary.describe());
      ConversionSummary.warnRejected(err, summary.rejected());
      return 0;
    }
  }
}
