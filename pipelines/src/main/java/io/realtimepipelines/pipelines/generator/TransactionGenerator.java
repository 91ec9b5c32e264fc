package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.EpisodeLayout.Episode;
import io.realtimepipelines.pipelines.generator.Regions.City;
import java.util.SplittableRandom;

/**
 * Card payments. Accounts are Zipf-skewed (the top 1% make about a third of the payments), live in
 * a home city (mostly US) at a fixed spot with a home IP and device, and have a usual amount
 * (log-normal around 30 USD); each payment is log-normal around that. Payments are in USD nine
 * times in ten, else in the home currency. Anomalies: {@link AnomalyKind#IP_BURST}, {@link
 * AnomalyKind#CARD_TESTING}, {@link AnomalyKind#IMPOSSIBLE_TRAVEL}, {@link
 * AnomalyKind#AMOUNT_SPIKE}.
 */
final class TransactionGenerator extends SlottedGenerator {
  private static final long SALT_EVENTS = 0x54584eL;
  private static final long SALT_ACCOUNT = 0x4143435aL;
  private static final long SALT_MERCHANT = 0x4d455243L;
  private static final String[] MCCS = {
    "5411", "5812", "5814", "5541", "5311", "5732", "5999", "4121", "5912", "5651", "7011", "4511",
    "5942", "5815"
  };

  private static final double LOG_USUAL_CENTS = Math.log(3000);

  /** Skewed choice of the paying account. */
  private final ZipfSampler accountRanks;

  /** Skewed choice of the paid merchant. */
  private final ZipfSampler merchantRanks;

  TransactionGenerator(GeneratorConfig config) {
    super(
        EventType.TRANSACTION,
        config,
        SALT_EVENTS,
        AnomalyKind.IP_BURST,
        AnomalyKind.CARD_TESTING,
        AnomalyKind.IMPOSSIBLE_TRAVEL,
        AnomalyKind.AMOUNT_SPIKE);
    this.accountRanks = new ZipfSampler(config.accounts(), 100);
    this.merchantRanks = new ZipfSampler(config.merchants(), 10);
  }

  /** What is fixed about one account. */
  private static final class Account {
    /** Account number. */
    final int id;

    /** Home city. */
    final City city;

    /** Home latitude, 1e-4 degrees. */
    final long lat;

    /** Home longitude, 1e-4 degrees. */
    final long lon;

    /** Bits of the home IPv4 address. */
    final long ipBits;

    /** First octet of the home IPv4 address. */
    final int ipFirstOctet;

    /** Usual amount, US cents. */
    final long usualCents;

    /** Whether the account has a second card. */
    final boolean twoCards;

    Account(long seed, int id) {
      this.id = id;
      long h = Mix.hash(seed, SALT_ACCOUNT, id);
      SplittableRandom r = new SplittableRandom(h);
      this.city = Regions.CITIES[Regions.pick(r.nextLong())];
      this.lat = Math.round((city.lat + (r.nextDouble() - 0.5) * 0.3) * 10_000);
      this.lon = Math.round((city.lon + (r.nextDouble() - 0.5) * 0.3) * 10_000);
      this.ipBits = r.nextLong();
      this.ipFirstOctet = city.octets[r.nextInt(city.octets.length)];
      this.usualCents =
          Math.max(200, Math.round(Math.exp(LOG_USUAL_CENTS + 0.6 * r.nextGaussian())));
      this.twoCards = r.nextInt(5) == 0;
    }
  }

  private void writeHeader(JsonLine out, long n, Account a, int card) {
    out.id("txnId", "txn-", config.seed(), n)
        .id("accountId", "acct-", a.id)
        .id("cardId", "card-", a.id, card);
  }

  private void merchant(JsonLine out, int merchant) {
    out.id("merchantId", "m-", merchant)
        .string(
            "merchantCategory",
            MCCS[Mix.below(Mix.hash(config.seed(), SALT_MERCHANT, merchant), MCCS.length)]);
  }

  private static void homeIp(JsonLine out, Account a) {
    out.string("ip", Regions.appendIpv4(new StringBuilder(15), a.ipFirstOctet, a.ipBits));
  }

  private static void location(JsonLine out, String country, long lat, long lon) {
    out.string("country", country).decimal("lat", lat, 4).decimal("lon", lon, 4);
  }

  @Override
  void writeOrdinary(long n, long millis, SplittableRandom rnd, Defect defect, JsonLine out) {
    Account a = new Account(config.seed(), accountRanks.rank(rnd.nextDouble()));
    int card = a.twoCards && rnd.nextInt(10) == 0 ? 2 : 1;
    long usdCents = Math.max(50, Math.round(a.usualCents * Math.exp(0.8 * rnd.nextGaussian())));
    writeHeader(out, n, a, card);
    boolean local = !a.city.currency.equals("USD") && rnd.nextInt(10) == 0;
    if (local) {
      long unscaled =
          Math.max(1, Math.round(usdCents * a.city.perUsd * Math.pow(10, a.city.decimals - 2)));
      checkedDecimal(out, "amount", unscaled, a.city.decimals, defect);
      out.string("currency", a.city.currency);
    } else {
      checkedDecimal(out, "amount", usdCents, 2, defect);
      out.string("currency", "USD");
    }
    merchant(out, merchantRanks.rank(rnd.nextDouble()));
    if (rnd.nextInt(100) < 85) {
      homeIp(out, a);
    } else {
      out.string(
          "ip",
          Regions.appendIpv4(
              new StringBuilder(15),
              a.city.octets[rnd.nextInt(a.city.octets.length)],
              rnd.nextLong()));
    }
    if (rnd.nextInt(10) != 0) {
      out.id("deviceId", "dev-", a.id, 1);
    }
    if (rnd.nextInt(20) != 0) {
      location(out, a.city.country, a.lat, a.lon);
    }
    out.timestamp("timestamp", millis);
  }

  @Override
  void writeEpisode(Episode e, long n, long millis, JsonLine out) {
    SplittableRandom shared = episodeRandom(e);
    SplittableRandom own = positionRandom(e);
    switch (e.kind) {
      case IP_BURST:
        ipBurst(e, n, millis, shared, own, out);
        break;
      case CARD_TESTING:
        cardTesting(e, n, millis, shared, own, out);
        break;
      case IMPOSSIBLE_TRAVEL:
        impossibleTravel(e, n, millis, shared, own, out);
        break;
      case AMOUNT_SPIKE:
        amountSpike(e, n, millis, shared, own, out);
        break;
      default:
        throw new IllegalStateException("not a transaction anomaly: " + e.kind);
    }
  }

  private static String hostingIp(SplittableRandom shared) {
    int first = Regions.HOSTING_OCTETS[shared.nextInt(Regions.HOSTING_OCTETS.length)];
    return Regions.appendIpv4(new StringBuilder(15), first, shared.nextLong()).toString();
  }

  /** Different accounts, one hosting IP, purchases of 500 to 3,000 USD. */
  private void ipBurst(
      Episode e, long n, long millis, SplittableRandom shared, SplittableRandom own, JsonLine out) {
    String ip = hostingIp(shared);
    Account a = new Account(config.seed(), own.nextInt(config.accounts()));
    writeHeader(out, n, a, 1);
    out.decimal("amount", 50_000 + own.nextInt(250_001), 2).string("currency", "USD");
    merchant(out, merchantRanks.rank(own.nextDouble()));
    out.string("ip", ip).timestamp("timestamp", millis);
  }

  /** One card, tiny charges at small merchants, then a large one. */
  private void cardTesting(
      Episode e, long n, long millis, SplittableRandom shared, SplittableRandom own, JsonLine out) {
    String ip = hostingIp(shared);
    Account a = new Account(config.seed(), shared.nextInt(config.accounts()));
    writeHeader(out, n, a, 1);
    boolean last = e.position == e.kind.episodeLength() - 1;
    long cents = last ? 80_000 + own.nextInt(170_001) : 50 + own.nextInt(250);
    out.decimal("amount", cents, 2).string("currency", "USD");
    int tail = config.merchants() / 2;
    merchant(out, last ? merchantRanks.rank(own.nextDouble()) : tail + own.nextInt(tail));
    out.string("ip", ip).timestamp("timestamp", millis);
  }

  /** One card, at home then in a city over 2,000 km away. */
  private void impossibleTravel(
      Episode e, long n, long millis, SplittableRandom shared, SplittableRandom own, JsonLine out) {
    Account a = new Account(config.seed(), shared.nextInt(config.accounts()));
    City far;
    do {
      far = Regions.CITIES[shared.nextInt(Regions.CITIES.length)];
    } while (Regions.distanceKm(a.lat / 1e4, a.lon / 1e4, far.lat, far.lon) < 2_000);
    writeHeader(out, n, a, 1);
    out.decimal(
            "amount",
            Math.max(50, Math.round(a.usualCents * Math.exp(0.3 * own.nextGaussian()))),
            2)
        .string("currency", "USD");
    merchant(out, merchantRanks.rank(own.nextDouble()));
    if (e.position == 0) {
      homeIp(out, a);
      out.id("deviceId", "dev-", a.id, 1);
      location(out, a.city.country, a.lat, a.lon);
    } else {
      out.string(
          "ip",
          Regions.appendIpv4(
              new StringBuilder(15), far.octets[own.nextInt(far.octets.length)], own.nextLong()));
      location(out, far.country, Math.round(far.lat * 10_000), Math.round(far.lon * 10_000));
    }
    out.timestamp("timestamp", millis);
  }

  /** One account, three payments near its usual amount, then one 25 to 60 times it. */
  private void amountSpike(
      Episode e, long n, long millis, SplittableRandom shared, SplittableRandom own, JsonLine out) {
    Account a = new Account(config.seed(), shared.nextInt(config.accounts()));
    writeHeader(out, n, a, 1);
    boolean last = e.position == e.kind.episodeLength() - 1;
    long cents =
        last
            ? Math.round(a.usualCents * (25 + 35 * own.nextDouble()))
            : Math.max(50, Math.round(a.usualCents * Math.exp(0.25 * own.nextGaussian())));
    out.decimal("amount", cents, 2).string("currency", "USD");
    merchant(out, merchantRanks.rank(own.nextDouble()));
    homeIp(out, a);
    out.id("deviceId", "dev-", a.id, 1);
    location(out, a.city.country, a.lat, a.lon);
    out.timestamp("timestamp", millis);
  }
}
