package io.realtimepipelines.benchmarks;

/**
 * One part of the benchmark report ({@code results.md} and {@code results.json}): throughput, JMH,
 * and later latency. The writer puts the machine first, then each section in order.
 */
interface ReportSection {
  /** Heading of the section in {@code results.md}. */
  String title();

  /** Key of the section in {@code results.json}. */
  String key();

  /** The section's markdown body, without its heading. */
  String markdown();

  /** The section's numbers for {@code results.json}: maps, lists, strings and numbers. */
  Object json();
}
