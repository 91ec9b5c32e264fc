package io.realtimepipelines.fraud.user;

import io.realtimepipelines.model.CompactEncoding;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.TransactionCoder;
import io.realtimepipelines.model.VersionedCoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the user-rules step remembers per key: the time of the key's newest transaction and, per
 * keyed user rule living under the key, its memory with the signature it was built under.
 */
public final class UserKeyState {
  /** Event time (ms) of the key's newest transaction. */
  public long lastSeen = Long.MIN_VALUE;

  final Map<String, Object> memories = new LinkedHashMap<>();

  /** Format 1: lastSeen, then per rule its id, kind, signature and memory. */
  public static final class StateCoder extends VersionedCoder<UserKeyState> {
    private static final long serialVersionUID = 1L;
    private static final StateCoder INSTANCE = new StateCoder();

    private StateCoder() {
      super("fraud user-rule key state", 1);
    }

    public static StateCoder of() {
      return INSTANCE;
    }

    @Override
    protected void write(CompactEncoding.Writer w, UserKeyState s) {
      w.writeLong(s.lastSeen);
      w.writeVarLong(s.memories.size());
      for (Map.Entry<String, Object> e : s.memories.entrySet()) {
        w.writeString(e.getKey());
        if (e.getValue() instanceof UserRule.AggregateMemory) {
          UserRule.AggregateMemory m = (UserRule.AggregateMemory) e.getValue();
          w.writeByte(0);
          w.writeString(m.signature);
          w.writeVarLong(m.size());
          for (int i = m.start; i < m.end; i++) {
            w.writeLong(m.times[i]);
            w.writeDouble(m.numbers[i]);
            w.writeString(m.values[i] == null ? "" : m.values[i]);
            w.writeByte(m.values[i] == null ? 0 : 1);
          }
          double[] history = m.orderedHistory();
          w.writeVarLong(m.history.length);
          w.writeVarLong(history.length);
          for (double h : history) {
            w.writeDouble(h);
          }
        } else {
          UserRule.SequenceMemory m = (UserRule.SequenceMemory) e.getValue();
          w.writeByte(1);
          w.writeString(m.signature);
          w.writeVarLong(m.firsts.size());
          for (Transaction t : m.firsts) {
            w.writeBytes(encode(t));
          }
        }
      }
    }

    @Override
    protected UserKeyState read(CompactEncoding.Reader r) throws IOException {
      UserKeyState s = new UserKeyState();
      s.lastSeen = r.readLong();
      int n = r.readLength();
      for (int k = 0; k < n; k++) {
        String id = r.readString();
        int kind = r.readByte();
        String signature = r.readString();
        if (kind == 0) {
          UserRule.AggregateMemory m = new UserRule.AggregateMemory(signature);
          int size = r.readLength();
          for (int i = 0; i < size; i++) {
            long time = r.readLong();
            double number = r.readDouble();
            String value = r.readString();
            boolean present = r.readByte() != 0;
            m.add(time, number, present ? value : null, Integer.MAX_VALUE);
          }
          int capacity = r.readLength();
          int count = r.readLength();
          m.history = new double[capacity];
          for (int i = 0; i < count; i++) {
            m.history[i] = r.readDouble();
          }
          m.historyCount = count;
          m.historyNext = capacity == 0 ? 0 : count % capacity;
          s.memories.put(id, m);
        } else {
          UserRule.SequenceMemory m = new UserRule.SequenceMemory(signature);
          int size = r.readLength();
          for (int i = 0; i < size; i++) {
            m.firsts.add(decode(r.readBytes()));
          }
          s.memories.put(id, m);
        }
      }
      return s;
    }

    private static byte[] encode(Transaction t) {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        TransactionCoder.of().encode(t, out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static Transaction decode(byte[] bytes) throws IOException {
      return TransactionCoder.of().decode(new ByteArrayInputStream(bytes));
    }
  }
}
