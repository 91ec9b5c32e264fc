package io.realtimepipelines.pipelines.vitals;

import io.realtimepipelines.vitals.VitalsConfig;

/** The version of the shipped rules, for assertions. */
final class VitalsConfigVersion {
  static final String SHIPPED = VitalsConfig.defaults().version;

  private VitalsConfigVersion() {}
}
