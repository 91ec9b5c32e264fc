package io.realtimepipelines.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options every job shares to choose and configure its event source. */
public interface SourceOptions extends KafkaOptions, RecoveryOptions, MetricsOptions {

  @Description(
      "Event source: FILE (JSON Lines, plain or .gz, one file or a glob), GENERATOR or KAFKA"
          + " (see --bootstrapServers, --inputTopic).")
  @Default.Enum("FILE")
  SourceKind getSource();

  void setSource(SourceKind value);

  @Description(
      "Input file or glob for --source=FILE, e.g. testdata/transactions.jsonl or 'in/*.jsonl.gz'."
          + " A pattern that matches no file is an error.")
  String getInput();

  void setInput(String value);

  @Description("Number of events for --source=GENERATOR; 0 generates until the job is stopped.")
  @Default.Long(10_000)
  long getCount();

  void setCount(long value);

  @Description("Events per second for --source=GENERATOR; 0 generates as fast as possible.")
  @Default.Long(0)
  long getRatePerSecond();

  void setRatePerSecond(long value);

  @Description("Seed of --source=GENERATOR: the same seed gives the same events.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description(
      "Fraction (0..0.1) of generated events that belong to injected anomalies (fraud bursts, card testing, demand spikes, heart-rate spikes, ...).")
  @Default.Double(0.01)
  double getAnomalyRate();

  void setAnomalyRate(double value);

  @Description(
      "Fraction (0..0.5) of generated records made deliberately invalid, to see dead letters.")
  @Default.Double(0.0)
  double getBadRecordRate();

  void setBadRecordRate(double value);
}
