package io.realtimepipelines.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.fraud.FraudJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable progress of live jobs: the defaults the launcher adds, and what a restart resumes. */
class LiveRecoveryTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

  @Test
  void aLiveFlinkJobCheckpointsDurablyUnderItsStateDirByDefault(@TempDir Path tmp) {
    List<String> args =
        LiveRecovery.apply(
            "fraud",
            List.of("--runner=FlinkRunner", "--source=KAFKA", "--stateDir=" + tmp.resolve("s")),
            print);
    assertEquals("10000", RunnerDefaults.value(args, "checkpointingInterval"));
    assertEquals("filesystem", RunnerDefaults.value(args, "stateBackend"));
    assertEquals(
        tmp.resolve("s").resolve("checkpoints").toUri().toString(),
        RunnerDefaults.value(args, "stateBackendStoragePath"));
    assertEquals("true", RunnerDefaults.value(args, "retainExternalizedCheckpointsOnCancellation"));
    assertEquals(
        "8000",
        RunnerDefaults.value(args, "minPauseBetweenCheckpoints"),
        "one at a time, and none in the first 8 s, before the Kafka source is split");
    assertEquals(
        "32", RunnerDefaults.value(args, "numConcurrentCheckpoints"), "stable-input buffers");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("First start"), out.toString());
  }

  @Test
  void theUsersValuesWinAndBoundedOrNonFlinkRunsAreLeftAlone(@TempDir Path tmp) {
    List<String> mine =
        List.of(
            "--runner=FlinkRunner",
            "--source=KAFKA",
            "--stateDir=" + tmp,
            "--checkpointingInterval=2500");
    assertEquals(
        "2500",
        RunnerDefaults.value(LiveRecovery.apply("fraud", mine, print), "checkpointingInterval"));
    List<String> bounded = List.of("--runner=FlinkRunner", "--source=KAFKA", "--maxRecords=10");
    assertSame(bounded, LiveRecovery.apply("fraud", bounded, print));
    List<String> direct = List.of("--source=KAFKA");
    assertSame(direct, LiveRecovery.apply("fraud", direct, print));
  }

  @Test
  void aRestartResumesFromTheNewestCompletedCheckpointInTheEmbeddedConfiguration(@TempDir Path tmp)
      throws Exception {
    Path cps = tmp.resolve("checkpoints");
    Path older = checkpoint(cps.resolve("job-a").resolve("chk-7"), 1_000);
    Path newer = checkpoint(cps.resolve("job-b").resolve("chk-3"), 2_000);
    Files.createDirectories(cps.resolve("job-b").resolve("chk-4")); // in progress: no _metadata
    assertEquals(Optional.of(newer), LiveRecovery.latestCheckpoint(cps));

    List<String> args =
        LiveRecovery.apply(
            "fraud",
            RunnerDefaults.apply(
                List.of("--runner=FlinkRunner", "--source=KAFKA", "--stateDir=" + tmp)),
            print);
    Path conf = Path.of(RunnerDefaults.value(args, "flinkConfDir"), "flink-conf.yaml");
    String yaml = Files.readString(conf);
    assertTrue(yaml.contains("execution.savepoint.path: " + newer.toUri()), yaml);
    assertTrue(
        yaml.contains("rest.bind-address: 127.0.0.1"), "keeps the loopback settings: " + yaml);
    assertTrue(Files.notExists(older), "runs older than the one resumed are removed");
  }

  @Test
  void aSecondCopyOfTheSameJobIsRefused(@TempDir Path tmp) throws Exception {
    Path state = tmp.resolve("locked");
    Files.createDirectories(state);
    try (var channel =
            java.nio.channels.FileChannel.open(
                state.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        var held = channel.lock()) {
      // A lock held in this JVM by another channel reports as overlapping: the same refusal.
      Exception e =
          assertThrows(
              Exception.class,
              () ->
                  LiveRecovery.apply(
                      "fraud",
                      List.of("--runner=FlinkRunner", "--source=KAFKA", "--stateDir=" + state),
                      print));
      assertTrue(
          e.getMessage().contains("--stateDir") || e.getMessage().contains("lock"), e.getMessage());
    }
  }

  @Test
  void aLiveKafkaSourceOnTheDirectRunnerIsRefusedUnlessTheUserAcceptsTheRisk() {
    FraudJob.Options refused =
        PipelineOptionsFactory.fromArgs("--source=KAFKA").as(FraudJob.Options.class);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Sources.check(refused, EventType.TRANSACTION));
    assertTrue(e.getMessage().contains("--allowDataLossOnCrash"), e.getMessage());
    Sources.check(
        PipelineOptionsFactory.fromArgs("--source=KAFKA", "--allowDataLossOnCrash=true")
            .as(FraudJob.Options.class),
        EventType.TRANSACTION);
    Sources.check(
        PipelineOptionsFactory.fromArgs("--source=KAFKA", "--maxRecords=100")
            .as(FraudJob.Options.class),
        EventType.TRANSACTION);
  }

  @Test
  void aJobThatEndedByItselfAfterResumingSetsItsCheckpointsAsideSoTheNextStartIsAFirstStart(
      @TempDir Path tmp) throws Exception {
    Path cps = tmp.resolve("checkpoints");
    Path chk = checkpoint(cps.resolve("job-a").resolve("chk-1"), 1_000);
    checkpoint(cps.resolve("job-b").resolve("chk-2"), 2_000);
    List<String> live = List.of("--runner=FlinkRunner", "--source=KAFKA", "--stateDir=" + tmp);
    List<String> effective = LiveRecovery.apply("fraud", live, print);
    Path resumed = LiveRecovery.resumedFrom(effective).orElseThrow();
    assertEquals(cps.resolve("job-b").resolve("chk-2"), resumed);

    String message = LiveRecovery.endedByItself("fraud", effective);

    assertTrue(message.contains("ended by itself") && message.contains("unusable"), message);
    assertEquals(Optional.empty(), LiveRecovery.latestCheckpoint(cps), "nothing left to resume");
    try (var aside = Files.walk(tmp.resolve("unusable"))) {
      assertEquals(
          1, aside.filter(p -> p.endsWith(Path.of("job-b", "chk-2", "_metadata"))).count());
    }
    assertTrue(Files.notExists(chk), "job-a was removed when job-b's checkpoint was resumed");
    out.reset();
    LiveRecovery.apply("fraud", live, print);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("First start"), out.toString());
  }

  @Test
  void aJobThatEndedByItselfWithoutResumingKeepsItsCheckpoints(@TempDir Path tmp) {
    List<String> effective =
        LiveRecovery.apply(
            "fraud", List.of("--runner=FlinkRunner", "--source=KAFKA", "--stateDir=" + tmp), print);
    assertEquals(Optional.empty(), LiveRecovery.resumedFrom(effective));
    assertTrue(
        LiveRecovery.endedByItself("fraud", effective).contains("left as they are"),
        "nothing to repair");
  }

  private static Path checkpoint(Path chk, long millis) throws Exception {
    Files.createDirectories(chk);
    Path meta = Files.writeString(chk.resolve("_metadata"), "x");
    Files.setLastModifiedTime(meta, FileTime.fromMillis(millis));
    return chk;
  }
}
