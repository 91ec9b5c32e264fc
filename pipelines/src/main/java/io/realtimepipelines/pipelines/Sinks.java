package io.realtimepipelines.pipelines;

import io.realtimepipelines.pipelines.io.WriteJsonLines;
import io.realtimepipelines.pipelines.kafka.KafkaClientConfig;
import io.realtimepipelines.pipelines.kafka.KafkaTopics;
import io.realtimepipelines.pipelines.kafka.WriteKafka;
import io.realtimepipelines.pipelines.metrics.ObserveOutput;
import io.realtimepipelines.pipelines.options.SinkKind;
import io.realtimepipelines.pipelines.options.SinkOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Maps {@link SinkOptions} to a sink for one named output of a job. */
public final class Sinks {
  private Sinks() {}

  public static void check(SinkOptions options) {
    if (options.getNumShards() < 0) {
      throw new IllegalArgumentException(
          "--numShards must be 0 (runner decides) or more, got " + options.getNumShards());
    }
    if (options.getSink() == SinkKind.KAFKA) {
      KafkaClientConfig.load(options.getKafkaProperties()); // readable, nothing reserved
      KafkaTopics.check(
          KafkaTopics.output(options.getOutputTopicPrefix(), "job", "output"),
          "--outputTopicPrefix");
    }
    if (options.getKafkaExactlyOnce()) {
      if (options.getSink() != SinkKind.KAFKA) {
        throw new IllegalArgumentException("--kafkaExactlyOnce needs --sink=KAFKA");
      }
      RunnerCapabilities.requireStableInputForKafkaExactlyOnce(options);
    }
  }

  /** Folder of one output of a job under --outputDir. */
  public static String directory(SinkOptions options, String job, String output) {
    String base = options.getOutputDir();
    return (base.endsWith("/") ? base : base + "/") + job + "/" + output;
  }

  /**
   * Writes {@code output} as JSON to the configured sink, as the step {@code stepName}: JSON Lines
   * files, standard output, or the Kafka topic {@code <prefix><job>.<output>} with each record
   * keyed by {@code key} (the entity id, so that consumers can deduplicate).
   */
  public static <T> void write(
      PCollection<T> output,
      String stepName,
      SinkOptions options,
      String job,
      String outputName,
      SerializableFunction<T, String> key,
      SerializableFunction<T, String> toJson) {
    write(
        output,
        stepName,
        options,
        job,
        outputName,
        KafkaTopics.output(options.getOutputTopicPrefix(), job, outputName),
        key,
        toJson);
  }

  /** As above, to an explicit Kafka topic with --sink=KAFKA. */
  public static <T> void write(
      PCollection<T> output,
      String stepName,
      SinkOptions options,
      String job,
      String outputName,
      String topic,
      SerializableFunction<T, String> key,
      SerializableFunction<T, String> toJson) {
    output = output.apply(stepName + "Observed", ObserveOutput.named(outputName));
    switch (options.getSink()) {
      case FILES:
        output.apply(
            stepName,
            WriteJsonLines.toFiles(
                toJson, directory(options, job, outputName), options.getNumShards()));
        break;
      case STDOUT:
        output.apply(stepName, WriteJsonLines.toStdout(toJson));
        break;
      case KAFKA:
        WriteKafka write =
            WriteKafka.of(
                options.getBootstrapServers(),
                topic,
                KafkaClientConfig.load(options.getKafkaProperties()));
        if (options.getKafkaExactlyOnce()) {
          // Stable across restarts, unique per job instance (its consumer group) and topic.
          String group =
              options.getConsumerGroup() != null ? options.getConsumerGroup() : "rtp-" + job;
          write = write.withExactlyOnce(group + "." + topic);
        }
        output
            .apply(
                stepName + "Keyed",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((T t) -> KV.of(key.apply(t), toJson.apply(t))))
            .apply(stepName, write);
        break;
      default:
        throw new IllegalArgumentException("unsupported --sink=" + options.getSink());
    }
  }

  /** Human-readable list of where the outputs go. */
  public static String describe(SinkOptions options, String job, String... outputs) {
    if (options.getSink() == SinkKind.STDOUT) {
      return "outputs: standard output";
    }
    StringBuilder sb = new StringBuilder("outputs:");
    for (String o : outputs) {
      sb.append("\n  ").append(String.format("%-14s", o)).append(' ');
      if (options.getSink() == SinkKind.KAFKA) {
        sb.append("topic ")
            .append(KafkaTopics.output(options.getOutputTopicPrefix(), job, o))
            .append(" on ")
            .append(options.getBootstrapServers());
      } else {
        sb.append(directory(options, job, o)).append("/");
      }
    }
    return sb.toString();
  }
}
