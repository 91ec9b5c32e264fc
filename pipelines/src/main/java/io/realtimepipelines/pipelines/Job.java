package io.realtimepipelines.pipelines;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/** A runnable job behind the launcher: its name, its options and how it builds its pipeline. */
public interface Job<O extends PipelineOptions> {

  /** Subcommand name, e.g. {@code validate}. */
  String name();

  /** One line for {@code --help}. */
  String description();

  /** The job's options interface. */
  Class<O> optionsClass();

  /**
   * Checks combinations of options and builds the pipeline. Throws IllegalArgumentException with a
   * message that says how to fix the command line.
   */
  Pipeline build(O options);

  /**
   * Runs the job without a pipeline when its options ask for something a pipeline cannot do well
   * (generate to Kafka in real time); returns the exit code, or null to build and run the pipeline.
   */
  default Integer runWithoutPipeline(O options, java.io.PrintStream out) {
    return null;
  }

  /** Where the outputs went, for the final summary (e.g. the output folders). */
  String describeOutputs(O options);

  /**
   * Prints what the job adds to the summary of a finished local run (e.g. top alerts) from its
   * counters and outputs; returns false when its own accounting does not add up.
   */
  default boolean report(O options, java.util.Map<String, Long> counters, java.io.PrintStream out) {
    return true;
  }
}
