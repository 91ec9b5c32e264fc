package io.realtimepipelines.pipelines.options;

/** Where a job writes its outputs. */
public enum SinkKind {
  /** JSON Lines files, one folder per output under --outputDir/&lt;job&gt;/. */
  FILES,
  /** One JSON line per element on standard output (of the worker that holds it). */
  STDOUT,
  /** One Kafka topic per output, records keyed by the entity id (see README). */
  KAFKA
}
