package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.FraudRule;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.model.Transaction;
import java.util.List;
import java.util.Set;

/**
 * {@code blocklist}: the account, card, IP or device is in {@code accounts}/{@code cards}/ {@code
 * ips}/{@code devices}, or a lookup found it on an external blocklist; one finding per blocked
 * value. A non-shadow hit blocks whatever the score. No memory.
 */
public final class Blocklist extends FraudRule<Void> {
  private static final long serialVersionUID = 1L;

  @JsonProperty private Set<String> accounts = Set.of();
  @JsonProperty private Set<String> cards = Set.of();
  @JsonProperty private Set<String> ips = Set.of();
  @JsonProperty private Set<String> devices = Set.of();

  @Override
  public RuleStage stage() {
    return RuleStage.DECIDE;
  }

  @Override
  public boolean blocksAlone() {
    return true;
  }

  @Override
  public void onTransaction(Void none, Transaction t, Enrichment e, List<Finding> out) {
    if (e.accountBlocked() || accounts.contains(t.getAccountId())) {
      out.add(finding("account " + t.getAccountId() + " is on the blocklist"));
    }
    if (t.getCardId() != null && (e.cardBlocked() || cards.contains(t.getCardId()))) {
      out.add(finding("the card is on the blocklist"));
    }
    if (t.getIp() != null && (e.ipBlocked() || ips.contains(t.getIp()))) {
      out.add(finding("IP " + t.getIp() + " is on the blocklist"));
    }
    if (t.getDeviceId() != null && (e.deviceBlocked() || devices.contains(t.getDeviceId()))) {
      out.add(finding("device " + t.getDeviceId() + " is on the blocklist"));
    }
  }
}
