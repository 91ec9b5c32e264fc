package io.realtimepipelines.ordering;

import static io.realtimepipelines.testing.Events.minute;

import io.realtimepipelines.testing.RunnerSupport;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DelegateCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class ApplyInEventTimeOrderTest {

  /** Events are "name@minute"; the state is the history of names; each event emits it. */
  static final class History implements KeyedProcessor<String, StringBuilder, String> {
    @Override
    public String name() {
      return "history";
    }

    @Override
    public StringBuilder newState() {
      return new StringBuilder();
    }

    @Override
    public Coder<StringBuilder> stateCoder() {
      return DelegateCoder.of(StringUtf8Coder.of(), StringBuilder::toString, StringBuilder::new);
    }

    @Override
    public long timestamp(String event) {
      return minute(Double.parseDouble(event.substring(event.indexOf('@') + 1))).getMillis();
    }

    @Override
    public int compare(String a, String b) {
      return a.compareTo(b);
    }

    @Override
    public void apply(StringBuilder state, String event, Consumer<String> out) {
      state.append(state.length() == 0 ? "" : ",").append(event, 0, event.indexOf('@'));
      out.accept(state.toString());
    }

    @Override
    public long lastSeen(StringBuilder state) {
      return Long.MIN_VALUE;
    }

    @Override
    public long ttlMillis() {
      return Long.MAX_VALUE / 4;
    }

    @Override
    public boolean applyWhenLate(String event) {
      return event.startsWith("report");
    }
  }

  private static TimestampedValue<KV<String, String>> at(String key, String event) {
    Instant t = new Instant(new History().timestamp(event));
    return TimestampedValue.of(KV.of(key, event), t);
  }

  @ParameterizedTest(name = "shards={0}")
  @ValueSource(ints = {0, 1, 3})
  void batchEventsAreAppliedInEventTimeOrderPerKey(int shards, TestPipeline p) {
    PCollection<KV<String, String>> in =
        p.apply(
            Create.timestamped(
                    at("k1", "c@3"), at("k1", "a@1"), at("k2", "x@2"), at("k1", "b@2"),
                    at("k1", "a2@1"))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    OrderedResult<String, String> out =
        in.apply("History",
            ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()).withShards(shards));
    // Ties (a@1 and a2@1) are broken by the processor: "a2@1" sorts before "a@1".
    PAssert.that(out.getOutput()).containsInAnyOrder("a2", "a2,a", "a2,a,b", "a2,a,b,c", "x");
    PAssert.that(out.getLate()).empty();
    p.run().waitUntilFinish();
  }

  @ParameterizedTest(name = "shards={0}")
  @ValueSource(ints = {0, 2})
  void eventOlderThanOneAppliedGoesLateUnlessTheProcessorAppliesItAnyway(int shards, TestPipeline p) {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    TestStream<KV<String, String>> events =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .addElements(at("k", "b@5"), at("k", "a@2"))
            .advanceWatermarkTo(minute(10))
            .addElements(at("k", "late@4"), at("k", "report@3"), at("k", "c@12"))
            .advanceWatermarkToInfinity();
    OrderedResult<String, String> out =
        p.apply(events).apply("History",
            ApplyInEventTimeOrder.of(new History(), StringUtf8Coder.of()).withShards(shards));
    PAssert.that(out.getOutput()).containsInAnyOrder("a", "a,b", "a,b,report", "a,b,report,c");
    PAssert.that(out.getLate()).containsInAnyOrder("late@4");
    p.run().waitUntilFinish();
  }
}
