package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.FraudRule;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.util.List;

/** {@code high_amount}: amount {@code >= threshold}. No memory. */
public final class HighAmount extends FraudRule<Void> {
  private static final long serialVersionUID = 1L;

  @JsonProperty private BigDecimal threshold;

  @Override
  public RuleStage stage() {
    return RuleStage.DECIDE;
  }

  @Override
  public void onTransaction(Void none, Transaction t, Enrichment e, List<Finding> out) {
    if (t.getAmount().compareTo(threshold) >= 0) {
      out.add(finding("amount " + Texts.money(t.getAmount()) + " >= " + Texts.money(threshold)));
    }
  }
}
