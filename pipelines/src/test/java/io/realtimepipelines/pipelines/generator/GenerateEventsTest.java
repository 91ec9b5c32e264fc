package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.validation.ParseEvents;
import io.realtimepipelines.validation.ParseResult;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class GenerateEventsTest {
  /** A processing time after every generated event. */
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

  /** Emits a description of every record whose element timestamp is not its event time. */
  private static final class TimestampMismatches extends DoFn<RawEvent, String> {
    private final RecordDecoder<Event> decoder;

    TimestampMismatches(EventType type) {
      this.decoder = new RecordDecoder<>(type, 256 * 1024, Duration.standardDays(1));
    }

    @ProcessElement
    public void process(
        @Element RawEvent raw, @Timestamp Instant timestamp, OutputReceiver<String> out) {
      try {
        Instant eventTime = decoder.decode(raw.payload(), LATER).eventTime();
        if (!eventTime.equals(timestamp)) {
          out.output(raw.sourcePosition() + " stamped " + timestamp + ", event time " + eventTime);
        }
      } catch (ValidationException e) {
        out.output(raw.sourcePosition() + " invalid: " + e.getMessage());
      }
    }
  }

  @Test
  void countedSourceGivesThatManyValidDistinctEventsStampedWithEventTime(TestPipeline p) {
    PCollection<RawEvent> raw =
        p.apply(
            "GenerateTransactions",
            GenerateEvents.of(EventType.TRANSACTION).withCount(500).withAnomalyRate(0.05));
    ParseResult<Transaction> parsed =
        raw.apply("ParseTransactions", ParseEvents.<Transaction>of(EventType.TRANSACTION));

    PAssert.that(raw.apply("CountRaw", Count.globally())).containsInAnyOrder(500L);
    PAssert.that(parsed.getValid().apply("CountValid", Count.globally())).containsInAnyOrder(500L);
    PAssert.that(parsed.getDeadLetters()).empty();
    PAssert.that(parsed.getDuplicates()).empty();
    PAssert.that(
            raw.apply("CheckTimestamps", ParDo.of(new TimestampMismatches(EventType.TRANSACTION))))
        .empty();
    p.run().waitUntilFinish();
  }

  @Test
  void invalidRecordsBecomeDeadLettersAtTheirSourcePositions(TestPipeline p) {
    GenerateEvents source =
        GenerateEvents.of(EventType.VITAL).withCount(500).withBadRate(0.1).withPatients(100);
    EventGenerator generator = EventGenerators.create(EventType.VITAL, source.getConfig());
    List<KV<String, String>> expected = new ArrayList<>();
    for (long n = 0; n < 500; n++) {
      GeneratedEvent e = generator.generate(n);
      if (e.defect() != null) {
        expected.add(KV.of(e.sourcePosition(), e.defect().errorCode().name()));
      }
    }

    ParseResult<VitalSign> parsed =
        p.apply("GenerateVitals", source)
            .apply("ParseVitals", ParseEvents.<VitalSign>of(EventType.VITAL));

    PAssert.that(
            parsed
                .getDeadLetters()
                .apply(
                    "CodeByPosition",
                    MapElements.into(
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), TypeDescriptors.strings()))
                        .via(
                            (DeadLetter d) ->
                                KV.of(d.getSourcePosition(), d.getErrorCode().name()))))
        .containsInAnyOrder(expected);
    PAssert.that(parsed.getValid().apply("CountValid", Count.globally()))
        .containsInAnyOrder(500L - expected.size());
    p.run().waitUntilFinish();
  }

  @Test
  void rateLimitedSourceStopsAtTheCountWithEventTimeStamps(TestPipeline p) {
    PCollection<RawEvent> raw =
        p.apply(
            "GenerateClicks",
            GenerateEvents.of(EventType.CLICK).withCount(100).withRateLimit(10_000));
    ParseResult<ClickEvent> parsed =
        raw.apply("ParseClicks", ParseEvents.<ClickEvent>of(EventType.CLICK));

    PAssert.that(parsed.getValid().apply("CountValid", Count.globally())).containsInAnyOrder(100L);
    PAssert.that(raw.apply("CheckTimestamps", ParDo.of(new TimestampMismatches(EventType.CLICK))))
        .empty();
    p.run().waitUntilFinish();
  }

  @Test
  void liveSourceWatermarkBeforeTheFirstEventIsJustBeforeIt() {
    GenerateEvents.EventTimeOf time =
        new GenerateEvents.EventTimeOf(
            io.realtimepipelines.model.EventType.TRANSACTION, GeneratorConfig.defaults());
    // The counting source asks for index -stride before its first element.
    org.junit.jupiter.api.Assertions.assertEquals(
        time.apply(0L).getMillis() - 1, time.apply(-2L).getMillis());
  }
}
