package io.realtimepipelines.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerDefaultsTest {

  @Test
  void directRunnerGetsFewKeyShardsUnlessTheUserChoseSome() {
    assertEquals("4", RunnerDefaults.value(RunnerDefaults.apply(List.of("--input=x")), "keyShards"));
    assertEquals(
        "4",
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=DirectRunner")), "keyShards"));
    assertEquals(
        "64",
        RunnerDefaults.value(
            RunnerDefaults.apply(List.of("--runner=DirectRunner", "--keyShards=64")), "keyShards"));
    assertEquals(
        "false",
        RunnerDefaults.value(RunnerDefaults.apply(List.of()), "enforceImmutability"));
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
}
