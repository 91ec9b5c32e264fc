package io.realtimepipelines.fraud;

import io.realtimepipelines.fraud.rules.AmountAnomaly;
import io.realtimepipelines.fraud.rules.CardTesting;
import io.realtimepipelines.fraud.rules.CardTimes;
import io.realtimepipelines.fraud.rules.CompromisedAccount;
import io.realtimepipelines.fraud.rules.CompromisedMerchant;
import io.realtimepipelines.fraud.rules.ImpossibleTravel;
import io.realtimepipelines.fraud.rules.IpBurst;
import io.realtimepipelines.fraud.rules.Velocity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * What one keyed stage remembers per key (an IP, an account with its cards, a merchant): the time
 * of the key's newest event and, per rule of the stage, that rule's memory. Bounded: each rule
 * prunes its memory to its window or size, and the whole state expires after {@code stateTtlDays}
 * without events. One state object per key and stage, so adding a rule adds no state cell.
 */
public final class KeyState {
  final RuleStage stage;

  /** Event time (ms) of the key's newest event. */
  long lastSeen = Long.MIN_VALUE;

  /** The memory of each rule of {@link RuleRegistry#prototypes} for the stage, same positions. */
  final Object[] memories;

  /**
   * The memories of the user rules keyed like this stage (by IP, account or merchant), which run
   * here instead of in a step of their own; null until one needs it.
   */
  io.realtimepipelines.fraud.user.@org.checkerframework.checker.nullness.qual.Nullable UserKeyState
      user;

  /** The section under which {@link #user} is written: no rule key starts with '~'. */
  static final String USER_SECTION = "~user";

  private KeyState(RuleStage stage, Object[] memories) {
    this.stage = stage;
    this.memories = memories;
  }

  /** A new key's state: every rule's memory empty. */
  public static KeyState fresh(RuleStage stage) {
    List<FraudRule<?>> rules = RuleRegistry.prototypes(stage);
    Object[] m = new Object[rules.size()];
    for (int i = 0; i < m.length; i++) {
      m[i] = rules.get(i).newMemory();
    }
    return new KeyState(stage, m);
  }

  /** The memory of {@code rule} (a rule of this state's stage). */
  @SuppressWarnings("unchecked")
  <M> M memory(Class<? extends FraudRule<M>> rule) {
    List<FraudRule<?>> rules = RuleRegistry.prototypes(stage);
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).getClass() == rule) {
        return (M) memories[i];
      }
    }
    throw new IllegalArgumentException(rule.getSimpleName() + " is not a rule of stage " + stage);
  }

  /**
   * The state coder of one stage. Format 1: a version byte, {@code lastSeen}, then per rule its key
   * and its memory's length and bytes (and, when user rules keep memory here, a section {@code
   * ~user}, which a release without it skips as an unknown rule), so a rule added in a later
   * release starts empty and a rule removed is skipped. Reads layout 0 too (before format bytes,
   * see {@link #readLayout0}); any other first byte is refused, never misread.
   */
  public static final class StateCoder extends CustomCoder<KeyState> {
    private static final long serialVersionUID = 1L;
    static final int FORMAT = 1;
    private final RuleStage stage;

    private StateCoder(RuleStage stage) {
      this.stage = stage;
    }

    public static StateCoder of(RuleStage stage) {
      return new StateCoder(stage);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void encode(KeyState value, OutputStream out) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      DataOutputStream data = new DataOutputStream(bytes);
      data.writeByte(FORMAT);
      data.writeLong(value.lastSeen);
      List<FraudRule<?>> rules = RuleRegistry.prototypes(stage);
      data.writeShort(rules.size() + (value.user != null ? 1 : 0));
      ByteArrayOutputStream section = new ByteArrayOutputStream(32);
      DataOutputStream sectionData = new DataOutputStream(section);
      for (int i = 0; i < rules.size(); i++) {
        section.reset();
        ((FraudRule) rules.get(i)).writeMemory(value.memories[i], sectionData);
        sectionData.flush();
        data.writeUTF(RuleRegistry.ALL.get(rules.get(i).index()).key());
        data.writeInt(section.size());
        section.writeTo(data);
      }
      if (value.user != null) {
        section.reset();
        io.realtimepipelines.fraud.user.UserKeyState.StateCoder.of().encode(value.user, section);
        data.writeUTF(USER_SECTION);
        data.writeInt(section.size());
        section.writeTo(data);
      }
      data.flush();
      ByteArrayCoder.of().encode(bytes.toByteArray(), out);
    }

    @Override
    public KeyState decode(InputStream in) throws IOException {
      byte[] bytes = ByteArrayCoder.of().decode(in);
      DataInputStream data = new DataInputStream(new ByteArrayInputStream(bytes));
      int first = bytes.length == 0 ? -1 : bytes[0] & 0xff;
      if (first == FORMAT) {
        data.readByte();
        return readFormat1(data);
      }
      // Layout 0 began with lastSeen's high byte: 0x00 for any time from 1970 to the year
      // 2 million, 0x80 for none (Long.MIN_VALUE), 0xff before 1970.
      if (first == 0x00 || first == 0x80 || first == 0xff) {
        return readLayout0(data);
      }
      throw new CoderException(
          "unknown fraud " + stage + " key state format " + first + ", expected " + FORMAT);
    }

    private KeyState readFormat1(DataInputStream data) throws IOException {
      KeyState s = fresh(stage);
      s.lastSeen = data.readLong();
      List<FraudRule<?>> rules = RuleRegistry.prototypes(stage);
      int n = data.readUnsignedShort();
      for (int k = 0; k < n; k++) {
        String key = data.readUTF();
        byte[] section = new byte[data.readInt()];
        data.readFully(section);
        if (USER_SECTION.equals(key)) {
          s.user =
              io.realtimepipelines.fraud.user.UserKeyState.StateCoder.of()
                  .decode(new ByteArrayInputStream(section));
          continue;
        }
        for (int i = 0; i < rules.size(); i++) {
          if (RuleRegistry.ALL.get(rules.get(i).index()).key().equals(key)) {
            s.memories[i] =
                rules.get(i).readMemory(new DataInputStream(new ByteArrayInputStream(section)));
          }
        }
      }
      return s;
    }

    /**
     * Layout 0 (no version byte; written until the rules became one class each): the fields of the
     * stage's rules in one fixed order, the per-card lists shared by velocity and card testing.
     * Read into the rules' own memories.
     */
    private KeyState readLayout0(DataInputStream in) throws IOException {
      KeyState s = fresh(stage);
      s.lastSeen = in.readLong();
      switch (stage) {
        case IP -> copy(TimedAmounts.read(in), s.memory(IpBurst.class));
        case MERCHANT -> copy(TimedAmounts.read(in), s.memory(CompromisedMerchant.class));
        case ACCOUNT -> {
          Velocity.Memory velocity = s.memory(Velocity.class);
          copy(TimedAmounts.read(in), velocity.account);
          copy(TimedAmounts.read(in), s.memory(AmountAnomaly.class));
          s.<CompromisedAccount.Memory>memory(CompromisedAccount.class).lastReport = in.readLong();
          CardTimes cardTesting = s.memory(CardTesting.class);
          ImpossibleTravel.Memory travel = s.memory(ImpossibleTravel.class);
          int cards = in.readInt();
          for (int i = 0; i < cards; i++) {
            String card = in.readUTF();
            TimedAmounts recent = TimedAmounts.read(in);
            copy(recent, velocity.cards.of(card));
            copy(recent, cardTesting.of(card));
            long time = in.readLong();
            double lat = in.readDouble();
            double lon = in.readDouble();
            if (time != Long.MIN_VALUE) {
              travel.cards.put(card, new ImpossibleTravel.Location(time, lat, lon));
            }
          }
        }
        default -> throw new CoderException("no key state in stage " + stage);
      }
      return s;
    }

    private static void copy(TimedAmounts from, TimedAmounts to) {
      for (int i = 0; i < from.size(); i++) {
        to.add(from.time(i), from.amount(i));
      }
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof StateCoder && ((StateCoder) o).stage == stage;
    }

    @Override
    public int hashCode() {
      return stage.hashCode();
    }
  }
}
