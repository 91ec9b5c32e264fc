package io.realtimepipelines.fraud;

import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules, grouped by the key whose history they need: per IP, per account (with its cards)
 * and per merchant. Each method evaluates the rules against the key's state as it was before the
 * event, then adds the event to the state. Events of one key must be applied in event-time order;
 * the reference model and the pipeline both do, so both give the same findings.
 */
public final class FraudStages {
  private static final double EARTH_RADIUS_KM = 6371.0088;
  private static final long DAY_MS = 86_400_000L;

  private FraudStages() {}

  /** IP burst: several high-value purchases from one IP within minutes. */
  public static List<Finding> ip(KeyState.Ip state, Transaction t, FraudRules r) {
    long now = t.getTimestamp().getMillis();
    state.lastSeen = Math.max(state.lastSeen, now);
    long window = r.ipBurstWindowSeconds * 1000;
    state.highValue.pruneBefore(now - window + 1);
    boolean high = t.getAmount().compareTo(r.ipBurstMinAmount) >= 0;
    List<Finding> out = new ArrayList<>(1);
    if (high) {
      state.highValue.add(now, t.getAmount().doubleValue());
      int count = state.highValue.size();
      if (r.ipBurst.enabled && count >= r.ipBurstCount && t.getIp() != null) {
        long span = now - state.highValue.time(0);
        out.add(new Finding(RuleId.IP_BURST,
            count + " purchases >= " + Texts.money(r.ipBurstMinAmount) + " from IP " + t.getIp()
                + " within " + Texts.duration(span) + "; limit " + (r.ipBurstCount - 1) + " in "
                + Texts.windowSeconds(r.ipBurstWindowSeconds)));
      }
    }
    return out;
  }

  /**
   * Per account: velocity (account and card), card testing, amount anomaly, impossible travel and
   * compromised account.
   */
  public static List<Finding> account(KeyState.Account state, Transaction t, FraudRules r) {
    long now = t.getTimestamp().getMillis();
    state.lastSeen = Math.max(state.lastSeen, now);
    double amount = t.getAmount().doubleValue();
    List<Finding> out = new ArrayList<>(2);

    long velocityWindow = r.velocityWindowSeconds * 1000;
    state.recent.pruneBefore(now - velocityWindow + 1);
    state.recent.add(now, amount);
    if (r.velocity.enabled && state.recent.size() > r.velocityMaxPerAccount) {
      out.add(new Finding(RuleId.VELOCITY,
          state.recent.size() + " transactions on the account within "
              + Texts.windowSeconds(r.velocityWindowSeconds) + "; limit " + r.velocityMaxPerAccount));
    }

    KeyState.Card card = null;
    if (t.getCardId() != null) {
      card = state.cards.computeIfAbsent(t.getCardId(), k -> new KeyState.Card());
      long cardWindow = Math.max(velocityWindow, r.cardTestingWithinSeconds * 1000);
      card.recent.pruneBefore(now - cardWindow + 1);
      int inVelocityWindow = 1;
      int tiny = 0;
      long firstTiny = now;
      for (int i = 0; i < card.recent.size(); i++) {
        long ti = card.recent.time(i);
        if (ti > now - velocityWindow) {
          inVelocityWindow++;
        }
        if (ti >= now - r.cardTestingWithinSeconds * 1000
            && card.recent.amount(i) <= r.cardTestingTinyAmount.doubleValue()) {
          tiny++;
          firstTiny = Math.min(firstTiny, ti);
        }
      }
      if (r.velocity.enabled && inVelocityWindow > r.velocityMaxPerCard) {
        out.add(new Finding(RuleId.VELOCITY,
            inVelocityWindow + " transactions on this card within "
                + Texts.windowSeconds(r.velocityWindowSeconds) + "; limit " + r.velocityMaxPerCard));
      }
      if (r.cardTesting.enabled
          && tiny >= r.cardTestingTinyCount
          && t.getAmount().compareTo(r.cardTestingLargeAmount) >= 0) {
        out.add(new Finding(RuleId.CARD_TESTING,
            tiny + " transactions <= " + Texts.money(r.cardTestingTinyAmount) + " on this card, then "
                + Texts.money(t.getAmount()) + " " + Texts.duration(now - firstTiny)
                + " after the first; pattern: " + r.cardTestingTinyCount + " tiny then >= "
                + Texts.money(r.cardTestingLargeAmount) + " within "
                + Texts.windowSeconds(r.cardTestingWithinSeconds)));
      }
      card.recent.add(now, amount);

      if (t.getLat() != null && t.getLon() != null) {
        if (r.impossibleTravel.enabled && card.locationTime != Long.MIN_VALUE) {
          double km = distanceKm(card.lat, card.lon, t.getLat(), t.getLon());
          long dt = now - card.locationTime;
          double hours = Math.max(dt, 1) / 3_600_000.0;
          double speed = km / hours;
          if (km >= r.impossibleTravelMinDistanceKm && speed > r.impossibleTravelMaxSpeedKmh) {
            out.add(new Finding(RuleId.IMPOSSIBLE_TRAVEL,
                Math.round(km) + " km from this card's previous transaction "
                    + Texts.duration(dt) + " earlier: " + Math.round(speed) + " km/h; limit "
                    + Math.round(r.impossibleTravelMaxSpeedKmh) + " km/h"));
          }
        }
        if (now >= card.locationTime) {
          card.locationTime = now;
          card.lat = t.getLat();
          card.lon = t.getLon();
        }
      }
    }

    if (r.highAmount.enabled && t.getAmount().compareTo(r.highAmountThreshold) >= 0) {
      out.add(new Finding(RuleId.HIGH_AMOUNT,
          "amount " + Texts.money(t.getAmount()) + " >= " + Texts.money(r.highAmountThreshold)));
    }

    int n = state.history.size();
    if (r.amountAnomaly.enabled
        && n >= r.amountAnomalyMinHistory
        && t.getAmount().compareTo(r.amountAnomalyMinAmount) >= 0) {
      double median = median(state.history);
      if (median > 0 && amount >= r.amountAnomalyRatioToMedian * median) {
        out.add(new Finding(RuleId.AMOUNT_ANOMALY,
            "amount " + Texts.money(t.getAmount()) + " is " + ratio(amount / median)
                + "x the account's median " + Texts.money(median) + " over its last " + n
                + " transactions; limit " + ratio(r.amountAnomalyRatioToMedian) + "x"));
      }
    }
    state.history.add(now, amount);
    if (state.history.size() > r.amountAnomalyHistorySize) {
      dropOldest(state.history, state.history.size() - r.amountAnomalyHistorySize);
    }

    if (r.compromisedAccount.enabled && state.lastFraudReport != Long.MIN_VALUE
        && now >= state.lastFraudReport
        && now - state.lastFraudReport <= r.compromisedAccountDays * DAY_MS) {
      out.add(new Finding(RuleId.COMPROMISED_ACCOUNT,
          "confirmed fraud on this account reported " + Texts.duration(now - state.lastFraudReport)
              + " earlier; watched for " + r.compromisedAccountDays + " d"));
    }
    return out;
  }

  /** A fraud report about one of the account's transactions. */
  public static void accountFeedback(KeyState.Account state, FraudFeedback f) {
    long at = f.getTimestamp().getMillis();
    state.lastSeen = Math.max(state.lastSeen, at);
    if (f.getFraud()) {
      state.lastFraudReport = Math.max(state.lastFraudReport, at);
    }
  }

  /** Compromised merchant: confirmed frauds reported on the merchant within the period. */
  public static List<Finding> merchant(KeyState.Merchant state, Transaction t, FraudRules r) {
    long now = t.getTimestamp().getMillis();
    state.lastSeen = Math.max(state.lastSeen, now);
    long period = r.compromisedMerchantDays * DAY_MS;
    state.reports.pruneBefore(now - period);
    int reports = 0;
    long newest = Long.MIN_VALUE;
    for (int i = 0; i < state.reports.size(); i++) {
      if (state.reports.time(i) <= now) {
        reports++;
        newest = Math.max(newest, state.reports.time(i));
      }
    }
    List<Finding> out = new ArrayList<>(1);
    if (r.compromisedMerchant.enabled && reports >= r.compromisedMerchantMinReports) {
      out.add(new Finding(RuleId.COMPROMISED_MERCHANT,
          reports + " confirmed fraud report" + (reports == 1 ? "" : "s") + " on merchant "
              + t.getMerchantId() + " in the last " + r.compromisedMerchantDays + " d, newest "
              + Texts.duration(now - newest) + " ago; limit " + (r.compromisedMerchantMinReports - 1)));
    }
    return out;
  }

  /** A fraud report about one of the merchant's transactions. */
  public static void merchantFeedback(KeyState.Merchant state, FraudFeedback f) {
    long at = f.getTimestamp().getMillis();
    state.lastSeen = Math.max(state.lastSeen, at);
    if (f.getFraud()) {
      state.reports.add(at, 1);
    }
  }

  /** Blocklists of the rules file: stateless. */
  public static List<Finding> blocklist(Transaction t, FraudRules r) {
    return blocklist(t, Enrichment.NONE, r);
  }

  /**
   * Blocklists: stateless. A value is blocked when the rules file lists it or the lookup found it
   * on an external blocklist ({@code e}); either way one finding per blocked value.
   */
  public static List<Finding> blocklist(Transaction t, Enrichment e, FraudRules r) {
    List<Finding> out = new ArrayList<>(1);
    if (!r.blocklist.enabled) {
      return out;
    }
    if (e.accountBlocked() || r.blockedAccounts.contains(t.getAccountId())) {
      out.add(new Finding(RuleId.BLOCKLIST, "account " + t.getAccountId() + " is on the blocklist"));
    }
    if (t.getCardId() != null && (e.cardBlocked() || r.blockedCards.contains(t.getCardId()))) {
      out.add(new Finding(RuleId.BLOCKLIST, "the card is on the blocklist"));
    }
    if (t.getIp() != null && (e.ipBlocked() || r.blockedIps.contains(t.getIp()))) {
      out.add(new Finding(RuleId.BLOCKLIST, "IP " + t.getIp() + " is on the blocklist"));
    }
    if (t.getDeviceId() != null && (e.deviceBlocked() || r.blockedDevices.contains(t.getDeviceId()))) {
      out.add(new Finding(RuleId.BLOCKLIST, "device " + t.getDeviceId() + " is on the blocklist"));
    }
    return out;
  }

  /**
   * Account profile: stateless. Fires when the account's risk tier is HIGH, or when the payment
   * comes from a country other than the account's home country (both known).
   */
  public static List<Finding> accountProfile(Transaction t, Enrichment e, FraudRules r) {
    List<Finding> out = new ArrayList<>(1);
    if (!r.accountProfile.enabled) {
      return out;
    }
    if (Enrichment.HIGH_RISK.equals(e.riskTier())) {
      out.add(new Finding(RuleId.ACCOUNT_PROFILE, "account " + t.getAccountId()
          + " has risk tier HIGH in its profile"));
    }
    if (e.homeCountry() != null && t.getCountry() != null
        && !e.homeCountry().equalsIgnoreCase(t.getCountry())) {
      out.add(new Finding(RuleId.ACCOUNT_PROFILE, "payment from " + t.getCountry()
          + ", outside the account's home country " + e.homeCountry()));
    }
    return out;
  }

  /** True when a key's state may be dropped: no event for {@code stateTtlDays}. */
  public static boolean expired(KeyState state, long now, FraudRules r) {
    return state.lastSeen != Long.MIN_VALUE && now - state.lastSeen > r.stateTtlDays * DAY_MS;
  }

  static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  static double median(TimedAmounts values) {
    double[] v = new double[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.amount(i);
    }
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  private static void dropOldest(TimedAmounts values, int count) {
    values.dropFirst(count);
  }

  private static String ratio(double r) {
    return r >= 10 ? Long.toString(Math.round(r)) : Double.toString(Math.round(r * 10) / 10.0);
  }
}
