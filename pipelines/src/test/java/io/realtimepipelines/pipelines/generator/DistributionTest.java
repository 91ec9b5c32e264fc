package io.realtimepipelines.pipelines.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ordinary traffic looks like real traffic: skewed activity, log-normal amounts, mostly USD.
 */
class DistributionTest {

  private static <T extends Event> List<T> ordinary(Samples.Sample<T> sample) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < sample.events.size(); i++) {
      if (sample.events.get(i).anomaly() == null) {
        out.add(sample.decoded.get(i));
      }
    }
    return out;
  }

  private static double topShare(Map<String, Integer> counts, int top) {
    List<Integer> sorted = new ArrayList<>(counts.values());
    sorted.sort(Collections.reverseOrder());
    long all = sorted.stream().mapToLong(Integer::longValue).sum();
    long head =
        sorted.subList(0, Math.min(top, sorted.size())).stream()
            .mapToLong(Integer::longValue)
            .sum();
    return (double) head / all;
  }

  @Test
  void topOnePercentOfAccountsMakeAboutAThirdOfThePaymentsAndNoAccountDominates() {
    GeneratorConfig config = GeneratorConfig.defaults();
    Map<String, Integer> perAccount = new HashMap<>();
    for (Transaction t : ordinary(Samples.<Transaction>defaults(EventType.TRANSACTION))) {
      perAccount.merge(t.getAccountId(), 1, Integer::sum);
    }
    double top1 = topShare(perAccount, config.accounts() / 100);
    assertTrue(top1 > 0.28 && top1 < 0.42, "top 1% share " + top1);
    double busiest = topShare(perAccount, 1);
    assertTrue(busiest < 0.005, "busiest account share " + busiest);
  }

  @Test
  void topOnePercentOfProductsGetAboutAThirdOfTheClicks() {
    GeneratorConfig config = GeneratorConfig.defaults();
    Map<String, Integer> perProduct = new HashMap<>();
    for (ClickEvent c : ordinary(Samples.<ClickEvent>defaults(EventType.CLICK))) {
      perProduct.merge(c.getProductId(), 1, Integer::sum);
    }
    double top1 = topShare(perProduct, config.products() / 100);
    assertTrue(top1 > 0.28 && top1 < 0.42, "top 1% share " + top1);
  }

  @Test
  void amountsAreLogNormalAroundThirtyDollarsAndMostlyUsd() {
    List<Transaction> txns = ordinary(Samples.defaults(EventType.TRANSACTION));
    List<Double> logs = new ArrayList<>();
    int usd = 0;
    int over500 = 0;
    for (Transaction t : txns) {
      if (t.getCurrency().equals("USD")) {
        usd++;
        logs.add(Math.log(t.getAmount().doubleValue()));
        if (t.getAmount().compareTo(new BigDecimal("500")) >= 0) {
          over500++;
        }
      }
    }
    double mean = logs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double var = logs.stream().mapToDouble(x -> (x - mean) * (x - mean)).average().orElseThrow();
    double median = Math.exp(mean);
    assertTrue(median > 25 && median < 36, "median " + median);
    assertTrue(Math.sqrt(var) > 0.85 && Math.sqrt(var) < 1.15, "sigma " + Math.sqrt(var));
    double usdShare = usd / (double) txns.size();
    assertTrue(usdShare > 0.9 && usdShare < 0.99, "USD share " + usdShare);
    double bigShare = over500 / (double) usd;
    assertTrue(bigShare < 0.01, "share of ordinary payments of 500 or more " + bigShare);
  }
}
