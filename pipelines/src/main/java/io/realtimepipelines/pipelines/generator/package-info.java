/**
 * Synthetic events for the {@code generate} command, demos and benchmarks. {@link
 * io.realtimepipelines.pipelines.generator.EventGenerator} maps (config, n) to the n-th event of a
 * type as a JSON line, deterministically and independently of every other index, with realistic
 * skew, amounts, places and a day curve of event time; a configurable share of events form anomaly
 * episodes ({@link io.realtimepipelines.pipelines.generator.AnomalyKind}) that the jobs must catch,
 * and another share is broken on purpose ({@link io.realtimepipelines.pipelines.generator.Defect})
 * to feed the dead letters. {@link io.realtimepipelines.pipelines.generator.GenerateEvents} is the
 * Beam source built on it.
 */
package io.realtimepipelines.pipelines.generator;
