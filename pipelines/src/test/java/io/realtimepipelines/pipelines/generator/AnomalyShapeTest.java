package io.realtimepipelines.pipelines.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.joda.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each injected anomaly has the shape a job is promised, and ordinary traffic does not. */
class AnomalyShapeTest {
  private static final BigDecimal FIVE_HUNDRED = new BigDecimal("500");
  private static final long FIVE_MINUTES = Duration.standardMinutes(5).getMillis();

  private static List<GeneratedEvent> txnEvents;
  private static List<Transaction> txns;

  @BeforeAll
  static void generateTransactions() {
    Samples.Sample<Transaction> sample = Samples.defaults(EventType.TRANSACTION);
    txnEvents = sample.events;
    txns = sample.decoded;
  }

  private static <T> List<T> pick(List<T> all, List<Integer> indices) {
    return indices.stream().map(all::get).collect(Collectors.toList());
  }

  private static long spanMillis(List<? extends Event> events) {
    return events.get(events.size() - 1).eventTime().getMillis()
        - events.get(0).eventTime().getMillis();
  }

  @Test
  void ipBurstIsAtLeastThreePurchasesOf500FromOneIpWithinFiveMinutes() {
    List<List<Integer>> episodes = Samples.episodes(txnEvents, AnomalyKind.IP_BURST);
    assertFalse(episodes.isEmpty());
    Set<String> burstIps = new HashSet<>();
    for (List<Integer> episode : episodes) {
      List<Transaction> burst = pick(txns, episode);
      assertEquals(AnomalyKind.IP_BURST.episodeLength(), burst.size());
      Set<String> ips = burst.stream().map(Transaction::getIp).collect(Collectors.toSet());
      assertEquals(1, ips.size(), "one IP: " + burst);
      assertTrue(burst.stream().allMatch(t -> t.getAmount().compareTo(FIVE_HUNDRED) >= 0));
      assertTrue(spanMillis(burst) <= FIVE_MINUTES);
      burstIps.addAll(ips);
    }
    for (int i = 0; i < txns.size(); i++) {
      if (txnEvents.get(i).anomaly() == null) {
        assertFalse(burstIps.contains(txns.get(i).getIp()), "burst IP in ordinary traffic");
      }
    }
  }

  @Test
  void cardTestingIsTinyChargesThenALargeOneOnOneCardWithinMinutes() {
    List<List<Integer>> episodes = Samples.episodes(txnEvents, AnomalyKind.CARD_TESTING);
    assertFalse(episodes.isEmpty());
    for (List<Integer> episode : episodes) {
      List<Transaction> run = pick(txns, episode);
      assertEquals(AnomalyKind.CARD_TESTING.episodeLength(), run.size());
      assertEquals(1, run.stream().map(Transaction::getCardId).distinct().count(), run.toString());
      for (Transaction t : run.subList(0, run.size() - 1)) {
        assertTrue(t.getAmount().compareTo(new BigDecimal("3")) < 0, t.toString());
      }
      assertTrue(run.get(run.size() - 1).getAmount().compareTo(new BigDecimal("800")) >= 0);
      assertTrue(spanMillis(run) <= FIVE_MINUTES);
    }
  }

  @Test
  void impossibleTravelIsTwoPaymentsOfOneCardFasterThan900KmPerHour() {
    List<List<Integer>> episodes = Samples.episodes(txnEvents, AnomalyKind.IMPOSSIBLE_TRAVEL);
    assertFalse(episodes.isEmpty());
    for (List<Integer> episode : episodes) {
      List<Transaction> pair = pick(txns, episode);
      assertEquals(2, pair.size());
      Transaction a = pair.get(0);
      Transaction b = pair.get(1);
      assertEquals(a.getCardId(), b.getCardId());
      double km = Regions.distanceKm(a.getLat(), a.getLon(), b.getLat(), b.getLon());
      double hours = Math.max(1, spanMillis(pair)) / 3_600_000.0;
      assertTrue(km > 2_000 && km / hours > 900, km + " km in " + hours + " h: " + pair);
    }
  }

  @Test
  void ordinaryPaymentsOfACardNeverMove() {
    Map<String, String> placeByCard = new HashMap<>();
    for (int i = 0; i < txns.size(); i++) {
      Transaction t = txns.get(i);
      if (txnEvents.get(i).anomaly() == null && t.getLat() != null) {
        String place = t.getLat() + "," + t.getLon();
        String before = placeByCard.putIfAbsent(t.getCardId(), place);
        assertTrue(before == null || before.equals(place), "card moved: " + t);
      }
    }
  }

  @Test
  void amountSpikeIsManyTimesTheAccountsUsualAmount() {
    List<List<Integer>> episodes = Samples.episodes(txnEvents, AnomalyKind.AMOUNT_SPIKE);
    assertFalse(episodes.isEmpty());
    for (List<Integer> episode : episodes) {
      List<Transaction> run = pick(txns, episode);
      assertEquals(1, run.stream().map(Transaction::getAccountId).distinct().count());
      BigDecimal largestUsual =
          run.subList(0, run.size() - 1).stream()
              .map(Transaction::getAmount)
              .max(BigDecimal::compareTo)
              .orElseThrow();
      BigDecimal spike = run.get(run.size() - 1).getAmount();
      assertTrue(spike.compareTo(largestUsual.multiply(BigDecimal.TEN)) > 0, run.toString());
    }
  }

  @Test
  void demandSpikeIsEightPurchasesOfOneQuietProductWithinMinutes() {
    Samples.Sample<ClickEvent> sample = Samples.defaults(EventType.CLICK);
    List<GeneratedEvent> events = sample.events;
    List<ClickEvent> clicks = sample.decoded;
    Map<String, Integer> ordinaryPurchases = new HashMap<>();
    for (int i = 0; i < clicks.size(); i++) {
      if (events.get(i).anomaly() == null && clicks.get(i).getAction() == ClickAction.PURCHASE) {
        ordinaryPurchases.merge(clicks.get(i).getProductId(), 1, Integer::sum);
      }
    }
    List<List<Integer>> episodes = Samples.episodes(events, AnomalyKind.DEMAND_SPIKE);
    assertFalse(episodes.isEmpty());
    for (List<Integer> episode : episodes) {
      List<ClickEvent> run = pick(clicks, episode);
      assertEquals(8, run.size());
      assertTrue(run.stream().allMatch(c -> c.getAction() == ClickAction.PURCHASE));
      assertEquals(1, run.stream().map(ClickEvent::getProductId).distinct().count());
      assertTrue(spanMillis(run) <= FIVE_MINUTES);
      // The whole sample has at most a few ordinary purchases of that product.
      assertTrue(ordinaryPurchases.getOrDefault(run.get(0).getProductId(), 0) < 8);
    }
  }

  @Test
  void lowStockFallsToFiveOrLessWhileOrdinaryStockStaysAtLeast100() {
    Samples.Sample<InventoryUpdate> sample = Samples.defaults(EventType.INVENTORY);
    List<GeneratedEvent> events = sample.events;
    List<InventoryUpdate> updates = sample.decoded;
    for (int i = 0; i < updates.size(); i++) {
      if (events.get(i).anomaly() == null) {
        assertTrue(updates.get(i).getStock() >= 100, updates.get(i).toString());
      }
    }
    List<List<Integer>> episodes = Samples.episodes(events, AnomalyKind.LOW_STOCK);
    assertFalse(episodes.isEmpty());
    for (List<Integer> episode : episodes) {
      List<InventoryUpdate> run = pick(updates, episode);
      assertEquals(1, run.stream().map(InventoryUpdate::getProductId).distinct().count());
      for (int k = 1; k < run.size(); k++) {
        assertTrue(run.get(k).getStock() < run.get(k - 1).getStock(), run.toString());
      }
      assertTrue(run.get(run.size() - 1).getStock() <= 5, run.toString());
    }
  }

  @Test
  void undercutIsFourCompetitorsFarBelowOurPrice() {
    GeneratorConfig config = GeneratorConfig.defaults();
    Catalog catalog = new Catalog(config.seed(), config.products());
    Samples.Sample<CompetitorPrice> sample = Samples.defaults(EventType.COMPETITOR_PRICE);
    List<GeneratedEvent> events = sample.events;
    List<CompetitorPrice> prices = sample.decoded;
    for (int i = 0; i < prices.size(); i++) {
      CompetitorPrice p = prices.get(i);
      double ours = catalog.priceCents(productNumber(p.getProductId())) / 100.0;
      double ratio = p.getPrice().doubleValue() / ours;
      if (events.get(i).anomaly() == null) {
        assertTrue(ratio > 0.85 && ratio < 1.15, p + " vs ours " + ours);
      } else {
        assertTrue(ratio < 0.7, p + " vs ours " + ours);
      }
    }
    List<List<Integer>> episodes = Samples.episodes(events, AnomalyKind.PRICE_UNDERCUT);
    assertFalse(episodes.isEmpty());
    for (List<Integer> episode : episodes) {
      List<CompetitorPrice> run = pick(prices, episode);
      assertEquals(1, run.stream().map(CompetitorPrice::getProductId).distinct().count());
      assertEquals(4, run.stream().map(CompetitorPrice::getCompetitor).distinct().count());
    }
  }

  private static int productNumber(String productId) {
    return Integer.parseInt(productId.substring("prod-".length()));
  }

  @Test
  void heartRateSpikesAndGapsArePerPatientAndOrdinaryReadingsArePeriodic() {
    GeneratorConfig config = GeneratorConfig.defaults();
    Samples.Sample<VitalSign> sample = Samples.defaults(EventType.VITAL);
    List<GeneratedEvent> events = sample.events;
    List<VitalSign> readings = sample.decoded;
    long cadence = (long) (config.patients() * 1000 / config.eventTimeRate());
    Map<String, Long> lastSeen = new HashMap<>();
    Map<String, List<Double>> spikesByPatient = new HashMap<>();
    int gaps = 0;
    for (int i = 0; i < readings.size(); i++) {
      VitalSign v = readings.get(i);
      AnomalyKind kind = events.get(i).anomaly();
      Long before = lastSeen.put(v.getPatientId(), v.getTimestamp().getMillis());
      long since = before == null ? -1 : v.getTimestamp().getMillis() - before;
      if (kind == AnomalyKind.READING_GAP) {
        gaps++;
        assertTrue(since >= 4 * cadence, "gap of only " + since + " ms before " + v);
      } else if (before != null) {
        assertTrue(since <= cadence + 1, since + " ms between readings up to " + v);
      }
      if (kind == AnomalyKind.HEART_RATE_SPIKE) {
        assertEquals(VitalMetric.HEART_RATE, v.getMetric());
        assertTrue(v.getValue() >= 140, v.toString());
        spikesByPatient.computeIfAbsent(v.getPatientId(), p -> new ArrayList<>()).add(v.getValue());
      } else if (v.getMetric() == VitalMetric.HEART_RATE) {
        assertTrue(v.getValue() < 105, v.toString());
      }
    }
    assertTrue(gaps > 0);
    assertFalse(spikesByPatient.isEmpty());
    for (Map.Entry<String, List<Double>> e : spikesByPatient.entrySet()) {
      assertEquals(0, e.getValue().size() % 3, "spikes come in threes: " + e);
    }
  }
}
