package io.realtimepipelines.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.pipelines.fraud.FraudJob;
import io.realtimepipelines.pipelines.monitor.MonitorJob;
import io.realtimepipelines.pipelines.pricing.PricingJob;
import io.realtimepipelines.pipelines.recommend.RecommendJob;
import io.realtimepipelines.pipelines.validate.ValidateJob;
import io.realtimepipelines.pipelines.vitals.VitalsJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The step names of every live job are a format: Beam's Flink runner gives each operator the uid of
 * its step's full name, and a savepoint maps its state to operators by uid. Renaming a step, moving
 * it into another composite or changing how transforms nest makes a savepoint of the running
 * release unrestorable (or, with {@code --allowNonRestoredState}, drops that state). This test
 * compares each job's steps, built as a live Flink job with every optional input and sink on, with
 * {@code src/test/resources/step-names/<job>.txt}.
 *
 * <p>A deliberate change: run with {@code -DupdateStepNames=true}, commit the files, and say in the
 * release notes that savepoints of the previous release do not restore (docs/clusters.md).
 */
class StepNamesTest {
  private static final String LIVE =
      "--runner=FlinkRunner --source=KAFKA --bootstrapServers=127.0.0.1:9 --sink=KAFKA"
          + " --checkpointingInterval=10000 --redisServing=true";

  static Stream<Arguments> jobs() {
    return Stream.of(
        Arguments.of(new FraudJob(), LIVE + " --inputTopic=transactions --feedbackTopic=feedback"),
        Arguments.of(
            new PricingJob(),
            LIVE
                + " --inputTopic=clicks --inventoryTopic=inventory --competitorTopic=competitors"
                + " --catalog="
                + Paths.get("..", "testdata", "catalog.jsonl").toAbsolutePath()),
        Arguments.of(new RecommendJob(), LIVE + " --inputTopic=clicks"),
        Arguments.of(new VitalsJob(), LIVE + " --inputTopic=vitals"),
        Arguments.of(new MonitorJob(), LIVE + " --inputTopic=metrics"),
        Arguments.of(
            new ValidateJob(),
            LIVE.replace(" --redisServing=true", "") + " --inputTopic=transactions"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  <O extends PipelineOptions> void stepNamesOfTheLiveJobAreThoseOfTheRelease(
      Job<O> job, String args) throws IOException {
    PipelineOptionsFactory.register(job.optionsClass());
    O options =
        PipelineOptionsFactory.fromArgs(args.split(" ")).withValidation().as(job.optionsClass());
    Pipeline pipeline = job.build(options);
    TreeSet<String> steps = new TreeSet<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            steps.add(node.getFullName());
          }
        });
    assertTrue(steps.size() > 10, "a live job has more than 10 steps: " + steps);
    Path file = Paths.get("src", "test", "resources", "step-names", job.name() + ".txt");
    List<String> actual = new ArrayList<>(steps);
    if (Boolean.getBoolean("updateStepNames")) {
      Files.write(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.isRegularFile(file), "no recorded step names: run with -DupdateStepNames=true");
    List<String> recorded = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> gone = new ArrayList<>(recorded);
    gone.removeAll(actual);
    List<String> added = new ArrayList<>(actual);
    added.removeAll(recorded);
    assertEquals(
        List.of(),
        gone,
        job.name()
            + ": steps renamed or removed (added: "
            + added
            + "). Their Flink operator uids change, so a savepoint of the previous release no longer"
            + " restores their state. Keep the names, or record the change with -DupdateStepNames=true"
            + " and document it as a savepoint-incompatible release (docs/clusters.md).");
    assertEquals(
        List.of(),
        added,
        job.name()
            + ": new steps; record them with"
            + " -DupdateStepNames=true (a new stateful step starts empty after a restore)");
  }
}
