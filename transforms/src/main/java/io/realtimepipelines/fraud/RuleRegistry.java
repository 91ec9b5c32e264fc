package io.realtimepipelines.fraud;

import io.realtimepipelines.fraud.rules.AccountProfile;
import io.realtimepipelines.fraud.rules.AmountAnomaly;
import io.realtimepipelines.fraud.rules.Blocklist;
import io.realtimepipelines.fraud.rules.CardTesting;
import io.realtimepipelines.fraud.rules.CompromisedAccount;
import io.realtimepipelines.fraud.rules.CompromisedMerchant;
import io.realtimepipelines.fraud.rules.HighAmount;
import io.realtimepipelines.fraud.rules.ImpossibleTravel;
import io.realtimepipelines.fraud.rules.IpBurst;
import io.realtimepipelines.fraud.rules.NewDevice;
import io.realtimepipelines.fraud.rules.Velocity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every fraud rule, one line each: its key under {@code rules} in the rules file, its id in
 * decisions, its class. The order is the order of reasons in a decision, and a finding travels
 * between stages as its position here: add new rules at the end.
 */
public final class RuleRegistry {
  /** One registered rule. */
  public record Entry(String key, String id, Supplier<FraudRule<?>> prototype) {}

  public static final List<Entry> ALL =
      List.of(
          new Entry("ipBurst", "ip_burst", IpBurst::new),
          new Entry("velocity", "velocity", Velocity::new),
          new Entry("cardTesting", "card_testing", CardTesting::new),
          new Entry("highAmount", "high_amount", HighAmount::new),
          new Entry("amountAnomaly", "amount_anomaly", AmountAnomaly::new),
          new Entry("impossibleTravel", "impossible_travel", ImpossibleTravel::new),
          new Entry("compromisedMerchant", "compromised_merchant", CompromisedMerchant::new),
          new Entry("compromisedAccount", "compromised_account", CompromisedAccount::new),
          new Entry("blocklist", "blocklist", Blocklist::new),
          new Entry("accountProfile", "account_profile", AccountProfile::new),
          new Entry("newDevice", "new_device", NewDevice::new));

  /** Unbound instances, by stage in registry order: what a key's memory is made of. */
  private static final Map<RuleStage, List<FraudRule<?>>> PROTOTYPES =
      new EnumMap<>(RuleStage.class);

  static {
    for (RuleStage s : RuleStage.values()) {
      PROTOTYPES.put(s, new ArrayList<>());
    }
    for (int i = 0; i < ALL.size(); i++) {
      FraudRule<?> rule = ALL.get(i).prototype().get();
      rule.bind(i);
      PROTOTYPES.get(rule.stage()).add(rule);
    }
  }

  private RuleRegistry() {}

  /** The registry position of the rule with id {@code id}. */
  public static int index(String id) {
    for (int i = 0; i < ALL.size(); i++) {
      if (ALL.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown rule id " + id);
  }

  /** The rules of {@code stage}, unbound, in registry order (the layout of a key's memory). */
  static List<FraudRule<?>> prototypes(RuleStage stage) {
    return PROTOTYPES.get(stage);
  }
}
