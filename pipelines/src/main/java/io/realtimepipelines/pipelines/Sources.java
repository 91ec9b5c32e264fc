package io.realtimepipelines.pipelines;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.pipelines.generator.GenerateEvents;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.io.ReadJsonLines;
import io.realtimepipelines.pipelines.kafka.KafkaClientConfig;
import io.realtimepipelines.pipelines.kafka.KafkaTopics;
import io.realtimepipelines.pipelines.kafka.ReadKafka;
import io.realtimepipelines.pipelines.options.SourceKind;
import io.realtimepipelines.pipelines.options.SourceOptions;
import java.io.IOException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/** Maps {@link SourceOptions} to a source of raw records. Jobs never pick a source themselves. */
public final class Sources {
  private Sources() {}

  /** Fails with a command-line fix when the source options do not fit together. */
  public static void check(SourceOptions options, EventType type) {
    switch (options.getSource()) {
      case FILE:
        if (options.getInput() == null || options.getInput().isBlank()) {
          throw new IllegalArgumentException(
              "--source=FILE needs --input=<file or glob>, e.g. --input=testdata/transactions.jsonl,"
                  + " or use --source=GENERATOR");
        }
        break;
      case GENERATOR:
        if (options.getCount() < 0) {
          throw new IllegalArgumentException(
              "--count must be 0 (unbounded) or more, got " + options.getCount());
        }
        if (options.getRatePerSecond() < 0) {
          throw new IllegalArgumentException(
              "--ratePerSecond must be 0 (unlimited) or more, got " + options.getRatePerSecond());
        }
        generator(options, type); // checks the generator settings
        break;
      case KAFKA:
        kafka(options, type, options.getInputTopic()); // checks the settings
        RunnerCapabilities.requireDurableLiveSource(options);
        break;
      default:
        throw new IllegalArgumentException("unsupported --source=" + options.getSource());
    }
  }

  /** Fails before the job starts when the file pattern matches nothing. */
  private static void requireMatch(String filepattern) {
    MatchResult match;
    try {
      match = FileSystems.match(filepattern, EmptyMatchTreatment.ALLOW);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read --input=" + filepattern + ": " + e.getMessage(), e);
    }
    try {
      if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
        throw new IllegalArgumentException(
            "--input="
                + filepattern
                + " matches no file (status "
                + match.status()
                + "); give an existing file or a glob such as 'testdata/*.jsonl'");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list --input=" + filepattern, e);
    }
  }

  /** Raw records of {@code type} from the configured source. */
  public static PCollection<RawEvent> read(
      Pipeline pipeline, SourceOptions options, EventType type) {
    check(options, type);
    switch (options.getSource()) {
      case FILE:
        requireMatch(options.getInput());
        return pipeline.apply("ReadFiles", ReadJsonLines.from(options.getInput()));
      case GENERATOR:
        return pipeline.apply("Generate", generator(options, type));
      case KAFKA:
        return pipeline.apply("ReadKafka", kafka(options, type, options.getInputTopic()));
      default:
        throw new IllegalArgumentException("unsupported --source=" + options.getSource());
    }
  }

  /**
   * A job's additional input (e.g. fraud reports, inventory): the topic of {@code type} with
   * --source=KAFKA (the default topic unless {@code topic} names one), else the files of {@code
   * fileInput}; null when the job has no such input.
   */
  public static PCollection<RawEvent> readExtra(
      Pipeline pipeline,
      SourceOptions options,
      EventType type,
      String fileInput,
      String topic,
      String stepName) {
    if (options.getSource() == SourceKind.KAFKA && fileInput == null) {
      return topic == null ? null : pipeline.apply(stepName, kafka(options, type, topic));
    }
    if (fileInput == null) {
      return null;
    }
    requireMatch(fileInput);
    return pipeline.apply(stepName, ReadJsonLines.from(fileInput));
  }

  /** The Kafka read of one topic the options describe. */
  static ReadKafka kafka(SourceOptions options, EventType type, String topic) {
    String group =
        options.getConsumerGroup() != null
            ? options.getConsumerGroup()
            : "rtp-" + options.getJobName();
    return ReadKafka.of(
        options.getBootstrapServers(),
        topic != null ? topic : KafkaTopics.input(type),
        group,
        options.getStartPosition(),
        options.getWatermarkDelayMillis(),
        options.getMaxRecords(),
        KafkaClientConfig.load(options.getKafkaProperties()));
  }

  /**
   * The generator the options describe. A bounded run replays a fixed day from 2026-11-23; a
   * rate-limited run generates live: event time starts now and advances at the rate.
   */
  static GenerateEvents generator(SourceOptions options, EventType type) {
    GeneratorConfig config;
    try {
      config =
          GeneratorConfig.defaults()
              .withSeed(options.getSeed())
              .withAnomalyRate(options.getAnomalyRate())
              .withBadRate(options.getBadRecordRate());
      if (options.getRatePerSecond() > 0) {
        config =
            config
                .withStart(Instant.now())
                .withSteadyRate()
                .withEventTimeRate(
                    Math.min(GeneratorConfig.MAX_EVENT_TIME_RATE, options.getRatePerSecond()));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "generator: " + e.getMessage() + " (--seed, --anomalyRate, --badRecordRate)", e);
    }
    GenerateEvents generate = GenerateEvents.of(type).withConfig(config);
    if (options.getCount() > 0) {
      generate = generate.withCount(options.getCount());
    }
    if (options.getRatePerSecond() > 0) {
      generate = generate.withRateLimit(options.getRatePerSecond());
    }
    return generate;
  }
}
