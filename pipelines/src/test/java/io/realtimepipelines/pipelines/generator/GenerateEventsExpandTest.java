package io.realtimepipelines.pipelines.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.RawEvent;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollection.IsBounded;
import org.junit.jupiter.api.Test;

/** What kind of collection the source builds; nothing is run. */
class GenerateEventsExpandTest {

  private static PCollection<RawEvent> expand(GenerateEvents source) {
    return Pipeline.create(PipelineOptionsFactory.create()).apply("Generate", source);
  }

  @Test
  void withoutACountTheStreamIsEndless() {
    assertEquals(IsBounded.UNBOUNDED, expand(GenerateEvents.of(EventType.VITAL)).isBounded());
    assertEquals(
        IsBounded.UNBOUNDED,
        expand(GenerateEvents.of(EventType.VITAL).withRateLimit(50)).isBounded());
  }

  @Test
  void withACountTheCollectionIsBoundedThrottledOrNot() {
    assertEquals(
        IsBounded.BOUNDED, expand(GenerateEvents.of(EventType.CLICK).withCount(10)).isBounded());
    assertEquals(
        IsBounded.BOUNDED,
        expand(GenerateEvents.of(EventType.CLICK).withCount(10).withRateLimit(5)).isBounded());
  }
}
