package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.EventType;

/**
 * Measures single-core generation speed in a plain loop (not a test: timings are not asserted). Run
 * with the test classpath: {@code java … GeneratorThroughput [events] [type]}.
 */
public final class GeneratorThroughput {
  private GeneratorThroughput() {}

  public static void main(String[] args) {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    EventType[] types =
        args.length > 1 ? new EventType[] {EventType.fromWireName(args[1])} : EventType.values();
    for (EventType type : types) {
      EventGenerator generator = EventGenerators.create(type, GeneratorConfig.defaults());
      for (int round = 1; round <= 3; round++) {
        long bytes = 0;
        long started = System.nanoTime();
        for (long n = 0; n < events; n++) {
          bytes += generator.generate(n).payload().length;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
            "%s round %d: %d events in %.2f s = %.0f events/s, %.0f bytes/event%n",
            type.wireName(), round, events, seconds, events / seconds, (double) bytes / events);
      }
    }
  }
}
