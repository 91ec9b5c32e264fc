package io.realtimepipelines.fraud;

import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.Transaction;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;

/** The rules of one keyed stage of the scorer, and the state they keep per key. */
abstract class StageLogic<S extends KeyState> implements Serializable {
  private static final long serialVersionUID = 1L;

  abstract String name();

  abstract S newState();

  abstract Coder<S> stateCoder();

  abstract List<Finding> onTransaction(S state, Transaction t, FraudRules rules);

  abstract void onFeedback(S state, FraudFeedback f);

  static final StageLogic<KeyState.Ip> IP =
      new StageLogic<>() {
        @Override
        String name() {
          return "ip";
        }

        @Override
        KeyState.Ip newState() {
          return new KeyState.Ip();
        }

        @Override
        Coder<KeyState.Ip> stateCoder() {
          return KeyState.StateCoder.ip();
        }

        @Override
        List<Finding> onTransaction(KeyState.Ip state, Transaction t, FraudRules rules) {
          return FraudStages.ip(state, t, rules);
        }

        @Override
        void onFeedback(KeyState.Ip state, FraudFeedback f) {}
      };

  static final StageLogic<KeyState.Account> ACCOUNT =
      new StageLogic<>() {
        @Override
        String name() {
          return "account";
        }

        @Override
        KeyState.Account newState() {
          return new KeyState.Account();
        }

        @Override
        Coder<KeyState.Account> stateCoder() {
          return KeyState.StateCoder.account();
        }

        @Override
        List<Finding> onTransaction(KeyState.Account state, Transaction t, FraudRules rules) {
          return FraudStages.account(state, t, rules);
        }

        @Override
        void onFeedback(KeyState.Account state, FraudFeedback f) {
          FraudStages.accountFeedback(state, f);
        }
      };

  static final StageLogic<KeyState.Merchant> MERCHANT =
      new StageLogic<>() {
        @Override
        String name() {
          return "merchant";
        }

        @Override
        KeyState.Merchant newState() {
          return new KeyState.Merchant();
        }

        @Override
        Coder<KeyState.Merchant> stateCoder() {
          return KeyState.StateCoder.merchant();
        }

        @Override
        List<Finding> onTransaction(KeyState.Merchant state, Transaction t, FraudRules rules) {
          return FraudStages.merchant(state, t, rules);
        }

        @Override
        void onFeedback(KeyState.Merchant state, FraudFeedback f) {
          FraudStages.merchantFeedback(state, f);
        }
      };
}
