package io.realtimepipelines.pipelines.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joda.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Contracts every event type's generator keeps. */
class EventGeneratorTest {
  private static final int MANY = 200_000;

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void sameSeedGivesByteIdenticalEventsInAnyOrder(EventType type) {
    GeneratorConfig config = GeneratorConfig.defaults().withSeed(7).withBadRate(0.1);
    EventGenerator first = EventGenerators.create(type, config);
    EventGenerator second =
        EventGenerators.create(type, GeneratorConfig.defaults().withSeed(7).withBadRate(0.1));
    for (long n = 4_999; n >= 0; n--) {
      GeneratedEvent a = first.generate(n);
      GeneratedEvent b = second.generate(n);
      assertEquals(a.json(), b.json());
      assertEquals(a.eventTimeMillis(), b.eventTimeMillis());
      assertEquals(a.anomaly(), b.anomaly());
      assertEquals(a.defect(), b.defect());
    }
    assertEquals(first.generate(123_456_789_012L).json(), second.generate(123_456_789_012L).json());
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void differentSeedsGiveDifferentEvents(EventType type) {
    List<GeneratedEvent> a = Samples.generate(type, GeneratorConfig.defaults().withSeed(1), 1000);
    List<GeneratedEvent> b = Samples.generate(type, GeneratorConfig.defaults().withSeed(2), 1000);
    int same = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).json().equals(b.get(i).json())) {
        same++;
      }
    }
    assertTrue(same < 10, same + " of 1000 events are equal under different seeds");
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void everyEventDecodesWithItsEventTimeAndAUniqueIdentity(EventType type) {
    Samples.Sample<Event> sample = Samples.defaults(type);
    List<GeneratedEvent> events = sample.events;
    List<Event> decoded = sample.decoded;
    Set<String> keys = new HashSet<>();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < events.size(); i++) {
      GeneratedEvent e = events.get(i);
      assertEquals(e.eventTime(), decoded.get(i).eventTime(), e.toString());
      assertTrue(keys.add(decoded.get(i).dedupKey()), "repeated identity in " + e);
      assertTrue(e.eventTimeMillis() > previous, "event time not increasing at " + e);
      previous = e.eventTimeMillis();
      assertEquals("generator:" + i, e.sourcePosition());
      assertNull(e.defect());
    }
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void eventTimeWithoutBuildingMatchesTheEvent(EventType type) {
    EventGenerator generator = EventGenerators.create(type, GeneratorConfig.defaults());
    for (long n = 0; n < 20_000; n++) {
      assertEquals(generator.generate(n).eventTimeMillis(), generator.eventTimeMillis(n));
    }
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void anomaliesAreAboutTheConfiguredShareAndEveryKindOfTheTypeOccurs(EventType type) {
    for (double rate : new double[] {0.01, 0.05}) {
      List<GeneratedEvent> events =
          Samples.generate(type, GeneratorConfig.defaults().withAnomalyRate(rate), MANY);
      Map<AnomalyKind, Integer> perKind = new EnumMap<>(AnomalyKind.class);
      for (GeneratedEvent e : events) {
        if (e.anomaly() != null) {
          perKind.merge(e.anomaly(), 1, Integer::sum);
          assertEquals(type, e.anomaly().eventType());
        }
      }
      double share = perKind.values().stream().mapToInt(Integer::intValue).sum() / (double) MANY;
      assertTrue(
          share > rate * 0.8 && share < rate * 1.2,
          type + ": anomaly share " + share + " for rate " + rate + ", per kind " + perKind);
      for (AnomalyKind kind : AnomalyKind.values()) {
        if (kind.eventType() == type) {
          assertTrue(perKind.getOrDefault(kind, 0) > 0, kind + " never occurs: " + perKind);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void zeroAnomalyRateGivesOnlyOrdinaryEvents(EventType type) {
    List<GeneratedEvent> events =
        Samples.generate(type, GeneratorConfig.defaults().withAnomalyRate(0), 50_000);
    assertTrue(events.stream().allMatch(e -> e.anomaly() == null));
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void invalidRecordsFailWithTheErrorTheirDefectPromises(EventType type) {
    GeneratorConfig config = GeneratorConfig.defaults().withBadRate(0.2).withAnomalyRate(0.05);
    List<GeneratedEvent> events = Samples.generate(type, config, 20_000);
    RecordDecoder<Event> decoder = Samples.decoder(type);
    Instant now = Samples.nowAfter(events);
    Map<Defect, Integer> perDefect = new EnumMap<>(Defect.class);
    for (GeneratedEvent e : events) {
      if (e.defect() == null) {
        Samples.decode(decoder, e, now);
        continue;
      }
      assertNull(e.anomaly(), "anomalies are never broken: " + e);
      perDefect.merge(e.defect(), 1, Integer::sum);
      try {
        decoder.decode(e.payload(), now);
        fail("decoded a record broken on purpose: " + e);
      } catch (ValidationException ex) {
        assertEquals(e.defect().errorCode(), ex.code(), e + ": " + ex.getMessage());
      }
    }
    int bad = perDefect.values().stream().mapToInt(Integer::intValue).sum();
    double share = bad / (double) events.size();
    assertTrue(share > 0.17 && share < 0.22, "bad share " + share);
    assertEquals(Defect.values().length, perDefect.size(), "defects seen: " + perDefect);
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void negativeIndexIsRejected(EventType type) {
    EventGenerator generator = EventGenerators.create(type, GeneratorConfig.defaults());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> generator.generate(-1));
    assertTrue(e.getMessage().contains("index"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, mode = EnumSource.Mode.EXCLUDE, names = "FEEDBACK")
  void theFirstEventIsAtTheStart(EventType type) {
    Instant start = Instant.parse("2027-03-01T08:30:00Z");
    EventGenerator generator =
        EventGenerators.create(type, GeneratorConfig.defaults().withStart(start));
    assertEquals(start, generator.generate(0).eventTime());
    assertNotEquals(start, generator.generate(1).eventTime());
  }
}
