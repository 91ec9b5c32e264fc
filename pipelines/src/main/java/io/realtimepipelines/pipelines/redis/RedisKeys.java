package io.realtimepipelines.pipelines.redis;

import java.io.Serializable;

/**
 * The Redis key layout, under one prefix (default {@code rtp:}). The README lists every key with
 * its fields and TTL; this class is the only place that spells them.
 *
 * <ul>
 *   <li>{@code <prefix>fraud:account:<accountId>}: hash, the latest decision on the account
 *   <li>{@code <prefix>price:<productId>}: hash, the product's current price
 *   <li>{@code <prefix>blocklist:accounts|cards|ips|devices}: sets of blocked values
 *   <li>{@code <prefix>profile:account:<accountId>}: hash, the account's profile
 *   <li>{@code <prefix>catalog:<productId>}: hash, the product's catalogue entry
 *   <li>{@code <prefix>recs:session:<sessionKey>}: hash, the session's current recommendations
 *   <li>{@code <prefix>recs:item:<productId>}: hash, the item's neighbours and complements
 *   <li>{@code <prefix>monitor:series:<source>:<metric>}: hash, the series' latest window
 *       statistics
 *   <li>{@code <prefix>monitor:alert:<source>:<metric>:<rule>}: hash, the rule's latest alert state
 * </ul>
 */
public final class RedisKeys implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String prefix;

  public RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  public String fraudAccount(String accountId) {
    return prefix + "fraud:account:" + accountId;
  }

  public String price(String productId) {
    return prefix + "price:" + productId;
  }

  public String blockedAccounts() {
    return prefix + "blocklist:accounts";
  }

  public String blockedCards() {
    return prefix + "blocklist:cards";
  }

  public String blockedIps() {
    return prefix + "blocklist:ips";
  }

  public String blockedDevices() {
    return prefix + "blocklist:devices";
  }

  public String accountProfile(String accountId) {
    return prefix + "profile:account:" + accountId;
  }

  public String catalog(String productId) {
    return prefix + "catalog:" + productId;
  }

  public String sessionRecs(String sessionKey) {
    return prefix + "recs:session:" + sessionKey;
  }

  public String itemNeighbours(String productId) {
    return prefix + "recs:item:" + productId;
  }

  /** Latest NEWS2 of a patient (the pseudonym when the vitals job pseudonymises). */
  public String vitalsNews2(String patientId) {
    return prefix + "vitals:news2:" + patientId;
  }

  public String monitorSeries(String source, String metric) {
    return prefix + "monitor:series:" + source + ":" + metric;
  }

  public String monitorAlert(String source, String metric, String rule) {
    return prefix + "monitor:alert:" + source + ":" + metric + ":" + rule;
  }
}
