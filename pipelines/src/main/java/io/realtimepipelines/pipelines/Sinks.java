package io.realtimepipelines.pipelines;

import io.realtimepipelines.pipelines.io.WriteJsonLines;
import io.realtimepipelines.pipelines.options.SinkOptions;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/** Maps {@link SinkOptions} to a sink for one named output of a job. */
public final class Sinks {
  private Sinks() {}

  public static void check(SinkOptions options) {
    if (options.getNumShards() < 0) {
      throw new IllegalArgumentException(
          "--numShards must be 0 (runner decides) or more, got " + options.getNumShards());
    }
  }

  /** Folder of one output of a job under --outputDir. */
  public static String directory(SinkOptions options, String job, String output) {
    String base = options.getOutputDir();
    return (base.endsWith("/") ? base : base + "/") + job + "/" + output;
  }

  /** Writes {@code output} as JSON Lines to the configured sink, as the step {@code stepName}. */
  public static <T> void write(
      PCollection<T> output,
      String stepName,
      SinkOptions options,
      String job,
      String outputName,
      SerializableFunction<T, String> toJson) {
    switch (options.getSink()) {
      case FILES:
        output.apply(
            stepName,
            WriteJsonLines.toFiles(toJson, directory(options, job, outputName), options.getNumShards()));
        break;
      case STDOUT:
        output.apply(stepName, WriteJsonLines.toStdout(toJson));
        break;
      default:
        throw new IllegalArgumentException("unsupported --sink=" + options.getSink());
    }
  }

  /** Human-readable list of where the outputs go. */
  public static String describe(SinkOptions options, String job, String... outputs) {
    if (options.getSink() == io.realtimepipelines.pipelines.options.SinkKind.STDOUT) {
      return "outputs: standard output";
    }
    StringBuilder sb = new StringBuilder("outputs:");
    for (String o : outputs) {
      sb.append("\n  ").append(String.format("%-12s", o)).append(' ')
          .append(directory(options, job, o)).append("/");
    }
    return sb.toString();
  }
}
