package io.realtimepipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Hand-written, deterministic coder of {@link Transaction} for the hot paths of the fraud job: its
 * schema coder converts every element to a {@code Row} and back. {@link Transaction} keeps its
 * schema; use this coder where no schema transform reads the collection.
 *
 * <p>Format ({@link CompactEncoding}): a flags byte (bits 0 to 6: cardId, merchantCategory, ip,
 * deviceId, country, lat, lon present; bit 7: currency is USD and is not written), then txnId,
 * accountId, cardId?, amount, currency?, merchantId, merchantCategory?, ip?, deviceId?, country?,
 * lat?, lon?, timestamp. A transaction with {@link Attributes} starts with the byte {@code 0x20}
 * instead (lat without lon, which no transaction has), then the flags byte and the fields as above,
 * then the attributes: a count, and per attribute in name order its name, a type byte (0 number, 1
 * string, 2 boolean) and its value. So a transaction without attributes is written exactly as
 * before attributes existed, and bytes written by earlier releases (in state and savepoints) read
 * unchanged.
 *
 * <p>Kept hand-written because it is measurably faster: encoding and decoding a transaction and its
 * decision took 330 to 520 ns with these coders against 1,200 ns with the schema coders
 * (BENCHMARKS.md, fraud tuning step 3).
 */
public final class TransactionCoder extends CustomCoder<Transaction> {
  private static final TransactionCoder INSTANCE = new TransactionCoder();
  private static final String USD = "USD";

  private static final int CARD = 1;
  private static final int MERCHANT_CATEGORY = 1 << 1;
  private static final int IP = 1 << 2;
  private static final int DEVICE = 1 << 3;
  private static final int COUNTRY = 1 << 4;
  private static final int LAT = 1 << 5;
  private static final int LON = 1 << 6;
  private static final int CURRENCY_USD = 1 << 7;

  /** First byte of a transaction with attributes: LAT without LON, impossible as flags. */
  static final int WITH_ATTRIBUTES = LAT;

  private static final int NUMBER = 0;
  private static final int STRING = 1;
  private static final int BOOLEAN = 2;

  private TransactionCoder() {}

  public static TransactionCoder of() {
    return INSTANCE;
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public void encode(Transaction t, OutputStream out) throws IOException {
    String card = t.getCardId();
    String category = t.getMerchantCategory();
    String ip = t.getIp();
    String device = t.getDeviceId();
    String country = t.getCountry();
    Double lat = t.getLat();
    Double lon = t.getLon();
    boolean usd = USD.equals(t.getCurrency());
    int flags =
        (card != null ? CARD : 0)
            | (category != null ? MERCHANT_CATEGORY : 0)
            | (ip != null ? IP : 0)
            | (device != null ? DEVICE : 0)
            | (country != null ? COUNTRY : 0)
            | (lat != null ? LAT : 0)
            | (lon != null ? LON : 0)
            | (usd ? CURRENCY_USD : 0);
    Attributes attributes = t.getAttributes();
    CompactEncoding.Writer w = CompactEncoding.writer();
    try {
      if (!attributes.isEmpty()) {
        w.writeByte(WITH_ATTRIBUTES);
      }
      w.writeByte(flags);
      w.writeString(t.getTxnId());
      w.writeString(t.getAccountId());
      if (card != null) {
        w.writeString(card);
      }
      w.writeDecimal(t.getAmount());
      if (!usd) {
        w.writeString(t.getCurrency());
      }
      w.writeString(t.getMerchantId());
      if (category != null) {
        w.writeString(category);
      }
      if (ip != null) {
        w.writeString(ip);
      }
      if (device != null) {
        w.writeString(device);
      }
      if (country != null) {
        w.writeString(country);
      }
      if (lat != null) {
        w.writeDouble(lat);
      }
      if (lon != null) {
        w.writeDouble(lon);
      }
      w.writeInstant(t.getTimestamp());
      if (!attributes.isEmpty()) {
        writeAttributes(w, attributes);
      }
      w.writeTo(out);
    } finally {
      w.release();
    }
  }

  @Override
  public Transaction decode(InputStream in) throws IOException {
    CompactEncoding.Reader r = CompactEncoding.reader(in);
    try {
      int flags = r.readByte();
      boolean withAttributes = flags == WITH_ATTRIBUTES;
      if (withAttributes) {
        flags = r.readByte();
      }
      Transaction.Builder b = Transaction.builder();
      b.setTxnId(r.readString());
      b.setAccountId(r.readString());
      if ((flags & CARD) != 0) {
        b.setCardId(r.readString());
      }
      b.setAmount(r.readDecimal());
      b.setCurrency((flags & CURRENCY_USD) != 0 ? USD : r.readString());
      b.setMerchantId(r.readString());
      if ((flags & MERCHANT_CATEGORY) != 0) {
        b.setMerchantCategory(r.readString());
      }
      if ((flags & IP) != 0) {
        b.setIp(r.readString());
      }
      if ((flags & DEVICE) != 0) {
        b.setDeviceId(r.readString());
      }
      if ((flags & COUNTRY) != 0) {
        b.setCountry(r.readString());
      }
      if ((flags & LAT) != 0) {
        b.setLat(r.readDouble());
      }
      if ((flags & LON) != 0) {
        b.setLon(r.readDouble());
      }
      b.setTimestamp(r.readInstant());
      if (withAttributes) {
        b.setAttributes(readAttributes(r));
      }
      return b.build();
    } finally {
      r.release();
    }
  }

  private static void writeAttributes(CompactEncoding.Writer w, Attributes a) {
    w.writeVarLong(a.size());
    for (java.util.Map.Entry<String, Object> e : a.asMap().entrySet()) {
      w.writeString(e.getKey());
      Object v = e.getValue();
      if (v instanceof Double) {
        w.writeByte(NUMBER);
        w.writeDouble((Double) v);
      } else if (v instanceof String) {
        w.writeByte(STRING);
        w.writeString((String) v);
      } else {
        w.writeByte(BOOLEAN);
        w.writeByte((Boolean) v ? 1 : 0);
      }
    }
  }

  private static Attributes readAttributes(CompactEncoding.Reader r) throws IOException {
    int n = r.readLength();
    java.util.Map<String, Double> numbers = new java.util.TreeMap<>();
    java.util.Map<String, String> strings = new java.util.TreeMap<>();
    java.util.Map<String, Boolean> flags = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      String name = r.readString();
      int type = r.readByte();
      switch (type) {
        case NUMBER -> numbers.put(name, r.readDouble());
        case STRING -> strings.put(name, r.readString());
        case BOOLEAN -> flags.put(name, r.readByte() != 0);
        default -> throw new CoderException("unknown attribute type " + type + " of " + name);
      }
    }
    return Attributes.create(numbers, strings, flags);
  }

  /** Deterministic: equal transactions encode to equal bytes (one NaN, scale kept). */
  @Override
  public void verifyDeterministic() {}
}
