package io.realtimepipelines.pipelines.options;

/** Where a job reads its events from. */
public enum SourceKind {
  /** JSON Lines files, plain or gzip (by the .gz suffix), one file or a glob. */
  FILE,
  /** The built-in synthetic generator: deterministic under --seed, optionally rate-limited. */
  GENERATOR,
  /** Kafka topics via KafkaIO; event time from each record's own timestamp field. */
  KAFKA
}
