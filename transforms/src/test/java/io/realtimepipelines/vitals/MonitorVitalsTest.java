package io.realtimepipelines.vitals;

import static io.realtimepipelines.vitals.VitalsFixtures.sec;
import static io.realtimepipelines.vitals.VitalsFixtures.sign;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.testing.RunnerSupport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline equals the plain-Java {@link VitalsModel}, in batch and in shuffled streaming. */
@Tag("pipeline")
@ExtendWith(TestPipelineExtension.class)
class MonitorVitalsTest {
  /** Quality windows of 10 minutes, so that the scenarios span several. */
  static final VitalsConfig CONFIG = config();

  private static VitalsConfig config() {
    try {
      return VitalsConfig.parse("{\"version\":\"test-1\",\"quality\":{\"windowMinutes\":10}}");
    } catch (VitalsConfig.InvalidVitalsConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MonitorVitals monitor() {
    return MonitorVitals.withConfig(CONFIG).withPipelineInfo("vitals", "test").withKeyShards(4);
  }

  private static String review(ReviewedVital r) {
    // The sentence is not part of the model's definition.
    return ReviewedVital.create(
            r.getPatientId(),
            r.getDeviceId(),
            r.getMetric(),
            r.getValue(),
            r.getTimestamp(),
            r.getReason(),
            "",
            r.getProvenance())
        .toString();
  }

  private static <T> List<String> lines(List<T> values, Function<T, String> line) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(line.apply(v)));
    return out;
  }

  private static <T> PCollection<String> lines(
      PCollection<T> values, String name, SerializableFunction<T, String> line) {
    return values.apply(name, MapElements.into(TypeDescriptors.strings()).via(line));
  }

  private static void assertEqualsModel(VitalsResult r, List<VitalSign> input) {
    VitalsModel.Result m = VitalsModel.run(input, CONFIG, "vitals", "test", false);
    assertTrue(m.alerts.size() >= 2 && m.gaps.size() >= 1, "scenario has alerts and gaps");
    assertTrue(
        m.cleaned.stream().anyMatch(CleanedVital::getImputed), "scenario has imputed values");
    for (ReviewReason reason : ReviewReason.values()) {
      assertTrue(
          m.review.stream().anyMatch(x -> x.getReason() == reason), "scenario has " + reason);
    }
    PAssert.that(lines(r.getCleaned(), "CleanedLines", (CleanedVital x) -> x.toString()))
        .containsInAnyOrder(lines(m.cleaned, CleanedVital::toString));
    PAssert.that(lines(r.getReview(), "ReviewLines", MonitorVitalsTest::review))
        .containsInAnyOrder(lines(m.review, MonitorVitalsTest::review));
    PAssert.that(lines(r.getGaps(), "GapLines", (VitalGap x) -> x.toString()))
        .containsInAnyOrder(lines(m.gaps, VitalGap::toString));
    PAssert.that(lines(r.getScores(), "ScoreLines", (News2Score x) -> x.toString()))
        .containsInAnyOrder(lines(m.scores, News2Score::toString));
    PAssert.that(lines(r.getAlerts(), "AlertLines", (VitalAlert x) -> x.toString()))
        .containsInAnyOrder(lines(m.alerts, VitalAlert::toString));
    PAssert.that(lines(r.getQuality(), "QualityLines", (VitalQuality x) -> x.toString()))
        .containsInAnyOrder(lines(m.quality, VitalQuality::toString));
    PAssert.that(r.getLate()).empty();
  }

  private static Coder<VitalSign> coder(TestPipeline p) throws Exception {
    return p.getSchemaRegistry().getSchemaCoder(VitalSign.class);
  }

  @Test
  void batchOutputsEqualTheReferenceModel(TestPipeline p) throws Exception {
    List<VitalSign> input = VitalsScenarios.generate(7, 3);
    List<TimestampedValue<VitalSign>> stamped = new ArrayList<>();
    input.forEach(v -> stamped.add(TimestampedValue.of(v, v.getTimestamp())));
    VitalsResult r =
        p.apply("Readings", Create.timestamped(stamped).withCoder(coder(p)))
            .apply("MonitorVitals", monitor());
    assertEqualsModel(r, input);
    // Nothing lost: every reading is a measured cleaned value or a review (no late data here).
    PCollection<Long> accounted =
        PCollectionList.of(
                r.getCleaned()
                    .apply(
                        "Measured", org.apache.beam.sdk.transforms.Filter.by(c -> !c.getImputed()))
                    .apply(
                        "MeasuredIds",
                        MapElements.into(TypeDescriptors.strings()).via(CleanedVital::toString)))
            .and(lines(r.getReview(), "ReviewIds", (ReviewedVital x) -> x.toString()))
            .apply("Accounted", Flatten.pCollections())
            .apply("CountAccounted", Count.globally());
    PAssert.thatSingleton(accounted).isEqualTo((long) input.size());
    p.run().waitUntilFinish();
  }

  @Test
  void streamingInShuffledArrivalOrderEqualsTheReferenceModel(TestPipeline p) throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    List<VitalSign> input = VitalsScenarios.generate(11, 3);
    List<VitalSign> sorted = new ArrayList<>(input);
    sorted.sort((a, b) -> a.getTimestamp().compareTo(b.getTimestamp()));
    // Readings arrive shuffled within 5-minute slices; the watermark passes each slice after it.
    TestStream.Builder<VitalSign> stream = TestStream.create(coder(p));
    Random shuffle = new Random(3);
    long slice = 5 * 60_000L;
    long sliceStart = sorted.get(0).getTimestamp().getMillis();
    List<TimestampedValue<VitalSign>> batch = new ArrayList<>();
    for (VitalSign v : sorted) {
      while (v.getTimestamp().getMillis() >= sliceStart + slice) {
        stream = flush(stream, batch, shuffle);
        sliceStart += slice;
        stream = stream.advanceWatermarkTo(new Instant(sliceStart - 1));
      }
      batch.add(TimestampedValue.of(v, v.getTimestamp()));
    }
    stream = flush(stream, batch, shuffle);
    VitalsResult r =
        p.apply("Readings", stream.advanceWatermarkToInfinity()).apply("MonitorVitals", monitor());
    assertEqualsModel(r, input);
    p.run().waitUntilFinish();
  }

  @Test
  void aReadingOlderThanWhatItsSeriesAppliedGoesToTheLateOutput(TestPipeline p) throws Exception {
    RunnerSupport.assumeTestStreamSupported(p);
    RunnerSupport.assumeWatermarkOrderedWithElements(p);
    VitalSign late = sign("p1", "mon", VitalMetric.HEART_RATE, 70, sec(60));
    TestStream<VitalSign> stream =
        TestStream.create(coder(p))
            .addElements(
                TimestampedValue.of(sign("p1", "mon", VitalMetric.HEART_RATE, 71, sec(0)), sec(0)),
                TimestampedValue.of(
                    sign("p1", "mon", VitalMetric.HEART_RATE, 72, sec(30)), sec(30)),
                TimestampedValue.of(
                    sign("p1", "mon", VitalMetric.HEART_RATE, 73, sec(90)), sec(90)))
            .advanceWatermarkTo(sec(120))
            .addElements(TimestampedValue.of(late, sec(60)))
            .advanceWatermarkToInfinity();
    VitalsResult r = p.apply("Readings", stream).apply("MonitorVitals", monitor());
    PAssert.that(r.getLate()).containsInAnyOrder(late.withSourcePosition(late.getSourcePosition()));
    PAssert.that(lines(r.getCleaned(), "CleanedTimes", c -> c.getTimestamp() + " " + c.getValue()))
        .containsInAnyOrder(
            "2026-11-23T10:00:00.000Z 71.0",
            "2026-11-23T10:00:30.000Z 72.0",
            "2026-11-23T10:01:30.000Z 73.0");
    p.run().waitUntilFinish();
  }

  @SuppressWarnings("unchecked")
  private static TestStream.Builder<VitalSign> flush(
      TestStream.Builder<VitalSign> stream,
      List<TimestampedValue<VitalSign>> batch,
      Random shuffle) {
    if (batch.isEmpty()) {
      return stream;
    }
    Collections.shuffle(batch, shuffle);
    TestStream.Builder<VitalSign> out =
        stream.addElements(
            batch.get(0), batch.subList(1, batch.size()).toArray(new TimestampedValue[0]));
    batch.clear();
    return out;
  }
}
