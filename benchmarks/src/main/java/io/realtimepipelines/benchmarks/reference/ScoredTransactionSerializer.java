package io.realtimepipelines.benchmarks.reference;

import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.RuleRegistry;
import io.realtimepipelines.model.Attributes;
import io.realtimepipelines.model.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.joda.time.Instant;

/**
 * Flink serializer of {@link ScoredTransaction}, written by hand because {@link Transaction} is an
 * AutoValue class (no POJO) and Kryo's reflective copy of it would be both slower and fragile.
 * Format: a flags byte (card, merchant category, IP, device, country, location, non-USD currency,
 * attributes present), the fields (strings as Flink's {@link StringValue} writes them, as its own
 * string serializer does), the amount as scale and unscaled bytes, the event time in ms, the line's
 * offset, then the findings (built-in or user rule, rule id, sentence). Only used between the steps
 * of one batch run, so it carries no format version.
 */
final class ScoredTransactionSerializer extends TypeSerializerSingleton<ScoredTransaction> {
  static final ScoredTransactionSerializer INSTANCE = new ScoredTransactionSerializer();

  /** What to pass where Flink asks for the type of a stream of scored transactions. */
  static final TypeInformation<ScoredTransaction> TYPE = new Type();

  private static final long serialVersionUID = 1L;
  private static final String USD = "USD";
  private static final int CARD = 1;
  private static final int CATEGORY = 1 << 1;
  private static final int IP = 1 << 2;
  private static final int DEVICE = 1 << 3;
  private static final int COUNTRY = 1 << 4;
  private static final int LOCATION = 1 << 5;
  private static final int OTHER_CURRENCY = 1 << 6;
  private static final int ATTRIBUTES = 1 << 7;
  private static final Set<String> BUILT_IN_IDS =
      RuleRegistry.ALL.stream().map(RuleRegistry.Entry::id).collect(Collectors.toUnmodifiableSet());

  private ScoredTransactionSerializer() {}

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public ScoredTransaction createInstance() {
    // Immutable: nothing to reuse.
    return null;
  }

  @Override
  public ScoredTransaction copy(ScoredTransaction from) {
    return from;
  }

  @Override
  public ScoredTransaction copy(ScoredTransaction from, ScoredTransaction reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ScoredTransaction s, DataOutputView out) throws IOException {
    Transaction t = s.txn;
    Attributes attributes = t.getAttributes();
    boolean usd = USD.equals(t.getCurrency());
    int flags =
        (t.getCardId() != null ? CARD : 0)
            | (t.getMerchantCategory() != null ? CATEGORY : 0)
            | (t.getIp() != null ? IP : 0)
            | (t.getDeviceId() != null ? DEVICE : 0)
            | (t.getCountry() != null ? COUNTRY : 0)
            | (t.getLat() != null ? LOCATION : 0)
            | (usd ? 0 : OTHER_CURRENCY)
            | (attributes.isEmpty() ? 0 : ATTRIBUTES);
    out.writeByte(flags);
    StringValue.writeString(t.getTxnId(), out);
    StringValue.writeString(t.getAccountId(), out);
    StringValue.writeString(t.getMerchantId(), out);
    if (t.getCardId() != null) {
      StringValue.writeString(t.getCardId(), out);
    }
    if (t.getMerchantCategory() != null) {
      StringValue.writeString(t.getMerchantCategory(), out);
    }
    if (t.getIp() != null) {
      StringValue.writeString(t.getIp(), out);
    }
    if (t.getDeviceId() != null) {
      StringValue.writeString(t.getDeviceId(), out);
    }
    if (t.getCountry() != null) {
      StringValue.writeString(t.getCountry(), out);
    }
    if (t.getLat() != null) {
      out.writeDouble(t.getLat());
      out.writeDouble(t.getLon());
    }
    if (!usd) {
      StringValue.writeString(t.getCurrency(), out);
    }
    BigDecimal amount = t.getAmount();
    byte[] unscaled = amount.unscaledValue().toByteArray();
    out.writeInt(amount.scale());
    out.writeByte(unscaled.length);
    out.write(unscaled);
    out.writeLong(t.getTimestamp().getMillis());
    if (!attributes.isEmpty()) {
      writeStrings(out, attributes.getStrings());
      out.writeInt(attributes.getNumbers().size());
      for (Map.Entry<String, Double> e : attributes.getNumbers().entrySet()) {
        StringValue.writeString(e.getKey(), out);
        out.writeDouble(e.getValue());
      }
      out.writeInt(attributes.getFlags().size());
      for (Map.Entry<String, Boolean> e : attributes.getFlags().entrySet()) {
        StringValue.writeString(e.getKey(), out);
        out.writeBoolean(e.getValue());
      }
    }
    out.writeLong(s.offset);
    out.writeInt(s.findings.size());
    for (Finding f : s.findings) {
      String id = f.ruleId();
      out.writeBoolean(BUILT_IN_IDS.contains(id));
      StringValue.writeString(id, out);
      StringValue.writeString(f.text(), out);
    }
  }

  @Override
  public ScoredTransaction deserialize(DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    Transaction.Builder b =
        Transaction.builder()
            .setTxnId(StringValue.readString(in))
            .setAccountId(StringValue.readString(in))
            .setMerchantId(StringValue.readString(in));
    if ((flags & CARD) != 0) {
      b.setCardId(StringValue.readString(in));
    }
    if ((flags & CATEGORY) != 0) {
      b.setMerchantCategory(StringValue.readString(in));
    }
    if ((flags & IP) != 0) {
      b.setIp(StringValue.readString(in));
    }
    if ((flags & DEVICE) != 0) {
      b.setDeviceId(StringValue.readString(in));
    }
    if ((flags & COUNTRY) != 0) {
      b.setCountry(StringValue.readString(in));
    }
    if ((flags & LOCATION) != 0) {
      b.setLat(in.readDouble()).setLon(in.readDouble());
    }
    if ((flags & OTHER_CURRENCY) != 0) {
      b.setCurrency(StringValue.readString(in));
    }
    int scale = in.readInt();
    byte[] unscaled = new byte[in.readUnsignedByte()];
    in.readFully(unscaled);
    b.setAmount(new BigDecimal(new BigInteger(unscaled), scale));
    b.setTimestamp(new Instant(in.readLong()));
    if ((flags & ATTRIBUTES) != 0) {
      Map<String, String> strings = readStrings(in);
      Map<String, Double> numbers = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        numbers.put(StringValue.readString(in), in.readDouble());
      }
      Map<String, Boolean> bools = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        bools.put(StringValue.readString(in), in.readBoolean());
      }
      b.setAttributes(Attributes.create(numbers, strings, bools));
    }
    long offset = in.readLong();
    int n = in.readInt();
    if (n == 0) {
      return new ScoredTransaction(b.build(), offset, List.of());
    }
    List<Finding> findings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean builtIn = in.readBoolean();
      String id = StringValue.readString(in);
      String text = StringValue.readString(in);
      findings.add(builtIn ? Finding.of(id, text) : Finding.user(id, text));
    }
    return new ScoredTransaction(b.build(), offset, Collections.unmodifiableList(findings));
  }

  @Override
  public ScoredTransaction deserialize(ScoredTransaction reuse, DataInputView in)
      throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<ScoredTransaction> snapshotConfiguration() {
    return new Snapshot();
  }

  private static void writeStrings(DataOutputView out, Map<String, String> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      StringValue.writeString(e.getKey(), out);
      StringValue.writeString(e.getValue(), out);
    }
  }

  private static Map<String, String> readStrings(DataInputView in) throws IOException {
    Map<String, String> m = new TreeMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      m.put(StringValue.readString(in), StringValue.readString(in));
    }
    return m;
  }

  /** Restores the (stateless) serializer; Flink instantiates it by name. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ScoredTransaction> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** The type of a stream of scored transactions: always {@link #INSTANCE}. */
  private static final class Type extends TypeInformation<ScoredTransaction> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<ScoredTransaction> getTypeClass() {
      return ScoredTransaction.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TypeSerializer<ScoredTransaction> createSerializer(SerializerConfig config) {
      return INSTANCE;
    }

    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<ScoredTransaction> createSerializer(ExecutionConfig config) {
      return INSTANCE;
    }

    @Override
    public String toString() {
      return "ScoredTransaction";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Type;
    }

    @Override
    public int hashCode() {
      return Type.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
      return o instanceof Type;
    }
  }
}
