package io.realtimepipelines.pricing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What pricing remembers per product between events. Bounded: clicks are aggregated into one bucket
 * per event-time minute and buckets older than {@code baselineWindowMinutes} are dropped, so a
 * product holds at most that many buckets; competitors keep only their latest price and are dropped
 * once older than {@code competitor.maxAgeMinutes}.
 *
 * <p>Mutated only by {@link PricingStages}; encoded by {@link #coder()}.
 */
public final class ProductState {
  /**
   * Event time (ms) of the product's first event of any kind; the baseline never reaches back
   * further.
   */
  long firstSeen = Long.MIN_VALUE;

  /** Views, purchase events and purchased units per event-time minute, oldest first. */
  final MinuteBuckets buckets = new MinuteBuckets();

  /** Last stock count, or -1 when none was seen. */
  long stock = -1;

  /** Event time (ms) of the last stock count. */
  long stockTime = Long.MIN_VALUE;

  /** Units purchased at or after {@link #stockTime}. */
  long unitsSinceStock;

  /** Latest observation per competitor. */
  final TreeMap<String, Quote> competitors = new TreeMap<>();

  /** Price set by the last change, or null while the catalog base price applies. */
  @Nullable BigDecimal currentPrice;

  /** Event time (ms) of the last change, or Long.MIN_VALUE when none. */
  long lastChange = Long.MIN_VALUE;

  /** The price now charged: the last change's price, or {@code basePrice} before any change. */
  public BigDecimal currentPrice(CatalogEntry entry) {
    return currentPrice != null ? currentPrice : entry.getBasePrice();
  }

  /** A competitor's price and when it was observed. */
  static final class Quote {
    final BigDecimal price;
    final long time;

    Quote(BigDecimal price, long time) {
      this.price = price;
      this.time = time;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Quote && ((Quote) o).price.equals(price) && ((Quote) o).time == time;
    }

    @Override
    public int hashCode() {
      return Objects.hash(price, time);
    }
  }

  /** Per-minute counters, sorted by minute, at most one entry per minute. */
  static final class MinuteBuckets {
    private long[] minutes = new long[8];
    private int[] views = new int[8];
    private int[] purchases = new int[8];
    private long[] units = new long[8];
    private int size;

    int size() {
      return size;
    }

    void add(long minute, int viewCount, int purchaseCount, long unitCount) {
      int i = size - 1;
      while (i >= 0 && minutes[i] > minute) {
        i--;
      }
      if (i >= 0 && minutes[i] == minute) {
        views[i] += viewCount;
        purchases[i] += purchaseCount;
        units[i] += unitCount;
        return;
      }
      int at = i + 1;
      if (size == minutes.length) {
        int n = size * 2;
        minutes = Arrays.copyOf(minutes, n);
        views = Arrays.copyOf(views, n);
        purchases = Arrays.copyOf(purchases, n);
        units = Arrays.copyOf(units, n);
      }
      int tail = size - at;
      System.arraycopy(minutes, at, minutes, at + 1, tail);
      System.arraycopy(views, at, views, at + 1, tail);
      System.arraycopy(purchases, at, purchases, at + 1, tail);
      System.arraycopy(units, at, units, at + 1, tail);
      minutes[at] = minute;
      views[at] = viewCount;
      purchases[at] = purchaseCount;
      units[at] = unitCount;
      size++;
    }

    /** Drops the buckets of minutes before {@code oldestKept}. */
    void pruneBefore(long oldestKept) {
      int drop = 0;
      while (drop < size && minutes[drop] < oldestKept) {
        drop++;
      }
      if (drop == 0) {
        return;
      }
      int n = size - drop;
      System.arraycopy(minutes, drop, minutes, 0, n);
      System.arraycopy(views, drop, views, 0, n);
      System.arraycopy(purchases, drop, purchases, 0, n);
      System.arraycopy(units, drop, units, 0, n);
      size = n;
    }

    /**
     * {views, purchases, units} summed over the minutes from {@code from} to {@code to}, inclusive.
     */
    long[] sum(long from, long to) {
      long[] s = new long[3];
      for (int i = 0; i < size; i++) {
        if (minutes[i] >= from && minutes[i] <= to) {
          s[0] += views[i];
          s[1] += purchases[i];
          s[2] += units[i];
        }
      }
      return s;
    }

    void write(DataOutputStream out) throws IOException {
      out.writeInt(size);
      for (int i = 0; i < size; i++) {
        out.writeLong(minutes[i]);
        out.writeInt(views[i]);
        out.writeInt(purchases[i]);
        out.writeLong(units[i]);
      }
    }

    void readInto(DataInputStream in) throws IOException {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        add(in.readLong(), in.readInt(), in.readInt(), in.readLong());
      }
    }

    boolean sameAs(MinuteBuckets o) {
      return size == o.size
          && Arrays.equals(minutes, 0, size, o.minutes, 0, size)
          && Arrays.equals(views, 0, size, o.views, 0, size)
          && Arrays.equals(purchases, 0, size, o.purchases, 0, size)
          && Arrays.equals(units, 0, size, o.units, 0, size);
    }
  }

  /** Drops competitor observations older than {@code oldestKept} (ms). */
  void pruneCompetitors(long oldestKept) {
    for (Iterator<Quote> it = competitors.values().iterator(); it.hasNext(); ) {
      if (it.next().time < oldestKept) {
        it.remove();
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProductState)) {
      return false;
    }
    ProductState s = (ProductState) o;
    return firstSeen == s.firstSeen
        && buckets.sameAs(s.buckets)
        && stock == s.stock
        && stockTime == s.stockTime
        && unitsSinceStock == s.unitsSinceStock
        && competitors.equals(s.competitors)
        && Objects.equals(currentPrice, s.currentPrice)
        && lastChange == s.lastChange;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        firstSeen,
        buckets.size(),
        stock,
        stockTime,
        competitors.keySet(),
        currentPrice,
        lastChange);
  }

  @Override
  public String toString() {
    return "ProductState{firstSeen="
        + firstSeen
        + ", buckets="
        + buckets.size()
        + ", stock="
        + stock
        + "@"
        + stockTime
        + ", unitsSinceStock="
        + unitsSinceStock
        + ", competitors="
        + competitors.keySet()
        + ", currentPrice="
        + currentPrice
        + ", lastChange="
        + lastChange
        + "}";
  }

  /** The compact, deterministic binary coder of {@link ProductState}. */
  public static StateCoder coder() {
    return StateCoder.INSTANCE;
  }

  /**
   * Format version byte, then fixed-width fields; prices as scale and unscaled bytes, so equal
   * states always encode to equal bytes. No Java serialization.
   */
  public static final class StateCoder extends CustomCoder<ProductState> {
    private static final long serialVersionUID = 1L;
    private static final StateCoder INSTANCE = new StateCoder();
    private static final int FORMAT = 1;

    private StateCoder() {}

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public void encode(ProductState s, OutputStream out) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      DataOutputStream d = new DataOutputStream(bytes);
      d.writeByte(FORMAT);
      d.writeLong(s.firstSeen);
      s.buckets.write(d);
      d.writeLong(s.stock);
      d.writeLong(s.stockTime);
      d.writeLong(s.unitsSinceStock);
      d.writeInt(s.competitors.size());
      for (Map.Entry<String, Quote> e : s.competitors.entrySet()) {
        d.writeUTF(e.getKey());
        writeDecimal(d, e.getValue().price);
        d.writeLong(e.getValue().time);
      }
      d.writeBoolean(s.currentPrice != null);
      if (s.currentPrice != null) {
        writeDecimal(d, s.currentPrice);
      }
      d.writeLong(s.lastChange);
      d.flush();
      ByteArrayCoder.of().encode(bytes.toByteArray(), out);
    }

    @Override
    public ProductState decode(InputStream in) throws IOException {
      DataInputStream d =
          new DataInputStream(new ByteArrayInputStream(ByteArrayCoder.of().decode(in)));
      int format = d.readUnsignedByte();
      if (format != FORMAT) {
        throw new IOException("unknown ProductState format " + format + ", expected " + FORMAT);
      }
      ProductState s = new ProductState();
      s.firstSeen = d.readLong();
      s.buckets.readInto(d);
      s.stock = d.readLong();
      s.stockTime = d.readLong();
      s.unitsSinceStock = d.readLong();
      int n = d.readInt();
      for (int i = 0; i < n; i++) {
        String name = d.readUTF();
        BigDecimal price = readDecimal(d);
        s.competitors.put(name, new Quote(price, d.readLong()));
      }
      if (d.readBoolean()) {
        s.currentPrice = readDecimal(d);
      }
      s.lastChange = d.readLong();
      return s;
    }

    private static void writeDecimal(DataOutputStream d, BigDecimal v) throws IOException {
      byte[] unscaled = v.unscaledValue().toByteArray();
      d.writeInt(v.scale());
      d.writeShort(unscaled.length);
      d.write(unscaled);
    }

    private static BigDecimal readDecimal(DataInputStream d) throws IOException {
      int scale = d.readInt();
      byte[] unscaled = new byte[d.readUnsignedShort()];
      d.readFully(unscaled);
      return new BigDecimal(new BigInteger(unscaled), scale);
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof StateCoder;
    }

    @Override
    public int hashCode() {
      return StateCoder.class.hashCode();
    }
  }
}
