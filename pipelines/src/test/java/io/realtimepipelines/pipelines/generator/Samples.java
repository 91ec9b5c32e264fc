package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** Generated events with their decoded form, and the groups of consecutive anomaly events. */
final class Samples {
  /** Events in the shared samples of the default configuration. */
  static final int SIZE = 100_000;

  private static final Map<EventType, Sample<?>> DEFAULTS = new ConcurrentHashMap<>();

  private Samples() {}

  /** {@link #SIZE} events of the default configuration and their decoded form. */
  static final class Sample<T extends Event> {
    /** As generated. */
    final List<GeneratedEvent> events;

    /** As the jobs decode them, same order. */
    final List<T> decoded;

    Sample(List<GeneratedEvent> events, List<T> decoded) {
      this.events = events;
      this.decoded = decoded;
    }
  }

  /** The shared sample of {@code type} under the default configuration, decoded once per JVM. */
  @SuppressWarnings("unchecked")
  static <T extends Event> Sample<T> defaults(EventType type) {
    return (Sample<T>)
        DEFAULTS.computeIfAbsent(
            type,
            t -> {
              List<GeneratedEvent> events = generate(t, GeneratorConfig.defaults(), SIZE);
              return new Sample<>(events, decodeAll(t, events));
            });
  }

  static List<GeneratedEvent> generate(EventType type, GeneratorConfig config, int count) {
    EventGenerator generator = EventGenerators.create(type, config);
    List<GeneratedEvent> out = new ArrayList<>(count);
    for (long n = 0; n < count; n++) {
      out.add(generator.generate(n));
    }
    return out;
  }

  /** A decoder as the jobs use it, with the processing time just after the last event. */
  static <T extends Event> RecordDecoder<T> decoder(EventType type) {
    return new RecordDecoder<>(type, 256 * 1024, Duration.standardDays(1));
  }

  static Instant nowAfter(List<GeneratedEvent> events) {
    return events.get(events.size() - 1).eventTime().plus(Duration.standardMinutes(1));
  }

  /** Decodes a valid event, failing the test with the record when it is not. */
  static <T extends Event> T decode(RecordDecoder<T> decoder, GeneratedEvent e, Instant now) {
    try {
      return decoder.decode(e.payload(), now);
    } catch (ValidationException ex) {
      throw new AssertionError("not valid: " + e + ": " + ex.getMessage(), ex);
    }
  }

  /** Decodes all events (which must be valid). */
  static <T extends Event> List<T> decodeAll(EventType type, List<GeneratedEvent> events) {
    RecordDecoder<T> decoder = decoder(type);
    Instant now = nowAfter(events);
    List<T> out = new ArrayList<>(events.size());
    for (GeneratedEvent e : events) {
      out.add(decode(decoder, e, now));
    }
    return out;
  }

  /** Runs of consecutive events marked with {@code kind}: one list of indices per episode. */
  static List<List<Integer>> episodes(List<GeneratedEvent> events, AnomalyKind kind) {
    List<List<Integer>> out = new ArrayList<>();
    List<Integer> current = null;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).anomaly() == kind) {
        if (current == null) {
          current = new ArrayList<>();
          out.add(current);
        }
        current.add(i);
      } else {
        current = null;
      }
    }
    return out;
  }
}
