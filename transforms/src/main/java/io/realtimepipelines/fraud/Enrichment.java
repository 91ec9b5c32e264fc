package io.realtimepipelines.fraud;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What an external lookup (e.g. Redis, done by the pipeline) knows about a transaction before it is
 * scored: whether its account, card, IP or device is on a blocklist, and the account's profile
 * (home country, risk tier). It travels with the transaction through {@link ScoreFraud}; the
 * blocklist and account-profile rules read it. {@link #NONE} means "nothing known".
 */
public final class Enrichment implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No blocklist hit, no profile. */
  public static final Enrichment NONE = new Enrichment(false, false, false, false, null, null);

  /** The risk tier of an account profile that makes the account-profile rule fire. */
  public static final String HIGH_RISK = "HIGH";

  private final boolean accountBlocked;
  private final boolean cardBlocked;
  private final boolean ipBlocked;
  private final boolean deviceBlocked;
  private final @Nullable String homeCountry;
  private final @Nullable String riskTier;

  private Enrichment(
      boolean accountBlocked,
      boolean cardBlocked,
      boolean ipBlocked,
      boolean deviceBlocked,
      @Nullable String homeCountry,
      @Nullable String riskTier) {
    this.accountBlocked = accountBlocked;
    this.cardBlocked = cardBlocked;
    this.ipBlocked = ipBlocked;
    this.deviceBlocked = deviceBlocked;
    this.homeCountry = homeCountry;
    this.riskTier = riskTier;
  }

  /** Blocklist hits only. */
  public static Enrichment blocked(boolean account, boolean card, boolean ip, boolean device) {
    return new Enrichment(account, card, ip, device, null, null);
  }

  /**
   * This enrichment with the account's profile: its ISO 3166 alpha-2 home country and its risk tier
   * ({@code LOW}, {@code NORMAL}, {@code HIGH}; compared case-insensitively), each optional.
   */
  public Enrichment withProfile(@Nullable String country, @Nullable String tier) {
    return new Enrichment(
        accountBlocked,
        cardBlocked,
        ipBlocked,
        deviceBlocked,
        blankToNull(country) == null ? null : country.trim().toUpperCase(Locale.ROOT),
        blankToNull(tier) == null ? null : tier.trim().toUpperCase(Locale.ROOT));
  }

  /** The account is on the external account blocklist. */
  public boolean accountBlocked() {
    return accountBlocked;
  }

  /** The card is on the external card blocklist. */
  public boolean cardBlocked() {
    return cardBlocked;
  }

  /** The IP is on the external IP blocklist. */
  public boolean ipBlocked() {
    return ipBlocked;
  }

  /** The device is on the external device blocklist. */
  public boolean deviceBlocked() {
    return deviceBlocked;
  }

  /** The account's home country (ISO 3166 alpha-2, upper case), when its profile says. */
  public @Nullable String homeCountry() {
    return homeCountry;
  }

  /** The account's risk tier, upper case, when its profile says. */
  public @Nullable String riskTier() {
    return riskTier;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Enrichment)) {
      return false;
    }
    Enrichment e = (Enrichment) o;
    return accountBlocked == e.accountBlocked
        && cardBlocked == e.cardBlocked
        && ipBlocked == e.ipBlocked
        && deviceBlocked == e.deviceBlocked
        && Objects.equals(homeCountry, e.homeCountry)
        && Objects.equals(riskTier, e.riskTier);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        accountBlocked, cardBlocked, ipBlocked, deviceBlocked, homeCountry, riskTier);
  }

  @Override
  public String toString() {
    return "Enrichment{blocked="
        + (accountBlocked ? "A" : "")
        + (cardBlocked ? "C" : "")
        + (ipBlocked ? "I" : "")
        + (deviceBlocked ? "D" : "")
        + ", homeCountry="
        + homeCountry
        + ", riskTier="
        + riskTier
        + "}";
  }

  /** A flags byte, then the two optional strings. Deterministic. */
  public static final class EnrichmentCoder extends CustomCoder<Enrichment> {
    private static final EnrichmentCoder INSTANCE = new EnrichmentCoder();

    public static EnrichmentCoder of() {
      return INSTANCE;
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public void encode(Enrichment e, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      int flags =
          (e.accountBlocked ? 1 : 0)
              | (e.cardBlocked ? 2 : 0)
              | (e.ipBlocked ? 4 : 0)
              | (e.deviceBlocked ? 8 : 0)
              | (e.homeCountry != null ? 16 : 0)
              | (e.riskTier != null ? 32 : 0);
      data.writeByte(flags);
      if (e.homeCountry != null) {
        data.writeUTF(e.homeCountry);
      }
      if (e.riskTier != null) {
        data.writeUTF(e.riskTier);
      }
      data.flush();
    }

    @Override
    public Enrichment decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int flags = data.readUnsignedByte();
      String country = (flags & 16) != 0 ? data.readUTF() : null;
      String tier = (flags & 32) != 0 ? data.readUTF() : null;
      return new Enrichment(
          (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, country, tier);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
