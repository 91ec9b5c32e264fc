package io.realtimepipelines.pipelines.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pseudonymised run over testdata/vitals*.jsonl: no patient id in clear in any output. Direct
 * runner only: pseudonymisation is a stateless step, the same on every runner.
 */
@ExtendWith(TestPipelineExtension.class)
class VitalsPseudonymTest {

  @Test
  void pseudonymisedRunHasNoPatientIdInClearInAnyOutput(TestPipeline p, @TempDir Path out)
      throws Exception {
    Path key = out.resolve("key");
    Files.writeString(key, "0123456789abcdef0123456789abcdef\n");
    VitalsJob.Options o = VitalsJobTest.options(p, out.resolve("out"));
    o.setPseudonymKeyFile(key.toString());
    VitalsJob.buildPipeline(p, o, VitalsJob.config(o), VitalsJob.keySource(o));
    p.run().waitUntilFinish();

    List<Path> files;
    try (Stream<Path> walk = Files.walk(out.resolve("out"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() >= 8, files.toString());
    String all = "";
    for (Path f : files) {
      all += Files.readString(f, StandardCharsets.UTF_8);
    }
    assertFalse(all.contains("patient-0"), "a patient id in clear");
    assertTrue(all.contains("\"patientId\":\"pt-"), "pseudonyms");
    assertTrue(all.contains("patient_id_pseudonymised"), "the provenance says so");
    assertEquals(
        3,
        VitalsJobTest.output(out.resolve("out"), "dead-letters").size(),
        "dead letters still kept");
  }
}
