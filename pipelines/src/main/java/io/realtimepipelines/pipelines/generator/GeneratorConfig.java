package io.realtimepipelines.pipelines.generator;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.joda.time.Instant;

/**
 * What the synthetic events look like: seed, entity counts, event-time rate and start, and the
 * share of injected anomalies and invalid records. Immutable (AutoValue); each {@code with…()}
 * checks its parameter and returns a changed copy. Two generators with equal configs produce
 * identical events.
 */
@AutoValue
public abstract class GeneratorConfig implements Serializable {
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
  public abstract long seed();

  /** Share of events that belong to injected anomaly episodes, 0 to 0.1. */
  public abstract double anomalyRate();

  /** Share of records made invalid on purpose, 0 to 0.5. */
  public abstract double badRate();

  /** Number of accounts (transactions) and users (clicks). */
  public abstract int accounts();

  /** Number of merchants that transactions pay. */
  public abstract int merchants();

  /** Number of products in the catalogue (clicks, inventory, competitor prices). */
  public abstract int products();

  /** Number of monitored patients (vital signs). */
  public abstract int patients();

  /** Event time of event 0, epoch milliseconds UTC. */
  public abstract long startMillis();

  /** Average events per second of event time, before the day curve. */
  public abstract double eventTimeRate();

  /** Whether transactions and clicks follow the day curve; off for real-time (live) streams. */
  public abstract boolean diurnal();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setSeed(long seed);

    abstract Builder setAnomalyRate(double anomalyRate);

    abstract Builder setBadRate(double badRate);

    abstract Builder setAccounts(int accounts);

    abstract Builder setMerchants(int merchants);

    abstract Builder setProducts(int products);

    abstract Builder setPatients(int patients);

    abstract Builder setStartMillis(long startMillis);

    abstract Builder setEventTimeRate(double eventTimeRate);

    abstract Builder setDiurnal(boolean diurnal);

    abstract GeneratorConfig build();
  }

  /**
   * Seed 42, 1% anomalies, no invalid records, 100,000 accounts, 5,000 merchants, 20,000 products,
   * 2,000 patients, from 2026-11-23T00:00:00Z at 100 events/s of event time.
   */
  public static GeneratorConfig defaults() {
    return new AutoValue_GeneratorConfig.Builder()
        .setSeed(DEFAULT_SEED)
        .setAnomalyRate(DEFAULT_ANOMALY_RATE)
        .setBadRate(DEFAULT_BAD_RATE)
        .setAccounts(DEFAULT_ACCOUNTS)
        .setMerchants(DEFAULT_MERCHANTS)
        .setProducts(DEFAULT_PRODUCTS)
        .setPatients(DEFAULT_PATIENTS)
        .setStartMillis(DEFAULT_START.getMillis())
        .setEventTimeRate(DEFAULT_EVENT_TIME_RATE)
        .setDiurnal(true)
        .build();
  }

  public GeneratorConfig withSeed(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("seed must be at least 0, got " + value);
    }
    return toBuilder().setSeed(value).build();
  }

  public GeneratorConfig withAnomalyRate(double value) {
    checkRate("anomalyRate", value, MAX_ANOMALY_RATE);
    return toBuilder().setAnomalyRate(value).build();
  }

  public GeneratorConfig withBadRate(double value) {
    checkRate("badRate", value, MAX_BAD_RATE);
    return toBuilder().setBadRate(value).build();
  }

  public GeneratorConfig withAccounts(int value) {
    checkEntities("accounts", value);
    return toBuilder().setAccounts(value).build();
  }

  public GeneratorConfig withMerchants(int value) {
    checkEntities("merchants", value);
    return toBuilder().setMerchants(value).build();
  }

  public GeneratorConfig withProducts(int value) {
    checkEntities("products", value);
    return toBuilder().setProducts(value).build();
  }

  public GeneratorConfig withPatients(int value) {
    checkEntities("patients", value);
    return toBuilder().setPatients(value).build();
  }

  /**
   * Without the day curve: events at a steady rate, so that a stream sent at that rate in real time
   * keeps its event times on the clock (a live stream).
   */
  public GeneratorConfig withSteadyRate() {
    return toBuilder().setDiurnal(false).build();
  }

  /** Event time of event 0; from 2000-01-01 to before 9000-01-01. */
  public GeneratorConfig withStart(Instant value) {
    if (value == null
        || value.isBefore(Instant.parse("2000-01-01T00:00:00Z"))
        || !value.isBefore(Instant.parse("9000-01-01T00:00:00Z"))) {
      throw new IllegalArgumentException(
          "start must be from 2000-01-01T00:00:00Z to before 9000-01-01T00:00:00Z, got " + value);
    }
    return toBuilder().setStartMillis(value.getMillis()).build();
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
    return toBuilder().setEventTimeRate(value).build();
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

  public Instant start() {
    return new Instant(startMillis());
  }

  @Override
  public String toString() {
    return "GeneratorConfig{seed="
        + seed()
        + ", anomalyRate="
        + anomalyRate()
        + ", badRate="
        + badRate()
        + ", accounts="
        + accounts()
        + ", merchants="
        + merchants()
        + ", products="
        + products()
        + ", patients="
        + patients()
        + ", start="
        + start()
        + ", eventTimeRate="
        + eventTimeRate()
        + (diurnal() ? "" : ", steady")
        + "}";
  }
}
