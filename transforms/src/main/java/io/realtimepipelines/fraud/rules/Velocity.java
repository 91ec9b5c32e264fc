package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.FraudRule;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.fraud.TimedAmounts;
import io.realtimepipelines.model.Transaction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * {@code velocity}: more than {@code maxPerAccount} transactions on the account, or {@code
 * maxPerCard} on the card, within {@code windowSeconds} (the transaction itself included).
 * Remembers the account's and each card's transactions of the window.
 */
public final class Velocity extends FraudRule<Velocity.Memory> {
  private static final long serialVersionUID = 1L;

  @JsonProperty private int maxPerAccount;
  @JsonProperty private int maxPerCard;
  @JsonProperty private long windowSeconds;

  /** The account's transactions of the window, and each card's. */
  public static final class Memory {
    public final TimedAmounts account = new TimedAmounts();
    public final CardTimes cards = new CardTimes();
  }

  @Override
  public RuleStage stage() {
    return RuleStage.ACCOUNT;
  }

  @Override
  public void onTransaction(Memory m, Transaction t, Enrichment e, List<Finding> out) {
    long now = t.getTimestamp().getMillis();
    long oldestKept = now - windowSeconds * 1000 + 1;
    m.account.pruneBefore(oldestKept);
    m.account.add(now, t.getAmount().doubleValue());
    if (m.account.size() > maxPerAccount) {
      out.add(
          finding(
              m.account.size()
                  + " transactions on the account within "
                  + Texts.windowSeconds(windowSeconds)
                  + "; limit "
                  + maxPerAccount));
    }
    if (t.getCardId() != null) {
      TimedAmounts card = m.cards.of(t.getCardId());
      card.pruneBefore(oldestKept);
      card.add(now, t.getAmount().doubleValue());
      if (card.size() > maxPerCard) {
        out.add(
            finding(
                card.size()
                    + " transactions on this card within "
                    + Texts.windowSeconds(windowSeconds)
                    + "; limit "
                    + maxPerCard));
      }
    }
  }

  @Override
  public Memory newMemory() {
    return new Memory();
  }

  @Override
  public void writeMemory(Memory m, DataOutputStream out) throws IOException {
    m.account.write(out);
    m.cards.write(out);
  }

  @Override
  public Memory readMemory(DataInputStream in) throws IOException {
    Memory m = new Memory();
    TimedAmounts account = TimedAmounts.read(in);
    for (int i = 0; i < account.size(); i++) {
      m.account.add(account.time(i), account.amount(i));
    }
    m.cards.cards.putAll(CardTimes.read(in).cards);
    return m;
  }
}
