package io.realtimepipelines.fraud.rules;

import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.FraudRule;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.model.Transaction;
import java.util.List;

/**
 * {@code account_profile} (needs the lookups, see {@link Enrichment}): the account's profile has
 * risk tier HIGH, or the payment's country is not the profile's home country (both known). No
 * memory.
 */
public final class AccountProfile extends FraudRule<Void> {
  private static final long serialVersionUID = 1L;

  @Override
  public RuleStage stage() {
    return RuleStage.DECIDE;
  }

  @Override
  public void onTransaction(Void none, Transaction t, Enrichment e, List<Finding> out) {
    if (Enrichment.HIGH_RISK.equals(e.riskTier())) {
      out.add(finding("account " + t.getAccountId() + " has risk tier HIGH in its profile"));
    }
    if (e.homeCountry() != null
        && t.getCountry() != null
        && !e.homeCountry().equalsIgnoreCase(t.getCountry())) {
      out.add(
          finding(
              "payment from "
                  + t.getCountry()
                  + ", outside the account's home country "
                  + e.homeCountry()));
    }
  }
}
