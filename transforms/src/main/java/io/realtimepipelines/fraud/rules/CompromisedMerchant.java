package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.fraud.TimedAmounts;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.util.List;

/**
 * {@code compromised_merchant}: at least {@code minReports} confirmed frauds reported on the
 * merchant in the last {@code days}. Remembers the times of the merchant's fraud reports.
 */
public final class CompromisedMerchant extends TimedAmountsRule {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  @JsonProperty private long days;
  @JsonProperty private int minReports;

  @Override
  public RuleStage stage() {
    return RuleStage.MERCHANT;
  }

  @Override
  public void onTransaction(TimedAmounts reports, Transaction t, Enrichment e, List<Finding> out) {
    long now = t.getTimestamp().getMillis();
    reports.pruneBefore(now - days * DAY_MS);
    int n = 0;
    long newest = Long.MIN_VALUE;
    for (int i = 0; i < reports.size(); i++) {
      if (reports.time(i) <= now) {
        n++;
        newest = Math.max(newest, reports.time(i));
      }
    }
    if (n >= minReports) {
      out.add(
          finding(
              n
                  + " confirmed fraud report"
                  + (n == 1 ? "" : "s")
                  + " on merchant "
                  + t.getMerchantId()
                  + " in the last "
                  + days
                  + " d, newest "
                  + Texts.duration(now - newest)
                  + " ago; limit "
                  + (minReports - 1)));
    }
  }

  @Override
  public void onFeedback(TimedAmounts reports, FraudFeedback f) {
    if (f.getFraud()) {
      reports.add(f.getTimestamp().getMillis(), 1);
    }
  }

  @Override
  public long periodDays() {
    return days;
  }
}
