package io.realtimepipelines.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

class RunnerDefaultsTest {

  @Test
  void directRunnerGetsFewKeyShardsUnlessTheUserChoseSome() {
    assertEquals(
        "4", RunnerDefaults.value(RunnerDefaults.apply(List.of("--input=x")), "keyShards"));
    assertEquals(
        "4",
        RunnerDefaults.value(RunnerDefaults.apply(List.of("--runner=DirectRunner")), "keyShards"));
    assertEquals(
        "64",
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=DirectRunner", "--keyShards=64")), "keyShards"));
    assertEquals(
        "false", RunnerDefaults.value(RunnerDefaults.apply(List.of()), "enforceImmutability"));
  }

  @Test
  void flinkGetsSmallBundlesAndAFrequentWatermarkUnlessTheUserChoseOthers() {
    List<String> args =
        RunnerDefaults.apply(
            List.of("--runner=FlinkRunner", "--flinkMaster=host:8081", "--maxBundleSize=5000"));
    assertEquals("5000", RunnerDefaults.value(args, "maxBundleSize"));
    assertEquals("10", RunnerDefaults.value(args, "maxBundleTimeMills"));
    assertEquals("10", RunnerDefaults.value(args, "autoWatermarkInterval"));
    assertNull(RunnerDefaults.value(args, "flinkConfDir"), "a cluster keeps its own configuration");
  }

  @Test
  void embeddedFlinkSendsNetworkBuffersAfter5MillisecondsUnderTheCurrentKey() {
    List<String> args = RunnerDefaults.apply(List.of("--runner=FlinkRunner"), Map.of());
    // Read as Flink reads it: the 1.19 key, so no deprecation warning per operator in the log.
    Configuration conf =
        GlobalConfiguration.loadConfiguration(RunnerDefaults.value(args, "flinkConfDir"));
    assertEquals(Duration.ofMillis(5), conf.get(ExecutionOptions.BUFFER_TIMEOUT));
    assertFalse(conf.containsKey("execution.buffer-timeout"), conf.toString());
  }

  @Test
  void decidingOnArrivalGetsLongerBundlesAndPerRecordNetworkBuffers() {
    for (String flag : List.of("--decideOnArrival=true", "--decideOnArrival")) {
      List<String> args = RunnerDefaults.apply(List.of("--runner=FlinkRunner", flag), Map.of());
      assertEquals("100", RunnerDefaults.value(args, "maxBundleTimeMills"), flag);
      assertEquals("100", RunnerDefaults.value(args, "maxBundleSize"), flag);
      assertEquals("10", RunnerDefaults.value(args, "autoWatermarkInterval"), flag);
      Configuration conf =
          GlobalConfiguration.loadConfiguration(RunnerDefaults.value(args, "flinkConfDir"));
      assertEquals(Duration.ZERO, conf.get(ExecutionOptions.BUFFER_TIMEOUT), flag);
    }
    List<String> chosen =
        RunnerDefaults.apply(
            List.of("--runner=FlinkRunner", "--decideOnArrival=true", "--maxBundleTimeMills=20"),
            Map.of());
    assertEquals("20", RunnerDefaults.value(chosen, "maxBundleTimeMills"));
    for (String redis : List.of("--redisLookups=true", "--redisServing=true")) {
      List<String> withRedis =
          RunnerDefaults.apply(
              List.of("--runner=FlinkRunner", "--decideOnArrival=true", redis), Map.of());
      assertEquals("10", RunnerDefaults.value(withRedis, "maxBundleTimeMills"), redis);
    }
    List<String> off =
        RunnerDefaults.apply(List.of("--runner=FlinkRunner", "--decideOnArrival=false"), Map.of());
    assertEquals("10", RunnerDefaults.value(off, "maxBundleTimeMills"));
    assertEquals(
        Duration.ofMillis(5),
        GlobalConfiguration.loadConfiguration(RunnerDefaults.value(off, "flinkConfDir"))
            .get(ExecutionOptions.BUFFER_TIMEOUT));
  }

  @Test
  void decidingOnArrivalOnFlinkGivesEachEntityItsOwnRunnerKeyUnlessTheUserChose() {
    assertEquals(
        "0",
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=FlinkRunner", "--decideOnArrival"), Map.of()),
            "keyShards"));
    assertEquals(
        "64",
        RunnerDefaults.value(
            RunnerDefaults.apply(
                List.of("--runner=FlinkRunner", "--decideOnArrival", "--keyShards=64"), Map.of()),
            "keyShards"));
    assertNull(
        RunnerDefaults.value(
            RunnerDefaults.apply(
                List.of("--runner=FlinkRunner", "--decideOnArrival=false"), Map.of()),
            "keyShards"),
        "deciding at the watermark (and files) keeps 128");
    assertEquals(
        "4",
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=DirectRunner", "--decideOnArrival"), Map.of()),
            "keyShards"),
        "the Direct runner pays per runner key");
  }

  @Test
  void otherRunnersKeepTheOptionDefault() {
    assertNull(
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=FlinkRunner", "--flinkMaster=host:8081")),
            "keyShards"));
    assertNull(
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=SparkRunner", "--sparkMaster=spark://h:7077")),
            "keyShards"));
  }

  @Test
  void runnerNamesAreMatchedAsBeamAcceptsThem() {
    for (String name :
        List.of("flink", "FLINK", "FlinkRunner", "org.apache.beam.runners.flink.FlinkRunner")) {
      List<String> args = RunnerDefaults.apply(List.of("--runner=" + name), Map.of());
      assertEquals("100", RunnerDefaults.value(args, "maxBundleSize"), name);
      assertNotNull(RunnerDefaults.value(args, "flinkConfDir"), name + ": embedded, loopback only");
    }
    for (String name :
        List.of("direct", "DirectRunner", "org.apache.beam.runners.direct.DirectRunner")) {
      assertEquals(
          "4",
          RunnerDefaults.value(RunnerDefaults.apply(List.of("--runner=" + name)), "keyShards"),
          name);
    }
    for (String name : List.of("spark", "SparkRunner")) {
      List<String> args = RunnerDefaults.apply(List.of("--runner=" + name));
      assertNull(RunnerDefaults.value(args, "keyShards"), name);
      assertNull(RunnerDefaults.value(args, "maxBundleSize"), name);
      assertEquals(
          "DISK_ONLY",
          RunnerDefaults.value(args, "storageLevel"),
          name + ": a cached dataset is never evicted and recomputed (and counted) again");
    }
    assertEquals(
        "MEMORY_ONLY",
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=SparkRunner", "--storageLevel=MEMORY_ONLY")),
            "storageLevel"),
        "a value the user gives wins");
  }

  @Test
  void flinkSubmittedFromItsOwnFrontEndKeepsTheClusterConfiguration() {
    assertNull(
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=FlinkRunner", "--flinkMaster=[auto]"), Map.of()),
            "flinkConfDir"),
        "[auto]: the environment flink run provides");
    assertNull(
        RunnerDefaults.value(
            RunnerDefaults.apply(
                List.of("--runner=flink"), Map.of("FLINK_CONF_DIR", "/opt/flink/conf")),
            "flinkConfDir"),
        "Flink's scripts set FLINK_CONF_DIR");
    assertNotNull(
        RunnerDefaults.value(
            RunnerDefaults.apply(
                List.of("--runner=flink", "--flinkMaster=[local]"), Map.of("FLINK_CONF_DIR", "/x")),
            "flinkConfDir"),
        "[local] is always embedded");
  }
}
