package io.realtimepipelines.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.testing.Testdata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class TransactionCoderTest {
  private static final TransactionCoder CODER = TransactionCoder.of();

  private static Transaction.Builder minimal() {
    return Transaction.builder()
        .setTxnId("t1")
        .setAccountId("a1")
        .setAmount(new BigDecimal("12.50"))
        .setMerchantId("m1")
        .setTimestamp(Instant.parse("2026-11-23T10:15:30.123Z"));
  }

  private static Transaction full() {
    return minimal()
        .setCardId("card-1")
        .setMerchantCategory("5411")
        .setIp("198.51.100.19")
        .setDeviceId("dev-1")
        .setCountry("US")
        .setLat(40.7194)
        .setLon(-73.9417)
        .build();
  }

  /** Round trip, equal bytes for an equal copy, all contexts (CoderProperties). */
  private static void assertRoundTrips(Transaction t) throws Exception {
    Transaction copy = CoderUtils.clone(CODER, t);
    assertEquals(t, copy);
    assertEquals(t.getAmount().scale(), copy.getAmount().scale(), "scale is kept");
    CoderProperties.coderDecodeEncodeEqual(CODER, t);
    CoderProperties.coderDeterministic(CODER, t, t.toBuilder().build());
  }

  private static Coder<Transaction> schemaCoder() throws Exception {
    return SchemaRegistry.createDefault().getSchemaCoder(Transaction.class);
  }

  @Test
  void everyTestdataTransactionRoundTripsAndReadsLikeTheSchemaCoder() throws Exception {
    List<Transaction> txns = Testdata.transactions();
    assertTrue(txns.size() >= 50, "testdata/transactions*.jsonl parsed to " + txns.size());
    Coder<Transaction> schema = schemaCoder();
    for (Transaction t : txns) {
      assertRoundTrips(t);
      assertEquals(CoderUtils.clone(schema, t), CoderUtils.clone(CODER, t), t.getTxnId());
    }
  }

  @Test
  void everyNullableFieldMayBeAbsentAloneOrAllTogether() throws Exception {
    assertRoundTrips(minimal().build());
    Transaction full = full();
    assertRoundTrips(full);
    assertRoundTrips(full.toBuilder().setCardId(null).build());
    assertRoundTrips(full.toBuilder().setMerchantCategory(null).build());
    assertRoundTrips(full.toBuilder().setIp(null).build());
    assertRoundTrips(full.toBuilder().setDeviceId(null).build());
    assertRoundTrips(full.toBuilder().setCountry(null).build());
    assertRoundTrips(full.toBuilder().setLat(null).setLon(null).build());
    assertThrows(
        IllegalArgumentException.class, () -> full.toBuilder().setLat(null).build(), "lon alone");
  }

  @Test
  void attributesRoundTripAndLeaveTransactionsWithoutThemAsBefore() throws Exception {
    Transaction full = full();
    Transaction with =
        full.toBuilder()
            .setAttributes(
                Attributes.of(
                    java.util.Map.of(
                        "type", "TRANSFER", "balanceBefore", 9000.5, "verified", true)))
            .build();
    assertRoundTrips(with);
    assertRoundTrips(minimal().setAttributes(Attributes.of(java.util.Map.of("x", -0.0))).build());
    byte[] without = CoderUtils.encodeToByteArray(CODER, full);
    byte[] withBytes = CoderUtils.encodeToByteArray(CODER, with);
    assertEquals(TransactionCoder.WITH_ATTRIBUTES, withBytes[0] & 0xff);
    assertEquals(
        java.util.Arrays.toString(without),
        java.util.Arrays.toString(java.util.Arrays.copyOfRange(withBytes, 1, without.length + 1)),
        "with attributes: the marker, then the bytes of the transaction without them");
    assertEquals(CoderUtils.clone(schemaCoder(), with), with, "the schema coder keeps them too");
  }

  @Test
  void amountsKeepValueAndScale() throws Exception {
    List<BigDecimal> amounts =
        new ArrayList<>(
            List.of(
                new BigDecimal("0"),
                new BigDecimal("0.00"),
                new BigDecimal("-12.34"),
                new BigDecimal("1039.3000000000002"),
                new BigDecimal("0.000000000000123456789"), // scale 21
                new BigDecimal("1E+5"), // negative scale
                new BigDecimal("123456789012345678901234567890.123456789"), // unscaled > 64 bits
                new BigDecimal("-98765432109876543210987654321098765432.1"),
                new BigDecimal(BigInteger.ONE.shiftLeft(200), 40)));
    for (long unscaled : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 1}) {
      amounts.add(BigDecimal.valueOf(unscaled, 2));
    }
    // Just past the long range on either side: the length-prefixed form.
    amounts.add(new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), 3));
    amounts.add(new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), 3));
    amounts.add(new BigDecimal(BigInteger.TEN, Integer.MAX_VALUE));
    amounts.add(new BigDecimal(BigInteger.TEN, Integer.MIN_VALUE));
    for (BigDecimal a : amounts) {
      assertRoundTrips(minimal().setAmount(a).build());
    }
  }

  @Test
  void instantsFromTheMinimumToTheMaximum() throws Exception {
    for (Instant at :
        List.of(
            new Instant(0),
            new Instant(-1),
            Instant.parse("2999-12-31T23:59:59.999Z"),
            BoundedWindow.TIMESTAMP_MIN_VALUE,
            BoundedWindow.TIMESTAMP_MAX_VALUE,
            new Instant(Long.MAX_VALUE),
            new Instant(Long.MIN_VALUE))) {
      assertRoundTrips(minimal().setTimestamp(at).build());
    }
  }

  @Test
  void doublesKeepTheirBits() throws Exception {
    double[] values = {
      0.0,
      -0.0,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      -90,
      180
    };
    for (double v : values) {
      Transaction t = minimal().setLat(v).setLon(-v).build();
      assertRoundTrips(t);
      assertEquals(
          Double.doubleToRawLongBits(v),
          Double.doubleToRawLongBits(CoderUtils.clone(CODER, t).getLat()));
    }
  }

  @Test
  void unicodeLongAndEmptyStringsAndOtherCurrencies() throws Exception {
    char[] big = new char[100_000];
    Arrays.fill(big, 'é');
    assertRoundTrips(
        full().toBuilder()
            .setTxnId("tx-Zürich-東京-💳")
            .setAccountId("")
            .setCardId("ÿ\u0080\u07FF\u0800\uFFFF")
            .setCurrency("EUR")
            .setMerchantId(new String(big))
            .setMerchantCategory("x".repeat(70_000))
            .setDeviceId("𝔡𝔢𝔳")
            .build());
    assertRoundTrips(minimal().setCurrency("").build());
    assertRoundTrips(minimal().setCurrency("usd").build());
    // The per-thread buffer is reused after a large value.
    assertRoundTrips(full());
  }

  @Test
  void usdIsTheSharedConstantAfterDecoding() throws Exception {
    assertSame("USD", CoderUtils.clone(CODER, full()).getCurrency());
  }

  @Test
  void isDeterministicSerializableAndASingleton() throws Exception {
    CODER.verifyDeterministic();
    CoderProperties.coderSerializable(CODER);
    assertSame(CODER, SerializableUtils.clone(CODER));
    assertSame(CODER, Transaction.coder());
  }

  @Test
  void aTypicalTransactionIsSmallerThanWithTheSchemaCoder() throws Exception {
    Coder<Transaction> schema = schemaCoder();
    long ours = 0;
    long theirs = 0;
    for (Transaction t : Testdata.transactions()) {
      int a = CoderUtils.encodeToByteArray(CODER, t).length;
      int b = CoderUtils.encodeToByteArray(schema, t).length;
      assertTrue(a < b, t.getTxnId() + ": " + a + " bytes, schema coder " + b);
      ours += a;
      theirs += b;
    }
    assertTrue(ours < theirs, ours + " vs " + theirs);
  }

  @Test
  void truncatedInputFailsInsteadOfInventingFields() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(CODER, full());
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThrows(EOFException.class, () -> CODER.decode(new ByteArrayInputStream(cut)), "" + n);
    }
  }

  @Test
  void valuesFollowEachOtherInOneStream() throws Exception {
    List<Transaction> txns = Testdata.transactions();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Transaction t : txns) {
      CODER.encode(t, out);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    for (Transaction t : txns) {
      assertEquals(t, CODER.decode(in));
    }
    assertEquals(-1, in.read());
    assertArrayEquals(out.toByteArray(), reencode(txns));
  }

  @Test
  void aWriterOrReaderInUseIsNotHandedOutAgainOnTheSameThread() throws Exception {
    CompactEncoding.Writer outer = CompactEncoding.writer();
    try {
      outer.writeString("outer");
      byte[] inner = CoderUtils.encodeToByteArray(CODER, full());
      assertEquals(full(), CoderUtils.decodeFromByteArray(CODER, inner));
      outer.writeString("still outer");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      outer.writeTo(out);
      CompactEncoding.Reader reader =
          CompactEncoding.reader(new ByteArrayInputStream(out.toByteArray()));
      try {
        assertEquals("outer", reader.readString());
        assertEquals(full(), CoderUtils.decodeFromByteArray(CODER, inner));
        assertEquals("still outer", reader.readString());
      } finally {
        reader.release();
      }
    } finally {
      outer.release();
    }
  }

  private static byte[] reencode(List<Transaction> txns) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Transaction t : txns) {
      CODER.encode(CoderUtils.clone(CODER, t), out);
    }
    return out.toByteArray();
  }
}
