package io.realtimepipelines.pipelines.validate;

import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.Job;
import io.realtimepipelines.pipelines.RunnerCapabilities;
import io.realtimepipelines.pipelines.Sinks;
import io.realtimepipelines.pipelines.Sources;
import io.realtimepipelines.pipelines.options.EventTypeOptions;
import io.realtimepipelines.pipelines.options.ParseOptions;
import io.realtimepipelines.pipelines.options.SinkOptions;
import io.realtimepipelines.pipelines.options.SourceOptions;
import io.realtimepipelines.validation.ParseResult;
import org.apache.beam.sdk.Pipeline;

/**
 * Reads one event type, validates it against its contract and writes valid events, dead letters and
 * duplicates to separate outputs. Every input record lands in exactly one of them.
 *
 * <pre>
 * ./rtp validate --input=testdata/transactions.jsonl --eventType=TRANSACTION
 * </pre>
 */
public final class ValidateJob implements Job<ValidateJob.Options> {
  public static final String NAME = "validate";

  /** Output folder names below {@code --outputDir/validate/}. */
  public static final String VALID = "valid";

  public static final String DEAD_LETTERS = "dead-letters";
  public static final String DUPLICATES = "duplicates";

  /** Options of the validate job. */
  public interface Options extends SourceOptions, EventTypeOptions, SinkOptions, ParseOptions {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "validate one event type: valid events, dead letters and duplicates to separate outputs";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public Pipeline build(Options options) {
    Sources.check(options, options.getEventType());
    Sinks.check(options);
    if (options.getDedupHorizonSeconds() < 0) {
      throw new IllegalArgumentException(
          "--dedupHorizonSeconds must be 0 (off) or more, got " + options.getDedupHorizonSeconds());
    }
    if (options.getDedupHorizonSeconds() > 0) {
      RunnerCapabilities.requireEventTimeTimers(
          options, "Deduplication (--dedupHorizonSeconds > 0)", "Use --dedupHorizonSeconds=0");
    }
    Pipeline pipeline = Pipeline.create(options);
    buildPipeline(pipeline, options);
    return pipeline;
  }

  /** Adds the job's steps to {@code pipeline}; tests call this with a TestPipeline. */
  public static ParseResult<Event> buildPipeline(Pipeline pipeline, Options options) {
    EventType type = options.getEventType();
    ParseResult<Event> parsed =
        Sources.read(pipeline, options, options.getEventType())
            .apply("Validate", ParseOptions.<Event>parseEvents(type, options, NAME));
    @SuppressWarnings("unchecked")
    Class<Event> eventClass = (Class<Event>) type.eventClass();
    Sinks.write(
        parsed.getValid(),
        "WriteValid",
        options,
        NAME,
        VALID,
        Event::dedupKey,
        e -> EventJson.toJson(e, eventClass));
    Sinks.write(
        parsed.getDeadLetters(),
        "WriteDeadLetters",
        options,
        NAME,
        DEAD_LETTERS,
        DeadLetter::getSourcePosition,
        d -> EventJson.toJson(d, DeadLetter.class));
    Sinks.write(
        parsed.getDuplicates(),
        "WriteDuplicates",
        options,
        NAME,
        DUPLICATES,
        Event::dedupKey,
        e -> EventJson.toJson(e, eventClass));
    return parsed;
  }

  @Override
  public String describeOutputs(Options options) {
    return Sinks.describe(options, NAME, VALID, DEAD_LETTERS, DUPLICATES);
  }
}
