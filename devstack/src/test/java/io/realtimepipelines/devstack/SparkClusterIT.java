package io.realtimepipelines.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Spark standalone cluster ({@code scripts/spark-cluster}: a master and a worker, separate
 * processes on 127.0.0.1), and the bundled jar submitted to it the ways users do: Beam's {@code
 * --sparkMaster} from the launcher, and spark-submit ({@code scripts/spark-cluster submit}, the
 * main class the distribution's script runs). Every output must equal the embedded (local[2]) Spark
 * run's over the same files, record for record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterIT {
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  /** The driver is the launcher's JVM: on one machine it listens on the loopback interface. */
  static final List<String> DRIVER_LOOPBACK =
      List.of("-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1");

  static Path work;
  static Path clusterDir;
  static int masterPort;
  static int webuiPort;
  static Path input;

  @BeforeAll
  static void startCluster() throws Exception {
    Clusters.bundledJar();
    work = Clusters.freshDir("spark-cluster-it");
    clusterDir = work.resolve("cluster");
    masterPort = Clusters.freePort();
    webuiPort = Clusters.freePort();
    Clusters.Ran started =
        Clusters.run(
                List.of(
                    Clusters.repoRoot().resolve("scripts/spark-cluster").toString(),
                    "start",
                    "--dir=" + clusterDir,
                    "--port=" + masterPort,
                    "--webuiPort=" + webuiPort),
                work,
                work.resolve("cluster-start.log"),
                Duration.ofMinutes(5))
            .assertOk("spark-cluster start");
    System.out.println(
        "spark-cluster started in " + Clusters.readyMillis(started.output()) + " ms");
    input = Clusters.transactionFiles(work.resolve("input"), 3_000);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (clusterDir != null) {
      Clusters.run(
          List.of(
              Clusters.repoRoot().resolve("scripts/spark-cluster").toString(),
              "stop",
              "--dir=" + clusterDir),
          work,
          work.resolve("cluster-stop.log"),
          Duration.ofMinutes(2));
    }
  }

  static String master() {
    return "spark://127.0.0.1:" + masterPort;
  }

  static int completedApps() throws Exception {
    JsonNode master = Clusters.getJson("http://127.0.0.1:" + webuiPort + "/json/");
    assertEquals("ALIVE", master.get("status").asText());
    return master.get("completedapps").size();
  }

  static List<String> jar(List<String> jvmFlags, String job, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(Clusters.java(), "-Xmx1g", "-Djava.io.tmpdir=" + work));
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-jar", Clusters.bundledJar().toString(), job));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The same job on embedded Spark (local[2] in the launcher's JVM): the reference. */
  static Map<String, List<String>> embedded(String job) throws Exception {
    Path out = work.resolve("embedded-" + job);
    Clusters.run(
            jar(
                List.of(),
                job,
                "--runner=SparkRunner",
                "--sparkMaster=local[2]",
                "--input=" + input + "/*.jsonl",
                "--outputDir=" + out),
            work,
            work.resolve("embedded-" + job + ".log"),
            JOB_TIMEOUT)
        .assertOk("embedded " + job);
    return Clusters.outputs(out, job);
  }

  static void assertSameOutputs(
      String job, Map<String, List<String>> reference, Map<String, List<String>> cluster) {
    assertEquals(reference.keySet(), cluster.keySet());
    for (String name : reference.keySet()) {
      assertEquals(reference.get(name), cluster.get(name), job + "/" + name);
    }
  }

  @Test
  @Order(1)
  void validateThroughSparkMasterEqualsTheEmbeddedRun() throws Exception {
    int before = completedApps();
    Path out = work.resolve("master-validate");
    Clusters.Ran ran =
        Clusters.run(
                jar(
                    DRIVER_LOOPBACK,
                    "validate",
                    "--runner=SparkRunner",
                    "--sparkMaster=" + master(),
                    "--filesToStage=" + Clusters.bundledJar(),
                    "--input=" + input + "/*.jsonl",
                    "--outputDir=" + out),
                work,
                work.resolve("master-validate.log"),
                JOB_TIMEOUT)
            .assertOk("validate --sparkMaster");
    assertTrue(ran.output().contains("read = valid + dead letters + duplicates: ok"), ran.tail());
    assertEquals(before + 1, completedApps(), "the job ran on the standalone cluster");

    Map<String, List<String>> cluster = Clusters.outputs(out, "validate");
    assertEquals(
        Clusters.lines(input),
        Clusters.total(cluster, "valid", "dead-letters", "duplicates"),
        "every input line in exactly one output");
    assertSameOutputs("validate", embedded("validate"), cluster);
    System.out.printf(
        "spark cluster (--sparkMaster) validate: %d lines = %d valid + %d dead letters"
            + " + %d duplicates, identical to embedded%n",
        Clusters.lines(input),
        cluster.get("valid").size(),
        cluster.get("dead-letters").size(),
        cluster.get("duplicates").size());
  }

  @Test
  @Order(2)
  void fraudThroughSparkSubmitEqualsTheEmbeddedRun() throws Exception {
    int before = completedApps();
    Path out = work.resolve("submit-fraud");
    Clusters.Ran ran =
        Clusters.run(
                List.of(
                    Clusters.repoRoot().resolve("scripts/spark-cluster").toString(),
                    "submit",
                    "--dir=" + clusterDir,
                    "--master",
                    master(),
                    "--class",
                    "io.realtimepipelines.pipelines.Launcher",
                    Clusters.bundledJar().toString(),
                    "fraud",
                    "--runner=SparkRunner",
                    "--input=" + input + "/*.jsonl",
                    "--outputDir=" + out,
                    "--topAlerts=0"),
                work,
                work.resolve("submit-fraud.log"),
                JOB_TIMEOUT)
            .assertOk("spark-submit fraud");
    assertTrue(ran.output().contains("scored = decisions + late: ok"), ran.tail());
    assertEquals(before + 1, completedApps(), "the job ran on the standalone cluster");

    Map<String, List<String>> cluster = Clusters.outputs(out, "fraud");
    assertEquals(
        Clusters.lines(input),
        Clusters.total(cluster, "decisions", "late", "dead-letters", "duplicates"),
        "every input line in exactly one output");
    assertTrue(
        cluster.get("decisions").size() > 2_500, "decisions: " + cluster.get("decisions").size());
    assertSameOutputs("fraud", embedded("fraud"), cluster);
    System.out.printf(
        "spark cluster (spark-submit) fraud: %d decisions %s, %d alerts, identical to"
            + " embedded%n",
        cluster.get("decisions").size(),
        Clusters.actions(cluster.get("decisions")),
        cluster.get("alerts").size());
  }
}
