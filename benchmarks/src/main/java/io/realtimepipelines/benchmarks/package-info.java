/** Benchmark harness: throughput per runner, plain-Java baseline, latency, JMH. */
package io.realtimepipelines.benchmarks;
