package io.realtimepipelines.fraud;

import static io.realtimepipelines.testing.Events.minute;
import static io.realtimepipelines.testing.Events.txn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.fraud.rules.AmountAnomaly;
import io.realtimepipelines.fraud.rules.CardTesting;
import io.realtimepipelines.fraud.rules.CardTimes;
import io.realtimepipelines.fraud.rules.CompromisedAccount;
import io.realtimepipelines.fraud.rules.CompromisedMerchant;
import io.realtimepipelines.fraud.rules.ImpossibleTravel;
import io.realtimepipelines.fraud.rules.IpBurst;
import io.realtimepipelines.fraud.rules.NewDevice;
import io.realtimepipelines.fraud.rules.Velocity;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.junit.jupiter.api.Test;

/**
 * The key-state coders carry a format version and read the state an earlier release wrote. The
 * files under {@code fraud/keystate-layout0/} were written by the coder of layout 0 (no version
 * byte; commit ad776e9 holds the program, {@code WriteLegacyStateFixture}, and the values below).
 */
class KeyStateCoderTest {

  private static KeyState read(RuleStage stage, String file) throws Exception {
    try (InputStream in =
        KeyStateCoderTest.class.getResourceAsStream("/fraud/keystate-layout0/" + file)) {
      return KeyState.StateCoder.of(stage).decode(in);
    }
  }

  private static void assertTimes(TimedAmounts t, long[] times, double[] amounts) {
    assertEquals(times.length, t.size());
    for (int i = 0; i < times.length; i++) {
      assertEquals(times[i], t.time(i));
      assertEquals(amounts[i], t.amount(i));
    }
  }

  @Test
  void ipStateOfLayout0IsReadIntoTheIpBurstMemory() throws Exception {
    KeyState s = read(RuleStage.IP, "ip.bin");
    assertEquals(1_795_000_300_000L, s.lastSeen);
    assertTimes(
        s.memory(IpBurst.class),
        new long[] {1_795_000_000_000L, 1_795_000_300_000L},
        new double[] {600.0, 750.5});
  }

  @Test
  void accountStateOfLayout0IsReadIntoEachRulesMemory() throws Exception {
    KeyState s = read(RuleStage.ACCOUNT, "account.bin");
    assertEquals(1_795_000_600_000L, s.lastSeen);
    Velocity.Memory v = s.memory(Velocity.class);
    assertTimes(
        v.account, new long[] {1_795_000_500_000L, 1_795_000_600_000L}, new double[] {1.0, 1899.0});
    assertTimes(
        v.cards.cards.get("card-1"),
        new long[] {1_795_000_500_000L, 1_795_000_600_000L},
        new double[] {1.0, 1899.0});
    assertTimes(v.cards.cards.get("card-2"), new long[] {1_795_000_100_000L}, new double[] {30.0});
    CardTimes ct = s.memory(CardTesting.class);
    assertTimes(
        ct.cards.get("card-1"),
        new long[] {1_795_000_500_000L, 1_795_000_600_000L},
        new double[] {1.0, 1899.0});
    assertTimes(
        s.memory(AmountAnomaly.class),
        new long[] {1_795_000_100_000L, 1_795_000_500_000L, 1_795_000_600_000L},
        new double[] {30.0, 1.0, 1899.0});
    assertEquals(
        1_794_900_000_000L,
        s.<CompromisedAccount.Memory>memory(CompromisedAccount.class).lastReport);
    ImpossibleTravel.Memory travel = s.memory(ImpossibleTravel.class);
    assertEquals(1_795_000_600_000L, travel.cards.get("card-1").time);
    assertEquals(48.8566, travel.cards.get("card-1").lat);
    assertEquals(2.3522, travel.cards.get("card-1").lon);
    assertNull(travel.cards.get("card-2"), "card-2 had no location");
    assertTrue(s.<NewDevice.Memory>memory(NewDevice.class).devices.isEmpty(), "a rule new since");
  }

  @Test
  void merchantStateOfLayout0IsReadIntoTheCompromisedMerchantMemory() throws Exception {
    KeyState s = read(RuleStage.MERCHANT, "merchant.bin");
    assertEquals(1_795_000_000_000L, s.lastSeen);
    assertTimes(
        s.memory(CompromisedMerchant.class),
        new long[] {1_794_800_000_000L, 1_794_900_000_000L},
        new double[] {1, 1});
  }

  @Test
  void userRulesKeyedLikeTheStageKeepTheirMemoryInItsStateThroughTheCoder() throws Exception {
    FraudRules rules =
        FraudRules.parse(
            "{\"version\":\"u\",\"userRules\":[{\"id\":\"n\",\"kind\":\"aggregate\","
                + "\"weight\":10,\"groupBy\":[\"accountId\"],\"windowSeconds\":3600,"
                + "\"aggregate\":\"count\",\"op\":\">=\",\"limit\":3,"
                + "\"reason\":\"{value} in {window}\"}]}");
    KeyState s = KeyState.fresh(RuleStage.ACCOUNT);
    KeyState.StateCoder coder = KeyState.StateCoder.of(RuleStage.ACCOUNT);
    List<Finding> found = List.of();
    for (int i = 0; i < 3; i++) {
      Transaction t = txn("t" + i).account("acct-1").amount("5").at(minute(i)).build();
      found = FraudStages.onTransaction(s, t, Enrichment.NONE, rules);
      s = org.apache.beam.sdk.util.CoderUtils.clone(coder, s);
    }
    assertEquals("n: 3 in 1 h", found.get(0).toString(), "counted across three round trips");
    assertTrue(
        rules.userRules.partKeys(txn("x").account("acct-1").build()).isEmpty(),
        "an account-keyed rule needs no step of its own");
  }

  @Test
  void stateWrittenNowStartsWithItsFormatAndReadsBackToTheSameBytes() throws Exception {
    KeyState s = KeyState.fresh(RuleStage.ACCOUNT);
    FraudRules rules = FraudRules.defaults();
    FraudStages.onFeedback(s, FraudFeedback.of("r", "acct-1", "m-1", true, minute(0)), rules);
    for (Transaction t :
        List.of(
            txn("a").amount("1.00").device("dev-1").location(48.8566, 2.3522).at(minute(1)).build(),
            txn("b").amount("900").device("dev-2").card("card-2").at(minute(2)).build())) {
      FraudStages.onTransaction(s, t, Enrichment.NONE, rules);
    }
    byte[] bytes = encode(s);
    assertEquals(
        KeyState.StateCoder.FORMAT,
        ByteArrayCoder.of().decode(new ByteArrayInputStream(bytes))[0],
        "the format byte first");
    KeyState back =
        KeyState.StateCoder.of(RuleStage.ACCOUNT).decode(new ByteArrayInputStream(bytes));
    assertArrayEquals(bytes, encode(back));
    assertEquals(List.of("dev-1", "dev-2"), back.<NewDevice.Memory>memory(NewDevice.class).devices);
  }

  @Test
  void anUnknownFormatIsRefusedNotMisread() {
    byte[] bytes = {9, 7, 0, 0, 0, 0, 0, 0, 0, 0};
    CoderException e =
        assertThrows(
            CoderException.class,
            () -> KeyState.StateCoder.of(RuleStage.IP).decode(new ByteArrayInputStream(bytes)));
    assertTrue(e.getMessage().contains("format 7"), e.getMessage());
  }

  private static byte[] encode(KeyState s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    KeyState.StateCoder.of(s.stage).encode(s, out);
    return out.toByteArray();
  }
}
