package io.realtimepipelines.fraud;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One-off: writes the key states of KeyStateLegacyTest with the coder of layout 0 (no version byte). */
public final class WriteLegacyStateFixture {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    KeyState.Ip ip = new KeyState.Ip();
    ip.lastSeen = 1_795_000_300_000L;
    ip.highValue.add(1_795_000_000_000L, 600.0);
    ip.highValue.add(1_795_000_300_000L, 750.5);

    KeyState.Account acct = new KeyState.Account();
    acct.lastSeen = 1_795_000_600_000L;
    acct.recent.add(1_795_000_500_000L, 1.0);
    acct.recent.add(1_795_000_600_000L, 1899.0);
    acct.history.add(1_795_000_100_000L, 30.0);
    acct.history.add(1_795_000_500_000L, 1.0);
    acct.history.add(1_795_000_600_000L, 1899.0);
    acct.lastFraudReport = 1_794_900_000_000L;
    KeyState.Card c1 = new KeyState.Card();
    c1.recent.add(1_795_000_500_000L, 1.0);
    c1.recent.add(1_795_000_600_000L, 1899.0);
    c1.locationTime = 1_795_000_600_000L;
    c1.lat = 48.8566;
    c1.lon = 2.3522;
    acct.cards.put("card-1", c1);
    KeyState.Card c2 = new KeyState.Card();
    c2.recent.add(1_795_000_100_000L, 30.0);
    acct.cards.put("card-2", c2);

    KeyState.Merchant m = new KeyState.Merchant();
    m.lastSeen = 1_795_000_000_000L;
    m.reports.add(1_794_800_000_000L, 1);
    m.reports.add(1_794_900_000_000L, 1);

    write(dir.resolve("ip.bin"), KeyState.StateCoder.ip(), ip);
    write(dir.resolve("account.bin"), KeyState.StateCoder.account(), acct);
    write(dir.resolve("merchant.bin"), KeyState.StateCoder.merchant(), m);
  }

  private static <S extends KeyState> void write(Path p, KeyState.StateCoder<S> coder, S s)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    coder.encode(s, out);
    Files.write(p, out.toByteArray());
  }
}
