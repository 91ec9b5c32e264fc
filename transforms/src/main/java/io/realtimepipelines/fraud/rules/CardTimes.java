package io.realtimepipelines.fraud.rules;

import io.realtimepipelines.fraud.TimedAmounts;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Recent transactions (time, amount) per card id: the per-card memory of an account rule. */
public final class CardTimes {
  public final Map<String, TimedAmounts> cards = new TreeMap<>();

  /** The card's list, created empty on first use. */
  public TimedAmounts of(String cardId) {
    return cards.computeIfAbsent(cardId, k -> new TimedAmounts());
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(cards.size());
    for (Map.Entry<String, TimedAmounts> e : cards.entrySet()) {
      out.writeUTF(e.getKey());
      e.getValue().write(out);
    }
  }

  static CardTimes read(DataInputStream in) throws IOException {
    CardTimes c = new CardTimes();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      c.cards.put(in.readUTF(), TimedAmounts.read(in));
    }
    return c;
  }
}
