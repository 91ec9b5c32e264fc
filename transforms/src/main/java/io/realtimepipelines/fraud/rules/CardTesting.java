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
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code card_testing}: {@code tinyCount} transactions {@code <= tinyAmount} on a card, then one
 * {@code >= largeAmount}, within {@code withinSeconds}. Remembers each card's transactions {@code
 * <= tinyAmount} of the window (a card without any has no entry).
 */
public final class CardTesting extends FraudRule<CardTimes> {
  private static final long serialVersionUID = 1L;

  @JsonProperty private BigDecimal tinyAmount;
  @JsonProperty private int tinyCount;
  @JsonProperty private BigDecimal largeAmount;
  @JsonProperty private long withinSeconds;

  @Override
  public RuleStage stage() {
    return RuleStage.ACCOUNT;
  }

  @Override
  public void onTransaction(CardTimes cards, Transaction t, Enrichment e, List<Finding> out) {
    if (t.getCardId() == null) {
      return;
    }
    long now = t.getTimestamp().getMillis();
    double tinyLimit = tinyAmount.doubleValue();
    TimedAmounts card = cards.cards.get(t.getCardId());
    if (card != null) {
      card.pruneBefore(now - withinSeconds * 1000 + 1);
      if (card.size() >= tinyCount && t.getAmount().compareTo(largeAmount) >= 0) {
        int tiny = 0;
        long firstTiny = now;
        for (int i = 0; i < card.size(); i++) {
          // Memories written before the rules' last reload may hold larger amounts.
          if (card.amount(i) <= tinyLimit) {
            tiny++;
            firstTiny = Math.min(firstTiny, card.time(i));
          }
        }
        if (tiny >= tinyCount) {
          out.add(
              finding(
                  tiny
                      + " transactions <= "
                      + Texts.money(tinyAmount)
                      + " on this card, then "
                      + Texts.money(t.getAmount())
                      + " "
                      + Texts.duration(now - firstTiny)
                      + " after the first; pattern: "
                      + tinyCount
                      + " tiny then >= "
                      + Texts.money(largeAmount)
                      + " within "
                      + Texts.windowSeconds(withinSeconds)));
        }
      }
    }
    double amount = t.getAmount().doubleValue();
    if (amount <= tinyLimit) {
      (card != null ? card : cards.of(t.getCardId())).add(now, amount);
    } else if (card != null && card.size() == 0) {
      cards.cards.remove(t.getCardId());
    }
  }

  @Override
  public CardTimes newMemory() {
    return new CardTimes();
  }

  @Override
  public void writeMemory(CardTimes m, DataOutputStream out) throws IOException {
    m.write(out);
  }

  @Override
  public CardTimes readMemory(DataInputStream in) throws IOException {
    return CardTimes.read(in);
  }
}
