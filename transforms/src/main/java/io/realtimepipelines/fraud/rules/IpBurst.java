package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.fraud.TimedAmounts;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code ip_burst}: at least {@code count} purchases {@code >= minAmount} from one IP within {@code
 * windowSeconds}. Remembers per IP the high-value purchases of the window.
 */
public final class IpBurst extends TimedAmountsRule {
  private static final long serialVersionUID = 1L;

  @JsonProperty private BigDecimal minAmount;
  @JsonProperty private int count;
  @JsonProperty private long windowSeconds;

  @Override
  public RuleStage stage() {
    return RuleStage.IP;
  }

  @Override
  public void onTransaction(
      TimedAmounts highValue, Transaction t, Enrichment e, List<Finding> out) {
    long now = t.getTimestamp().getMillis();
    highValue.pruneBefore(now - windowSeconds * 1000 + 1);
    if (t.getAmount().compareTo(minAmount) < 0) {
      return;
    }
    highValue.add(now, t.getAmount().doubleValue());
    int n = highValue.size();
    if (n >= count) {
      out.add(
          finding(
              n
                  + " purchases >= "
                  + Texts.money(minAmount)
                  + " from IP "
                  + t.getIp()
                  + " within "
                  + Texts.duration(now - highValue.time(0))
                  + "; limit "
                  + (count - 1)
                  + " in "
                  + Texts.windowSeconds(windowSeconds)));
    }
  }
}
