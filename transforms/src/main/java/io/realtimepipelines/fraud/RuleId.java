package io.realtimepipelines.fraud;

/** The fraud rules, with the id used in decisions and in the rules file. */
public enum RuleId {
  IP_BURST("ip_burst"),
  VELOCITY("velocity"),
  CARD_TESTING("card_testing"),
  HIGH_AMOUNT("high_amount"),
  AMOUNT_ANOMALY("amount_anomaly"),
  IMPOSSIBLE_TRAVEL("impossible_travel"),
  COMPROMISED_MERCHANT("compromised_merchant"),
  COMPROMISED_ACCOUNT("compromised_account"),
  BLOCKLIST("blocklist"),
  ACCOUNT_PROFILE("account_profile");

  private final String id;

  RuleId(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The switches and weight of this rule in a configuration. */
  public FraudRules.RuleSwitch in(FraudRules rules) {
    switch (this) {
      case IP_BURST:
        return rules.ipBurst;
      case VELOCITY:
        return rules.velocity;
      case CARD_TESTING:
        return rules.cardTesting;
      case HIGH_AMOUNT:
        return rules.highAmount;
      case AMOUNT_ANOMALY:
        return rules.amountAnomaly;
      case IMPOSSIBLE_TRAVEL:
        return rules.impossibleTravel;
      case COMPROMISED_MERCHANT:
        return rules.compromisedMerchant;
      case COMPROMISED_ACCOUNT:
        return rules.compromisedAccount;
      case BLOCKLIST:
        return rules.blocklist;
      case ACCOUNT_PROFILE:
        return rules.accountProfile;
      default:
        throw new IllegalArgumentException(name());
    }
  }

  public static RuleId fromId(String id) {
    for (RuleId r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown rule id " + id);
  }
}
