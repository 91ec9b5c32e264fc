package io.realtimepipelines.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Instant;

/**
 * The hand-written {@link TransactionCoder} against every transaction the model allows, generated
 * by jqwik: any text a valid UTF-8 payload can carry (outside the Basic Multilingual Plane too),
 * each optional field present or absent, amounts with any scale, coordinates and instants across
 * their ranges. A failure is shrunk to a minimal transaction that breaks it.
 */
class TransactionCoderPropertiesTest {
  private static final TransactionCoder CODER = TransactionCoder.of();

  @Property(tries = 2000)
  void everyTransactionRoundTripsWithItsScaleAndEncodesDeterministically(
      @ForAll("transactions") Transaction t) throws Exception {
    Transaction copy = CoderUtils.clone(CODER, t);
    assertEquals(t, copy);
    assertEquals(t.getAmount().scale(), copy.getAmount().scale(), "the amount's scale is kept");
    CoderProperties.coderDecodeEncodeEqual(CODER, t);
    CoderProperties.coderDeterministic(CODER, t, t.toBuilder().build());
  }

  @Provide
  Arbitrary<Transaction> transactions() {
    Arbitrary<String> required = text(1);
    Arbitrary<String> optional = text(0).injectNull(0.3);
    Arbitrary<BigDecimal> amounts =
        Arbitraries.longs()
            .between(1, 1_000_000_000_000L)
            .flatMap(
                unscaled ->
                    Arbitraries.integers()
                        .between(0, 6)
                        .map(scale -> new BigDecimal(BigInteger.valueOf(unscaled), scale)));
    Arbitrary<String> currencies =
        Arbitraries.oneOf(
            Arbitraries.just("USD"), Arbitraries.strings().withCharRange('A', 'Z').ofLength(3));
    Arbitrary<Instant> instants =
        Arbitraries.longs()
            .between(
                Instant.parse("2000-01-01T00:00:00Z").getMillis(),
                Instant.parse("2100-01-01T00:00:00Z").getMillis())
            .map(Instant::new);
    return Builders.withBuilder(Transaction::builder)
        .use(required)
        .in(Transaction.Builder::setTxnId)
        .use(required)
        .in(Transaction.Builder::setAccountId)
        .use(optional)
        .in(Transaction.Builder::setCardId)
        .use(amounts)
        .in(Transaction.Builder::setAmount)
        .use(currencies)
        .in(Transaction.Builder::setCurrency)
        .use(required)
        .in(Transaction.Builder::setMerchantId)
        .use(optional)
        .in(Transaction.Builder::setMerchantCategory)
        .use(optional)
        .in(Transaction.Builder::setIp)
        .use(optional)
        .in(Transaction.Builder::setDeviceId)
        .use(optional)
        .in(Transaction.Builder::setCountry)
        .use(
            Combinators.combine(
                    Arbitraries.doubles().between(-90, 90),
                    Arbitraries.doubles().between(-180, 180))
                .as(Position::new)
                .injectNull(0.3))
        .in((b, p) -> p == null ? b : b.setLat(p.lat).setLon(p.lon))
        .use(instants)
        .in(Transaction.Builder::setTimestamp)
        .use(attributes())
        .in(Transaction.Builder::setAttributes)
        .build(Transaction.Builder::build);
  }

  private record Position(double lat, double lon) {}

  /** None in half the cases; else up to 5 of numbers (NaN and infinities included), text, flags. */
  private static Arbitrary<Attributes> attributes() {
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            Arbitraries.doubles()
                .withSpecialValue(Double.NaN)
                .withSpecialValue(Double.NEGATIVE_INFINITY)
                .map(d -> (Object) d),
            text(0).map(t -> (Object) t),
            Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<Attributes> some = Arbitraries.maps(text(1), value).ofMaxSize(5).map(Attributes::of);
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(Attributes.EMPTY)), Tuple.of(1, some));
  }

  /**
   * Text a UTF-8 payload can carry: characters of the Basic Multilingual Plane without unpaired
   * surrogates, sometimes with a character beyond it (a surrogate pair) appended.
   */
  private static Arbitrary<String> text(int minLength) {
    Arbitrary<String> bmp =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uD7FF')
            .withCharRange('\uE000', '\uFFFD')
            .ofMinLength(minLength)
            .ofMaxLength(40);
    Arbitrary<String> beyond =
        Arbitraries.integers()
            .between(0x10000, 0x10FFFF)
            .map(cp -> new String(Character.toChars(cp)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, bmp),
        net.jqwik.api.Tuple.of(
            1, net.jqwik.api.Combinators.combine(bmp, beyond).as(String::concat)));
  }
}
