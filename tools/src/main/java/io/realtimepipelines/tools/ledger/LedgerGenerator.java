package io.realtimepipelines.tools.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Generates a mobile-money ledger shaped like PaySim's (wallets paying merchants, cashing in and
 * out at agents, transferring to each other), with account-takeover fraud, as the project's
 * transaction JSON Lines: the sample data of the user rules (docs/fraud-rule-language.md,
 * rules/examples/).
 *
 * <p>Each record's {@code accountId} is the payer wallet, {@code merchantId} the payee (wallet,
 * merchant, agent or bank), and its {@code attributes} carry {@code type} (PAYMENT, TRANSFER,
 * CASH_OUT, CASH_IN, DEBIT), the payer's {@code balanceBefore} and {@code balanceAfter}, {@code
 * nameDest} (= merchantId) and {@code channel}. Balances follow each wallet through the day: a
 * debit leaves {@code balanceBefore - amount}, a CASH_IN adds the amount, a TRANSFER credits the
 * payee, and no balance goes below 0. Amounts are log-normal per type; the mix is PaySim's (mostly
 * CASH_OUT, PAYMENT and CASH_IN, few TRANSFER, very few DEBIT) over one day, busier by day than by
 * night.
 *
 * <p>Fraud ({@link #fraudPairs} pairs, 1% of the transactions): a takeover TRANSFERs the victim's
 * whole balance (one in five: 95 to 98.5% of it) from a device shared by several victims into a
 * mule wallet, which CASH_OUTs 90 to 100% of it 1 to 60 minutes later; mules receive from one or
 * several victims. So that no rule is perfect, some legitimate wallets also empty their balance,
 * some legitimate transfers are cashed out by the payee within the hour, and a few families share a
 * device. The labels ({@code txnId,isFraud} for every transaction, 1 for both halves of a pair) are
 * written to their own file, never into the records. A seed gives the same bytes on every run.
 *
 * <pre>
 * rtp generate-ledger --count=3000 --seed=7 --output=testdata/mobile-money.jsonl \
 *   --labels=testdata/mobile-money-labels.csv
 * </pre>
 */
public final class LedgerGenerator {
  /** Subcommand name. */
  public static final String COMMAND = "generate-ledger";

  /** Where the day starts unless configured. */
  public static final Instant DEFAULT_START = Instant.parse("2026-11-23T00:00:00Z");

  /** The fewest transactions a ledger may have: enough for wallets, mules and one fraud pair. */
  public static final int MIN_COUNT = 100;

  /** The most transactions a ledger may have (they are held in memory to be sorted). */
  public static final int MAX_COUNT = 2_000_000;

  /** The ledger spans one day of event time (cash-outs may end up to an hour later). */
  static final long DAY_SECONDS = 86_400;

  /** A mule cashes out at least this long after the transfer. */
  static final long MIN_CASH_OUT_DELAY_SECONDS = 60;

  /** A mule cashes out less than this long after the transfer (the sequence rule's hour). */
  static final long MAX_CASH_OUT_DELAY_SECONDS = 3_599;

  /** Fraud pairs per transaction: 15 pairs (30 fraud transactions, 1%) in 3,000. */
  static final double FRAUD_PAIRS_PER_TRANSACTION = 0.005;

  /** The earliest start a transaction's timestamp may have (docs/event-formats.md). */
  private static final Instant MIN_START = Instant.parse("2000-01-01T00:00:00Z");

  private static final Instant MAX_START = Instant.parse("2999-01-01T00:00:00Z");
  private static final String CURRENCY = "USD";

  /** A legitimate TRANSFER or CASH_OUT empties the payer's balance with this probability. */
  private static final double LEGIT_EMPTY_PROBABILITY = 0.006;

  /** A legitimate TRANSFER is cashed out by its payee within the hour with this probability. */
  private static final double LEGIT_FOLLOW_UP_PROBABILITY = 0.2;

  /** Relative activity per hour of day, UTC: quiet at night, busiest around noon and evening. */
  private static final double[] HOURLY = {
    1, 0.6, 0.4, 0.4, 0.5, 1, 2, 4, 6, 7, 8, 8, 9, 8, 8, 7, 7, 8, 9, 9, 7, 5, 3, 2
  };

  /** The transaction types of the ledger, with PaySim's shares and log-normal amounts. */
  enum Type {
    CASH_OUT(0.35, 45, 1.0, true),
    PAYMENT(0.34, 12, 1.0, true),
    CASH_IN(0.22, 60, 1.0, false),
    TRANSFER(0.08, 150, 1.1, true),
    DEBIT(0.01, 25, 0.8, true);

    final double share;
    final double medianAmount;
    final double sigma;
    final boolean debitsPayer;

    Type(double share, double medianAmount, double sigma, boolean debitsPayer) {
      this.share = share;
      this.medianAmount = medianAmount;
      this.sigma = sigma;
      this.debitsPayer = debitsPayer;
    }
  }

  private final int count;
  private final long seed;
  private final Instant start;

  private LedgerGenerator(int count, long seed, Instant start) {
    this.count = count;
    this.seed = seed;
    this.start = start;
  }

  /** 3,000 transactions, seed 7, starting at {@link #DEFAULT_START}: the sample data's settings. */
  public static LedgerGenerator create() {
    return new LedgerGenerator(3_000, 7, DEFAULT_START);
  }

  /** Exactly {@code transactions} records ({@value #MIN_COUNT} to {@value #MAX_COUNT}). */
  public LedgerGenerator withCount(int transactions) {
    if (transactions < MIN_COUNT || transactions > MAX_COUNT) {
      throw new IllegalArgumentException(
          "count must be from " + MIN_COUNT + " to " + MAX_COUNT + ", got " + transactions);
    }
    return new LedgerGenerator(transactions, seed, start);
  }

  /** The seed of the random choices: equal seeds (and settings) give equal ledgers. */
  public LedgerGenerator withSeed(long seed) {
    return new LedgerGenerator(count, seed, start);
  }

  /** The day starts at {@code instant} (from 2000-01-01, whole seconds). */
  public LedgerGenerator withStart(Instant instant) {
    if (instant == null
        || instant.isBefore(MIN_START)
        || instant.isAfter(MAX_START)
        || instant.getNano() != 0) {
      throw new IllegalArgumentException(
          "start must be a whole second from "
              + MIN_START
              + " to "
              + MAX_START
              + ", got "
              + instant);
    }
    return new LedgerGenerator(count, seed, instant);
  }

  /**
   * The fraud pairs (TRANSFER then CASH_OUT) among {@code transactions}: 1% of them, at least 1.
   */
  public static int fraudPairs(int transactions) {
    return (int) Math.max(1, Math.round(transactions * FRAUD_PAIRS_PER_TRANSACTION));
  }

  /** One generated transaction; amounts and balances in cents. */
  record Txn(
      String txnId,
      String accountId,
      long amountCents,
      String merchantId,
      String deviceId,
      Instant timestamp,
      Type type,
      long balanceBeforeCents,
      long balanceAfterCents,
      String channel,
      boolean fraud) {}

  /** A wallet: its balance, devices and preferred channel. */
  private static final class Wallet {
    final String id;
    final List<String> devices = new ArrayList<>(2);
    final String channel;
    long balanceCents;
    boolean victim;

    Wallet(String id, String channel, long balanceCents) {
      this.id = id;
      this.channel = channel;
      this.balanceCents = balanceCents;
    }
  }

  /** What happens at one time; the amount is decided when it happens, from the balances then. */
  private enum Kind {
    LEGIT,
    LEGIT_FOLLOW_UP,
    TAKEOVER,
    MULE_CASH_OUT
  }

  private static final class Planned {
    final long second;
    final int order;
    final Kind kind;
    final Type type;
    Wallet payer;
    final Wallet payee;
    final String device;
    final String counterparty;

    /** The agent of a CASH_IN that replaces a payment the wallet cannot afford. */
    final String agent;

    Planned followUp;
    long parentAmountCents = -1;

    Planned(
        long second,
        int order,
        Kind kind,
        Type type,
        Wallet payer,
        Wallet payee,
        String device,
        String counterparty,
        String agent) {
      this.second = second;
      this.order = order;
      this.kind = kind;
      this.type = type;
      this.payer = payer;
      this.payee = payee;
      this.device = device;
      this.counterparty = counterparty;
      this.agent = agent;
    }
  }

  /** The ledger, in event-time order, txnIds numbered in that order. */
  List<Txn> generate() {
    Random rnd = new Random(seed);
    int pairs = fraudPairs(count);
    int customers = Math.max(20, count / 6);
    int mules = Math.max(1, (int) Math.ceil(pairs * 0.6));
    int fraudDevices = Math.max(1, pairs / 4);
    int merchants = Math.max(5, count / 60);
    int agents = Math.max(3, count / 100);
    int banks = 5;
    int families = Math.max(1, customers / 100);

    // Wallet ids C00000.. for customers and mules alike; mules are a random subset.
    List<Wallet> wallets = new ArrayList<>();
    for (int i = 0; i < customers + mules; i++) {
      String channel = rnd.nextDouble() < 0.6 ? "app" : "ussd";
      long balance = rnd.nextDouble() < 0.05 ? 0 : logNormalCents(rnd, 300, 1.0);
      wallets.add(new Wallet(String.format("C%05d", i), channel, balance));
    }
    List<Wallet> shuffled = new ArrayList<>(wallets);
    Collections.shuffle(shuffled, rnd);
    List<Wallet> muleWallets = new ArrayList<>(shuffled.subList(0, mules));
    List<Wallet> customerWallets = new ArrayList<>(shuffled.subList(mules, shuffled.size()));
    customerWallets.sort(Comparator.comparing(w -> w.id));
    for (Wallet mule : muleWallets) {
      mule.balanceCents = 0;
    }

    // Device ids are drawn from one shuffled pool, so that a fraud device's id tells nothing.
    List<String> devicePool = new ArrayList<>();
    int devicesNeeded = 2 * customers + mules + fraudDevices + families;
    for (int i = 0; i < devicesNeeded; i++) {
      devicePool.add(String.format("D%06d", 100_000 + i));
    }
    Collections.shuffle(devicePool, rnd);
    int nextDevice = 0;
    for (Wallet w : customerWallets) {
      w.devices.add(devicePool.get(nextDevice++));
      if (rnd.nextDouble() < 0.3) {
        w.devices.add(devicePool.get(nextDevice++));
      }
    }
    for (Wallet mule : muleWallets) {
      mule.devices.add(devicePool.get(nextDevice++));
    }
    // A family's shared phone: the second device of three wallets (a legitimate device share).
    for (int f = 0; f < families; f++) {
      String shared = devicePool.get(nextDevice++);
      for (int k = 0; k < 3; k++) {
        Wallet w = customerWallets.get(rnd.nextInt(customerWallets.size()));
        if (w.devices.size() == 2) {
          w.devices.set(1, shared);
        } else {
          w.devices.add(shared);
        }
      }
    }
    List<String> takeoverDevices = new ArrayList<>();
    for (int i = 0; i < fraudDevices; i++) {
      takeoverDevices.add(devicePool.get(nextDevice++));
    }

    long dayStart = start.getEpochSecond();
    List<Planned> plan = new ArrayList<>(count);
    // Fraud pairs first in the plan order, so that their count never depends on the legit draws.
    for (int j = 0; j < pairs; j++) {
      long at = dayStart + (long) (rnd.nextDouble() * (DAY_SECONDS - MAX_CASH_OUT_DELAY_SECONDS));
      Wallet mule = muleWallets.get(j % mules);
      Planned takeover =
          new Planned(
              at,
              plan.size(),
              Kind.TAKEOVER,
              Type.TRANSFER,
              null,
              mule,
              takeoverDevices.get(j % fraudDevices),
              mule.id,
              null);
      plan.add(takeover);
      long delay =
          MIN_CASH_OUT_DELAY_SECONDS
              + (long)
                  (rnd.nextDouble()
                      * (MAX_CASH_OUT_DELAY_SECONDS - MIN_CASH_OUT_DELAY_SECONDS + 1));
      takeover.followUp =
          new Planned(
              at + delay,
              plan.size(),
              Kind.MULE_CASH_OUT,
              Type.CASH_OUT,
              mule,
              null,
              mule.devices.get(0),
              agentId(rnd, agents),
              null);
      plan.add(takeover.followUp);
    }
    while (plan.size() < count) {
      Type type = drawType(rnd);
      Wallet payer = customerWallets.get(rnd.nextInt(customerWallets.size()));
      long at = dayStart + drawSecondOfDay(rnd);
      Wallet payee = null;
      String counterparty;
      switch (type) {
        case TRANSFER -> {
          do {
            payee = customerWallets.get(rnd.nextInt(customerWallets.size()));
          } while (payee == payer);
          counterparty = payee.id;
        }
        case PAYMENT -> counterparty = String.format("M%04d", popular(rnd, merchants));
        case DEBIT -> counterparty = String.format("B%02d", rnd.nextInt(banks));
        default -> counterparty = agentId(rnd, agents);
      }
      Planned legit =
          new Planned(
              at,
              plan.size(),
              Kind.LEGIT,
              type,
              payer,
              payee,
              deviceOf(rnd, payer),
              counterparty,
              agentId(rnd, agents));
      plan.add(legit);
      if (payee != null && plan.size() < count && rnd.nextDouble() < LEGIT_FOLLOW_UP_PROBABILITY) {
        // The payee cashes (part of) it out at an agent within the hour: legitimate, and the
        // transfer-then-cash-out rule's false alarm when it is 90% or more.
        legit.followUp =
            new Planned(
                at + 60 + (long) (rnd.nextDouble() * 3_540),
                plan.size(),
                Kind.LEGIT_FOLLOW_UP,
                Type.CASH_OUT,
                payee,
                null,
                deviceOf(rnd, payee),
                agentId(rnd, agents),
                agentId(rnd, agents));
        plan.add(legit.followUp);
      }
    }

    PriorityQueue<Planned> timeline =
        new PriorityQueue<>(
            Comparator.<Planned>comparingLong(p -> p.second).thenComparingInt(p -> p.order));
    timeline.addAll(plan);
    List<Txn> ledger = new ArrayList<>(count);
    while (!timeline.isEmpty()) {
      Planned p = timeline.poll();
      if (p.kind == Kind.TAKEOVER) {
        p.payer = victim(rnd, customerWallets);
      }
      ledger.add(happen(rnd, p, ledger.size() + 1));
    }
    return ledger;
  }

  /** Turns one planned transaction into a record, moving the balances. */
  private Txn happen(Random rnd, Planned p, int number) {
    Wallet payer = p.payer;
    long before = payer.balanceCents;
    Type type = p.type;
    long amount;
    String counterparty = p.counterparty;
    switch (p.kind) {
      case TAKEOVER -> {
        amount =
            rnd.nextDouble() < 0.8 ? before : (long) (before * (0.95 + 0.035 * rnd.nextDouble()));
        payer.victim = true;
      }
      case MULE_CASH_OUT -> {
        // 90 to 100% of the transfer, kept a cent above 90% so that "amount >= 0.9 * first.amount"
        // holds in doubles too.
        long transferred = p.parentAmountCents;
        long lowest = transferred * 9 / 10 + 1;
        amount = lowest + (long) (rnd.nextDouble() * (transferred - lowest + 1));
      }
      default -> {
        if (type.debitsPayer && before < 100) {
          // Too little money to pay: the wallet tops up at an agent instead.
          type = Type.CASH_IN;
          counterparty = p.agent;
        }
        amount = legitAmount(rnd, p, type, before);
      }
    }
    long after = type.debitsPayer ? before - amount : before + amount;
    payer.balanceCents = after;
    if (type == Type.TRANSFER && p.payee != null) {
      p.payee.balanceCents += amount;
    }
    if (p.followUp != null) {
      p.followUp.parentAmountCents = type == Type.TRANSFER ? amount : -1;
    }
    boolean fraud = p.kind == Kind.TAKEOVER || p.kind == Kind.MULE_CASH_OUT;
    String channel =
        switch (type) {
          case CASH_IN, CASH_OUT -> "agent";
          default -> p.kind == Kind.TAKEOVER ? "app" : payer.channel;
        };
    String txnId = String.format("mm-%07d", number);
    return new Txn(
        txnId,
        payer.id,
        amount,
        type == Type.TRANSFER ? p.payee.id : counterparty,
        p.device,
        Instant.ofEpochSecond(p.second),
        type,
        before,
        after,
        channel,
        fraud);
  }

  /**
   * A legitimate amount: log-normal for its type, never more than 90% of the balance unless the
   * payer empties it on purpose (rarely), and a follow-up cash-out is 30 to 100% of its transfer.
   */
  private static long legitAmount(Random rnd, Planned p, Type type, long before) {
    if (!type.debitsPayer) {
      return logNormalCents(rnd, type.medianAmount, type.sigma);
    }
    boolean mayEmpty = type == Type.TRANSFER || type == Type.CASH_OUT;
    if (mayEmpty && rnd.nextDouble() < LEGIT_EMPTY_PROBABILITY) {
      return before;
    }
    long amount =
        p.kind == Kind.LEGIT_FOLLOW_UP && p.parentAmountCents > 0
            ? (long) (p.parentAmountCents * (0.3 + 0.7 * rnd.nextDouble()))
            : logNormalCents(rnd, type.medianAmount, type.sigma);
    if (amount > before * 9 / 10) {
      amount = (long) (before * (0.1 + 0.8 * rnd.nextDouble()));
    }
    return Math.max(1, amount);
  }

  /**
   * A wallet with at least 100.00 not yet taken over (the richest left when draws keep missing).
   */
  private static Wallet victim(Random rnd, List<Wallet> customers) {
    for (int tries = 0; tries < 1_000; tries++) {
      Wallet w = customers.get(rnd.nextInt(customers.size()));
      if (!w.victim && w.balanceCents >= 10_000) {
        return w;
      }
    }
    Wallet richest = null;
    for (Wallet w : customers) {
      if (!w.victim && (richest == null || w.balanceCents > richest.balanceCents)) {
        richest = w;
      }
    }
    if (richest == null || richest.balanceCents < 100) {
      throw new IllegalStateException("no wallet left to take over; use a larger --count");
    }
    return richest;
  }

  private static Type drawType(Random rnd) {
    double u = rnd.nextDouble();
    for (Type t : Type.values()) {
      u -= t.share;
      if (u < 0) {
        return t;
      }
    }
    return Type.CASH_OUT;
  }

  private static long drawSecondOfDay(Random rnd) {
    double total = 0;
    for (double h : HOURLY) {
      total += h;
    }
    double u = rnd.nextDouble() * total;
    int hour = 0;
    while (hour < HOURLY.length - 1 && u >= HOURLY[hour]) {
      u -= HOURLY[hour];
      hour++;
    }
    return hour * 3_600L + (long) (rnd.nextDouble() * 3_600);
  }

  /** The wallet's first device mostly, its second (when it has one) one time in five. */
  private static String deviceOf(Random rnd, Wallet w) {
    return w.devices.size() > 1 && rnd.nextDouble() < 0.2 ? w.devices.get(1) : w.devices.get(0);
  }

  private static String agentId(Random rnd, int agents) {
    return String.format("A%03d", rnd.nextInt(agents));
  }

  /** A merchant index, low ones more often (a few merchants get most payments). */
  private static int popular(Random rnd, int merchants) {
    return (int) (merchants * Math.pow(rnd.nextDouble(), 2));
  }

  /** A log-normal amount in cents, at least 1.00; StrictMath so that every JVM draws the same. */
  private static long logNormalCents(Random rnd, double median, double sigma) {
    double value = median * StrictMath.exp(sigma * rnd.nextGaussian());
    return Math.max(100, Math.round(value * 100));
  }

  /** Writes the ledger (and the labels, when {@code labels} is not null); see the class comment. */
  public Summary write(Path output, Path labels) throws IOException {
    if (labels != null
        && output.toAbsolutePath().normalize().equals(labels.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("--output and --labels must be two different files");
    }
    List<Txn> ledger = generate();
    JsonFactory json =
        JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    try (Writer out = ToolOutput.open(output)) {
      for (Txn t : ledger) {
        out.write(toJson(json, t));
        out.write('\n');
      }
    }
    if (labels != null) {
      try (Writer out = ToolOutput.open(labels);
          CSVPrinter csv = LABELS_CSV.print(out)) {
        for (Txn t : ledger) {
          csv.printRecord(t.txnId(), t.fraud() ? 1 : 0);
        }
      }
    }
    return new Summary(ledger, output, labels);
  }

  /** The labels file: header {@code txnId,isFraud}, one record per transaction, LF line ends. */
  static final CSVFormat LABELS_CSV =
      CSVFormat.DEFAULT.builder().setHeader("txnId", "isFraud").setRecordSeparator('\n').get();

  private static String toJson(JsonFactory json, Txn t) throws IOException {
    StringWriter s = new StringWriter(256);
    try (JsonGenerator g = json.createGenerator(s)) {
      g.writeStartObject();
      g.writeStringField("txnId", t.txnId());
      g.writeStringField("accountId", t.accountId());
      g.writeNumberField("amount", cents(t.amountCents()));
      g.writeStringField("currency", CURRENCY);
      g.writeStringField("merchantId", t.merchantId());
      g.writeStringField("deviceId", t.deviceId());
      g.writeStringField("timestamp", t.timestamp().toString());
      g.writeObjectFieldStart("attributes");
      g.writeStringField("type", t.type().name());
      g.writeNumberField("balanceBefore", cents(t.balanceBeforeCents()));
      g.writeNumberField("balanceAfter", cents(t.balanceAfterCents()));
      g.writeStringField("nameDest", t.merchantId());
      g.writeStringField("channel", t.channel());
      g.writeEndObject();
      g.writeEndObject();
    }
    return s.toString();
  }

  private static BigDecimal cents(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  /** What a run wrote. */
  public static final class Summary {
    private final Map<Type, Long> byType = new EnumMap<>(Type.class);
    private final long transactions;
    private long fraud;
    private long legitEmpties;
    private final Instant first;
    private final Instant last;
    private final Path output;
    private final Path labels;

    private Summary(List<Txn> ledger, Path output, Path labels) {
      this.output = output;
      this.labels = labels;
      this.transactions = ledger.size();
      for (Type t : Type.values()) {
        byType.put(t, 0L);
      }
      for (Txn t : ledger) {
        byType.merge(t.type(), 1L, Long::sum);
        if (t.fraud()) {
          fraud++;
        } else if ((t.type() == Type.TRANSFER || t.type() == Type.CASH_OUT)
            && t.balanceBeforeCents() > 0
            && t.balanceAfterCents() == 0) {
          legitEmpties++;
        }
      }
      this.first = ledger.get(0).timestamp();
      this.last = ledger.get(ledger.size() - 1).timestamp();
    }

    /** Transactions written. */
    public long transactions() {
      return transactions;
    }

    /** Fraud transactions written (both halves of every pair). */
    public long fraud() {
      return fraud;
    }

    /** Legitimate TRANSFERs and CASH_OUTs that empty the payer's balance. */
    public long legitEmpties() {
      return legitEmpties;
    }

    /** A few lines for the console. */
    public String describe() {
      String nl = System.lineSeparator();
      StringBuilder s = new StringBuilder();
      s.append(COMMAND)
          .append(": ")
          .append(transactions)
          .append(" transactions (")
          .append(first)
          .append(" .. ")
          .append(last)
          .append(") -> ")
          .append(output)
          .append(nl);
      s.append("  types      ");
      for (Map.Entry<Type, Long> e : byType.entrySet()) {
        s.append(' ').append(e.getKey()).append(' ').append(e.getValue());
      }
      s.append(nl);
      s.append("  fraud       ")
          .append(fraud)
          .append(" (")
          .append(fraud / 2)
          .append(" TRANSFER + CASH_OUT pairs)")
          .append(nl);
      s.append("  legitimate TRANSFER/CASH_OUT emptying the balance ")
          .append(legitEmpties)
          .append(nl);
      s.append("  labels      ").append(labels == null ? "not written (no --labels)" : labels);
      return s.toString();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** {@code rtp generate-ledger}: a seeded mobile-money ledger and its labels. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code generate-ledger}. */
  @Command(
      name = COMMAND,
      description =
          "generate a PaySim-like mobile-money ledger with account-takeover fraud and its labels",
      footer = {
        "",
        "Transactions: {\"txnId\":\"mm-<n>\",\"accountId\":<payer wallet>,\"amount\":<cents>,"
            + "\"currency\":\"USD\",\"merchantId\":<payee>,\"deviceId\",\"timestamp\","
            + "\"attributes\":{\"type\",\"balanceBefore\",\"balanceAfter\",\"nameDest\",\"channel\"}}",
        "Labels: CSV txnId,isFraud (1 or 0) for every transaction; never in the transactions.",
        "The same options give the same bytes. Exit codes: 0 done, 1 writing failed, 2 wrong"
            + " command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--count",
        required = true,
        paramLabel = "<N>",
        description = "transactions to write (" + MIN_COUNT + " to " + MAX_COUNT + ")")
    long count;

    @Option(
        names = "--seed",
        required = true,
        paramLabel = "<S>",
        description = "seed of the random choices")
    long seed;

    @Option(
        names = "--output",
        required = true,
        paramLabel = "<path>",
        description = "where to write the transactions; gzip when the name ends in .gz")
    Path output;

    @Option(
        names = "--labels",
        paramLabel = "<path>",
        description = "where to write the labels CSV (txnId,isFraud); none when not given")
    Path labels;

    @Option(
        names = "--start",
        paramLabel = "<instant>",
        defaultValue = "2026-11-23T00:00:00Z",
        description = "the day's first instant, ISO-8601 UTC (default ${DEFAULT-VALUE})")
    String startInstant;

    @Override
    protected int execute() throws IOException {
      Instant startAt;
      try {
        startAt = Instant.parse(startInstant);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--start=" + startInstant + " is no ISO-8601 instant such as 2026-11-23T00:00:00Z", e);
      }
      LedgerGenerator generator =
          create()
              .withCount((int) inRange("count", count, MIN_COUNT, MAX_COUNT))
              .withSeed(seed)
              .withStart(startAt);
      out.println(generator.write(output, labels).describe());
      return 0;
    }
  }
}
