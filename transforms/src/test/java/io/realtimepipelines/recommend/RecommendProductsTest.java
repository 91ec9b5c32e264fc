package io.realtimepipelines.recommend;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.testing.RunnerSupport;
import io.realtimepipelines.testing.ShuffledStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline's lists and published neighbours equal the reference model's, in batch and
 * streaming.
 */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class RecommendProductsTest {
  private static final RecommendConfig CONFIG = RecommendScenarios.config();

  private static List<String> recLines(RecommendModel.Result r) {
    List<String> out = new ArrayList<>();
    r.getSessionRecs().forEach(x -> out.add(RecommendScenarios.line(x)));
    return out;
  }

  private static List<String> neighbourLines(RecommendModel.Result r) {
    List<String> out = new ArrayList<>();
    r.getItemNeighbours().forEach(x -> out.add(RecommendScenarios.line(x)));
    return out;
  }

  private static void assertOutputsEqualModel(RecommendResult r, RecommendModel.Result expected) {
    PAssert.that(
            r.getSessionRecs()
                .apply(
                    "RecLines",
                    MapElements.into(TypeDescriptors.strings()).via(RecommendScenarios::line)))
        .satisfies(sameAs(recLines(expected), "session lists"));
    PAssert.that(
            r.getItemNeighbours()
                .apply(
                    "NeighbourLines",
                    MapElements.into(TypeDescriptors.strings()).via(RecommendScenarios::line)))
        .satisfies(sameAs(neighbourLines(expected), "published neighbours"));
    PAssert.that(r.getLateClicks()).empty();
  }

  /** Equal as multisets; on failure, the first differences (a full dump would be unreadable). */
  static org.apache.beam.sdk.transforms.SerializableFunction<Iterable<String>, Void> sameAs(
      List<String> expected, String what) {
    List<String> want = new ArrayList<>(expected);
    return actual -> {
      List<String> missing = new ArrayList<>(want);
      List<String> unexpected = new ArrayList<>();
      for (String a : actual) {
        if (!missing.remove(a)) {
          unexpected.add(a);
        }
      }
      Collections.sort(missing);
      Collections.sort(unexpected);
      org.junit.jupiter.api.Assertions.assertTrue(
          missing.isEmpty() && unexpected.isEmpty(),
          what
              + ": "
              + missing.size()
              + " of "
              + want.size()
              + " expected missing, "
              + unexpected.size()
              + " unexpected.\nmissing:    "
              + missing.subList(0, Math.min(3, missing.size()))
              + "\nunexpected: "
              + unexpected.subList(0, Math.min(3, unexpected.size())));
      return null;
    };
  }

  /** The first scenario from {@code seed} on whose lists use every source. */
  static List<ClickEvent> scenario(long seed) {
    for (long s = seed; ; s++) {
      List<ClickEvent> clicks = RecommendScenarios.generate(s, 120);
      RecommendModel.Result r = RecommendModel.run(clicks, CONFIG);
      java.util.Set<String> sources = new java.util.HashSet<>();
      r.getSessionRecs()
          .forEach(x -> x.getRecommendations().forEach(y -> sources.add(y.getSource())));
      if (sources.size() == 5 && r.getItemNeighbours().size() > 20) {
        return clicks;
      }
    }
  }

  @Test
  void batchListsAndNeighboursEqualTheReferenceModel(TestPipeline p) throws Exception {
    List<ClickEvent> clicks = scenario(7);
    RecommendModel.Result expected = RecommendModel.run(clicks, CONFIG);
    Coder<ClickEvent> coder = p.getSchemaRegistry().getSchemaCoder(ClickEvent.class);
    List<TimestampedValue<ClickEvent>> stamped = new ArrayList<>();
    clicks.forEach(c -> stamped.add(TimestampedValue.of(c, c.getTimestamp())));
    RecommendResult r =
        p.apply("Clicks", Create.timestamped(stamped).withCoder(coder))
            .apply("Recommend", RecommendProducts.withConfig(CONFIG).withKeyShards(8));
    assertOutputsEqualModel(r, expected);
    org.apache.beam.sdk.PipelineResult res = p.run();
    res.waitUntilFinish();
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c :
        res.metrics().allMetrics().getCounters()) {
      System.err.println("COUNTER " + c.getName() + " = " + c.getAttempted());
    }
  }

  @Test
  void streamingInShuffledArrivalOrderEqualsTheReferenceModel(TestPipeline p) throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    List<ClickEvent> clicks = scenario(11);
    RecommendModel.Result expected = RecommendModel.run(clicks, CONFIG);
    Coder<ClickEvent> coder = p.getSchemaRegistry().getSchemaCoder(ClickEvent.class);
    // Clicks arrive shuffled within 30-minute slices; the watermark follows each slice.
    TestStream<ClickEvent> stream =
        ShuffledStream.inSlices(coder, clicks, ClickEvent::getTimestamp, 30 * 60_000L, 3);
    RecommendResult r =
        p.apply("Clicks", stream)
            .apply("Recommend", RecommendProducts.withConfig(CONFIG).withKeyShards(4));
    assertOutputsEqualModel(r, expected);
    p.run().waitUntilFinish();
  }
}
