package io.realtimepipelines.fraud.rules;

import io.realtimepipelines.fraud.FraudRule;
import io.realtimepipelines.fraud.TimedAmounts;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A rule whose per-key memory is one list of (time, amount). */
abstract class TimedAmountsRule extends FraudRule<TimedAmounts> {
  private static final long serialVersionUID = 1L;

  @Override
  public TimedAmounts newMemory() {
    return new TimedAmounts();
  }

  @Override
  public void writeMemory(TimedAmounts memory, DataOutputStream out) throws IOException {
    memory.write(out);
  }

  @Override
  public TimedAmounts readMemory(DataInputStream in) throws IOException {
    return TimedAmounts.read(in);
  }
}
