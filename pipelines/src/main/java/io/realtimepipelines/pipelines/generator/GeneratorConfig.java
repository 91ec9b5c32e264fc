package io.realtimepipelines.pipelines.generator;

import java.io.Serializable;
import java.util.Objects;
import org.joda.time.Instant;

/**
 * What the synthetic events look like: seed, entity counts, event-time rate and start, and the
 * share of injected anomalies and invalid records. Immutable; each {@code with…()} checks its
 * parameter and returns a changed copy. Two generators with equal configs produce identical events.
 */
public final class GeneratorConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final long DEFAULT_SEED = 42L;
  public static final double DEFAULT_ANOMALY_RATE = 0.01;
  public static final double MAX_ANOMALY_RATE = 0.1;
  public static final double DEFAULT_BAD_RATE = 0.0;
  public static final double MAX_BAD_RATE = 0.5;
  public static final int DEFAULT_ACCOUNTS = 100_000;
  public static final int DEFAULT_MERCHANTS = 5_000;
  public static final int DEFAULT_PRODUCTS = 20_000;
  public static final int DEFAULT_PATIENTS = 2_000;
  public static final int MIN_ENTITIES = 100;
  public static final int MAX_ENTITIES = 100_000_000;
  public static final Instant DEFAULT_START = Instant.parse("2026-11-23T00:00:00Z");
  public static final double DEFAULT_EVENT_TIME_RATE = 100.0;
  public static final double MIN_EVENT_TIME_RATE = 0.01;

  /** Keeps the busiest hour below one event per millisecond, so event times never repeat. */
  public static final double MAX_EVENT_TIME_RATE = 500.0;

  /** Seed of every random choice, at least 0; part of every event id. */
  private final long seed;

  /** Share of events that belong to injected anomaly episodes, 0 to 0.1. */
  private final double anomalyRate;

  /** Share of records made invalid on purpose, 0 to 0.5. */
  private final double badRate;

  /** Number of accounts (transactions) and users (clicks). */
  private final int accounts;

  /** Number of merchants that transactions pay. */
  private final int merchants;

  /** Number of products in the catalogue (clicks, inventory, competitor prices). */
  private final int products;

  /** Number of monitored patients (vital signs). */
  private final int patients;

  /** Event time of event 0, epoch milliseconds UTC. */
  private final long startMillis;

  /** Average events per second of event time, before the day curve. */
  private final double eventTimeRate;

  /** Whether transactions and clicks follow the day curve; off for real-time (live) streams. */
  private final boolean diurnal;

  private GeneratorConfig(
      long seed,
      double anomalyRate,
      double badRate,
      int accounts,
      int merchants,
      int products,
      int patients,
      long startMillis,
      double eventTimeRate,
      boolean diurnal) {
    this.seed = seed;
    this.anomalyRate = anomalyRate;
    this.badRate = badRate;
    this.accounts = accounts;
    this.merchants = merchants;
    this.products = products;
    this.patients = patients;
    this.startMillis = startMillis;
    this.eventTimeRate = eventTimeRate;
    this.diurnal = diurnal;
  }

  /**
   * Seed 42, 1% anomalies, no invalid records, 100,000 accounts, 5,000 merchants, 20,000 products,
   * 2,000 patients, from 2026-11-23T00:00:00Z at 100 events/s of event time.
   */
  public static GeneratorConfig defaults() {
    return new GeneratorConfig(
        DEFAULT_SEED,
        DEFAULT_ANOMALY_RATE,
        DEFAULT_BAD_RATE,
        DEFAULT_ACCOUNTS,
        DEFAULT_MERCHANTS,
        DEFAULT_PRODUCTS,
        DEFAULT_PATIENTS,
        DEFAULT_START.getMillis(),
        DEFAULT_EVENT_TIME_RATE,
        true);
  }

  public GeneratorConfig withSeed(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("seed must be at least 0, got " + value);
    }
    return new GeneratorConfig(
        value,
        anomalyRate,
        badRate,
        accounts,
        merchants,
        products,
        patients,
        startMillis,
        eventTimeRate,
        diurnal);
  }

  public GeneratorConfig withAnomalyRate(double value) {
    checkRate("anomalyRate", value, MAX_ANOMALY_RATE);
    return new GeneratorConfig(
        seed,
        value,
        badRate,
        accounts,
        merchants,
        products,
        patients,
        startMillis,
        eventTimeRate,
        diurnal);
  }

  public GeneratorConfig withBadRate(double value) {
    checkRate("badRate", value, MAX_BAD_RATE);
    return new GeneratorConfig(
        seed,
        anomalyRate,
        value,
        accounts,
        merchants,
        products,
        patients,
        startMillis,
        eventTimeRate,
        diurnal);
  }

  public GeneratorConfig withAccounts(int value) {
    checkEntities("accounts", value);
    return new GeneratorConfig(
        seed,
        anomalyRate,
        badRate,
        value,
        merchants,
        products,
        patients,
        startMillis,
        eventTimeRate,
        diurnal);
  }

  public GeneratorConfig withMerchants(int value) {
    checkEntities("merchants", value);
    return new GeneratorConfig(
        seed,
        anomalyRate,
        badRate,
        accounts,
        value,
        products,
        patients,
        startMillis,
        eventTimeRate,
        diurnal);
  }

  public GeneratorConfig withProducts(int value) {
    checkEntities("products", value);
    return new GeneratorConfig(
        seed,
        anomalyRate,
        badRate,
        accounts,
        merchants,
        value,
        patients,
        startMillis,
        eventTimeRate,
        diurnal);
  }

  public GeneratorConfig withPatients(int value) {
    checkEntities("patients", value);
    return new GeneratorConfig(
        seed,
        anomalyRate,
        badRate,
        accounts,
        merchants,
        products,
        value,
        startMillis,
        eventTimeRate,
        diurnal);
  }

  /** Event time of event 0; from 2000-01-01 to 9000-01-01. */
  /**
   * Without the day curve: events at a steady rate, so that a stream sent at that rate in real time
   * keeps its event times on the clock (a live stream).
   */
  public GeneratorConfig withSteadyRate() {
    return new GeneratorConfig(
        seed,
        anomalyRate,
        badRate,
        accounts,
        merchants,
        products,
        patients,
        startMillis,
        eventTimeRate,
        false);
  }

  /** Whether event times follow the day curve. */
  public boolean diurnal() {
    return diurnal;
  }

  public GeneratorConfig withStart(Instant value) {
    if (value == null
        || value.isBefore(Instant.parse("2000-01-01T00:00:00Z"))
        || !value.isBefore(Instant.parse("9000-01-01T00:00:00Z"))) {
      throw new IllegalArgumentException(
          "start must be from 2000-01-01T00:00:00Z to before 9000-01-01T00:00:00Z, got " + value);
    }
    return new GeneratorConfig(
        seed,
        anomalyRate,
        badRate,
        accounts,
        merchants,
        products,
        patients,
        value.getMillis(),
        eventTimeRate,
        diurnal);
  }

  /** Average events per second of event time, 0.01 to 500. */
  public GeneratorConfig withEventTimeRate(double value) {
    if (!(value >= MIN_EVENT_TIME_RATE && value <= MAX_EVENT_TIME_RATE)) {
      throw new IllegalArgumentException(
          "eventTimeRate must be between "
              + MIN_EVENT_TIME_RATE
              + " and "
              + MAX_EVENT_TIME_RATE
              + " events/s, got "
              + value);
    }
    return new GeneratorConfig(
        seed,
        anomalyRate,
        badRate,
        accounts,
        merchants,
        products,
        patients,
        startMillis,
        value,
        diurnal);
  }

  private static void checkRate(String name, double value, double max) {
    if (!(value >= 0 && value <= max)) {
      throw new IllegalArgumentException(name + " must be between 0 and " + max + ", got " + value);
    }
  }

  private static void checkEntities(String name, int value) {
    if (value < MIN_ENTITIES || value > MAX_ENTITIES) {
      throw new IllegalArgumentException(
          name + " must be between " + MIN_ENTITIES + " and " + MAX_ENTITIES + ", got " + value);
    }
  }

  public long seed() {
    return seed;
  }

  public double anomalyRate() {
    return anomalyRate;
  }

  public double badRate() {
    return badRate;
  }

  public int accounts() {
    return accounts;
  }

  public int merchants() {
    return merchants;
  }

  public int products() {
    return products;
  }

  public int patients() {
    return patients;
  }

  public Instant start() {
    return new Instant(startMillis);
  }

  public long startMillis() {
    return startMillis;
  }

  public double eventTimeRate() {
    return eventTimeRate;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GeneratorConfig)) {
      return false;
    }
    GeneratorConfig c = (GeneratorConfig) o;
    return seed == c.seed
        && Double.compare(anomalyRate, c.anomalyRate) == 0
        && Double.compare(badRate, c.badRate) == 0
        && accounts == c.accounts
        && merchants == c.merchants
        && products == c.products
        && patients == c.patients
        && startMillis == c.startMillis
        && Double.compare(eventTimeRate, c.eventTimeRate) == 0
        && diurnal == c.diurnal;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        seed,
        anomalyRate,
        badRate,
        accounts,
        merchants,
        products,
        patients,
        startMillis,
        eventTimeRate,
        diurnal);
  }

  @Override
  public String toString() {
    return "GeneratorConfig{seed="
        + seed
        + ", anomalyRate="
        + anomalyRate
        + ", badRate="
        + badRate
        + ", accounts="
        + accounts
        + ", merchants="
        + merchants
        + ", products="
        + products
        + ", patients="
        + patients
        + ", start="
        + start()
        + ", eventTimeRate="
        + eventTimeRate
        + (diurnal ? "" : ", steady")
        + "}";
  }
}
