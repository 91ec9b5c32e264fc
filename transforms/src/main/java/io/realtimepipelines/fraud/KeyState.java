package io.realtimepipelines.fraud;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;

/**
 * What the scorer remembers per key, between events. Bounded: every list is pruned to its rule's
 * window, the amount history to its configured size, and the whole state expires after
 * {@code stateTtlDays} without events.
 */
public abstract class KeyState {
  /** Event time (ms) of the key's newest event. */
  long lastSeen = Long.MIN_VALUE;

  abstract void write(DataOutputStream out) throws IOException;

  /** Per IP: the recent high-value purchases. */
  public static final class Ip extends KeyState {
    final TimedAmounts highValue = new TimedAmounts();

    @Override
    void write(DataOutputStream out) throws IOException {
      out.writeLong(lastSeen);
      highValue.write(out);
    }

    static Ip read(DataInputStream in) throws IOException {
      Ip s = new Ip();
      s.lastSeen = in.readLong();
      TimedAmounts t = TimedAmounts.read(in);
      for (int i = 0; i < t.size(); i++) {
        s.highValue.add(t.time(i), t.amount(i));
      }
      return s;
    }
  }

  /** Per card (inside its account's state): recent transactions and the last known location. */
  static final class Card {
    final TimedAmounts recent = new TimedAmounts();
    long locationTime = Long.MIN_VALUE;
    double lat;
    double lon;

    void write(DataOutputStream out) throws IOException {
      recent.write(out);
      out.writeLong(locationTime);
      out.writeDouble(lat);
      out.writeDouble(lon);
    }

    static Card read(DataInputStream in) throws IOException {
      Card c = new Card();
      TimedAmounts t = TimedAmounts.read(in);
      for (int i = 0; i < t.size(); i++) {
        c.recent.add(t.time(i), t.amount(i));
      }
      c.locationTime = in.readLong();
      c.lat = in.readDouble();
      c.lon = in.readDouble();
      return c;
    }
  }

  /** Per account: recent transactions, amount history, fraud reports, and its cards. */
  public static final class Account extends KeyState {
    final TimedAmounts recent = new TimedAmounts();
    /** The last amounts in arrival order (oldest first), at most historySize. */
    final TimedAmounts history = new TimedAmounts();
    /** Event time of the newest confirmed-fraud report on the account. */
    long lastFraudReport = Long.MIN_VALUE;
    final Map<String, Card> cards = new TreeMap<>();

    @Override
    void write(DataOutputStream out) throws IOException {
      out.writeLong(lastSeen);
      recent.write(out);
      history.write(out);
      out.writeLong(lastFraudReport);
      out.writeInt(cards.size());
      for (Map.Entry<String, Card> e : cards.entrySet()) {
        out.writeUTF(e.getKey());
        e.getValue().write(out);
      }
    }

    static Account read(DataInputStream in) throws IOException {
      Account s = new Account();
      s.lastSeen = in.readLong();
      copy(TimedAmounts.read(in), s.recent);
      copy(TimedAmounts.read(in), s.history);
      s.lastFraudReport = in.readLong();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        s.cards.put(in.readUTF(), Card.read(in));
      }
      return s;
    }
  }

  /** Per merchant: times of confirmed-fraud reports. */
  public static final class Merchant extends KeyState {
    final TimedAmounts reports = new TimedAmounts();

    @Override
    void write(DataOutputStream out) throws IOException {
      out.writeLong(lastSeen);
      reports.write(out);
    }

    static Merchant read(DataInputStream in) throws IOException {
      Merchant s = new Merchant();
      s.lastSeen = in.readLong();
      copy(TimedAmounts.read(in), s.reports);
      return s;
    }
  }

  private static void copy(TimedAmounts from, TimedAmounts to) {
    for (int i = 0; i < from.size(); i++) {
      to.add(from.time(i), from.amount(i));
    }
  }

  /** Compact binary coder for one kind of key state. */
  public static final class StateCoder<S extends KeyState> extends CustomCoder<S> {
    private final int kind;

    private StateCoder(int kind) {
      this.kind = kind;
    }

    public static StateCoder<Ip> ip() {
      return new StateCoder<>(0);
    }

    public static StateCoder<Account> account() {
      return new StateCoder<>(1);
    }

    public static StateCoder<Merchant> merchant() {
      return new StateCoder<>(2);
    }

    @Override
    public void encode(S value, OutputStream out) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      DataOutputStream data = new DataOutputStream(bytes);
      value.write(data);
      data.flush();
      ByteArrayCoder.of().encode(bytes.toByteArray(), out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public S decode(InputStream in) throws IOException {
      DataInputStream data =
          new DataInputStream(new ByteArrayInputStream(ByteArrayCoder.of().decode(in)));
      switch (kind) {
        case 0:
          return (S) Ip.read(data);
        case 1:
          return (S) Account.read(data);
        default:
          return (S) Merchant.read(data);
      }
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof StateCoder && ((StateCoder<?>) o).kind == kind;
    }

    @Override
    public int hashCode() {
      return kind;
    }
  }
}
