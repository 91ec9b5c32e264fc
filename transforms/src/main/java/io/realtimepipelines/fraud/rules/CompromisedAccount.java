package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.FraudRule;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * {@code compromised_account}: a confirmed fraud reported on the account in the last {@code days}.
 * Remembers the time of the account's newest fraud report.
 */
public final class CompromisedAccount extends FraudRule<CompromisedAccount.Memory> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  @JsonProperty private long days;

  /** Event time (ms) of the newest confirmed-fraud report, or Long.MIN_VALUE. */
  public static final class Memory {
    public long lastReport = Long.MIN_VALUE;
  }

  @Override
  public RuleStage stage() {
    return RuleStage.ACCOUNT;
  }

  @Override
  public void onTransaction(Memory m, Transaction t, Enrichment e, List<Finding> out) {
    long now = t.getTimestamp().getMillis();
    if (m.lastReport != Long.MIN_VALUE
        && now >= m.lastReport
        && now - m.lastReport <= days * DAY_MS) {
      out.add(
          finding(
              "confirmed fraud on this account reported "
                  + Texts.duration(now - m.lastReport)
                  + " earlier; watched for "
                  + days
                  + " d"));
    }
  }

  @Override
  public void onFeedback(Memory m, FraudFeedback f) {
    if (f.getFraud()) {
      m.lastReport = Math.max(m.lastReport, f.getTimestamp().getMillis());
    }
  }

  @Override
  public long periodDays() {
    return days;
  }

  @Override
  public Memory newMemory() {
    return new Memory();
  }

  @Override
  public void writeMemory(Memory m, DataOutputStream out) throws IOException {
    out.writeLong(m.lastReport);
  }

  @Override
  public Memory readMemory(DataInputStream in) throws IOException {
    Memory m = new Memory();
    m.lastReport = in.readLong();
    return m;
  }
}
