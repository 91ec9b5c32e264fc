package io.realtimepipelines.pipelines;

import java.util.Map;
import org.apache.beam.sdk.PipelineResult;

/** The run summary's counters, for tests in other packages. */
public final class RunReportAccess {
  private RunReportAccess() {}

  /** What the launcher's summary reads: every {@code rtp} Beam counter by name. */
  public static Map<String, Long> counters(PipelineResult result) {
    return RunReport.counters(result);
  }
}
