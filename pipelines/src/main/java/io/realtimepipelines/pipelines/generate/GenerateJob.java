package io.realtimepipelines.pipelines.generate;

import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.pipelines.Job;
import io.realtimepipelines.pipelines.Sinks;
import io.realtimepipelines.pipelines.Sources;
import io.realtimepipelines.pipelines.options.SinkOptions;
import io.realtimepipelines.pipelines.options.SourceKind;
import io.realtimepipelines.pipelines.options.SourceOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes synthetic events of one type as JSON Lines, for demos, tests and benchmarks:
 * deterministic under --seed, with injected anomalies and optionally bad records.
 *
 * <pre>
 * ./rtp generate --eventType=TRANSACTION --count=100000 --outputDir=/tmp/gen
 * </pre>
 */
public final class GenerateJob implements Job<GenerateJob.Options> {
  public static final String NAME = "generate";
  public static final String EVENTS = "events";

  /** Options of the generate job: the generator settings of SourceOptions, and a sink. */
  public interface Options extends SourceOptions, SinkOptions {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "write synthetic events (with injected anomalies) as JSON Lines";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public Pipeline build(Options options) {
    options.setSource(SourceKind.GENERATOR);
    Sinks.check(options);
    Pipeline pipeline = Pipeline.create(options);
    PCollection<RawEvent> events = Sources.read(pipeline, options);
    PCollection<String> lines =
        events.apply("ToText", ParDo.of(new ToTextFn()));
    Sinks.write(lines, "WriteEvents", options, NAME, EVENTS, line -> line);
    return pipeline;
  }

  @Override
  public String describeOutputs(Options options) {
    return Sinks.describe(options, NAME, EVENTS);
  }

  @Override
  public boolean report(Options options, Map<String, Long> counters, java.io.PrintStream out) {
    out.printf("  generated      %,12d %s events%n", counters.getOrDefault("generate.events", 0L),
        options.getEventType().wireName());
    return true;
  }

  /** The generator's payloads as text (generated records are UTF-8, bad ones included). */
  static final class ToTextFn extends DoFn<RawEvent, String> {
    private final Counter events = Metrics.counter("rtp", "generate.events");

    @ProcessElement
    public void process(@Element RawEvent e, OutputReceiver<String> out) {
      events.inc();
      out.output(new String(e.payload(), StandardCharsets.UTF_8));
    }
  }
}
