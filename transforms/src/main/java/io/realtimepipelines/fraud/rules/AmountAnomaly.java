package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.fraud.TimedAmounts;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code amount_anomaly}: amount {@code >= minAmount} and {@code >= ratioToMedian} times the median
 * of the account's last {@code historySize} amounts, once it has {@code minHistory}. Remembers the
 * account's last amounts, oldest first.
 */
public final class AmountAnomaly extends TimedAmountsRule {
  private static final long serialVersionUID = 1L;

  @JsonProperty private double ratioToMedian;
  @JsonProperty private int minHistory;
  @JsonProperty private int historySize;
  @JsonProperty private BigDecimal minAmount;

  @Override
  public RuleStage stage() {
    return RuleStage.ACCOUNT;
  }

  @Override
  public void onTransaction(TimedAmounts history, Transaction t, Enrichment e, List<Finding> out) {
    double amount = t.getAmount().doubleValue();
    int n = history.size();
    if (n >= minHistory && t.getAmount().compareTo(minAmount) >= 0) {
      double median = median(history);
      if (median > 0 && amount >= ratioToMedian * median) {
        out.add(
            finding(
                "amount "
                    + Texts.money(t.getAmount())
                    + " is "
                    + Texts.ratio(amount / median)
                    + "x the account's median "
                    + Texts.money(median)
                    + " over its last "
                    + n
                    + " transactions; limit "
                    + Texts.ratio(ratioToMedian)
                    + "x"));
      }
    }
    history.add(t.getTimestamp().getMillis(), amount);
    if (history.size() > historySize) {
      history.dropFirst(history.size() - historySize);
    }
  }

  static double median(TimedAmounts values) {
    double[] v = new double[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.amount(i);
    }
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  @Override
  public void check(Consumer<String> problems) {
    if (historySize < minHistory) {
      problems.accept("rules.amountAnomaly.historySize must be >= rules.amountAnomaly.minHistory");
    }
  }
}
