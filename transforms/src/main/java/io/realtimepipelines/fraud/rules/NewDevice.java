package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.FraudRule;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.model.Transaction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code new_device}: a transaction of at least {@code minAmount} from a device the account has not
 * used among its last {@link #REMEMBERED} devices, when it has used at least one (an account's very
 * first device is not new to anyone). A transaction without a device id never fires it and changes
 * nothing. Remembers the account's last devices, most recent last.
 */
public final class NewDevice extends FraudRule<NewDevice.Memory> {
  private static final long serialVersionUID = 1L;

  /** How many distinct devices an account's memory holds. */
  public static final int REMEMBERED = 20;

  @JsonProperty private BigDecimal minAmount;

  /** Distinct device ids, least recently used first, at most {@link #REMEMBERED}. */
  public static final class Memory {
    public final List<String> devices = new ArrayList<>(2);
  }

  @Override
  public RuleStage stage() {
    return RuleStage.ACCOUNT;
  }

  @Override
  public void onTransaction(Memory m, Transaction t, Enrichment e, List<Finding> out) {
    String device = t.getDeviceId();
    if (device == null) {
      return;
    }
    List<String> devices = m.devices;
    int at = devices.lastIndexOf(device);
    if (at == devices.size() - 1 && at >= 0) {
      return; // the device of the account's previous transaction: nothing to learn
    }
    if (at >= 0) {
      devices.remove(at);
    } else if (!devices.isEmpty() && t.getAmount().compareTo(minAmount) >= 0) {
      int others = devices.size();
      out.add(
          finding(
              "amount "
                  + Texts.money(t.getAmount())
                  + " >= "
                  + Texts.money(minAmount)
                  + " from a device this account has not used before (it used "
                  + others
                  + " other"
                  + " device"
                  + (others == 1 ? "" : "s")
                  + ")"));
    }
    devices.add(device);
    if (devices.size() > REMEMBERED) {
      devices.remove(0);
    }
  }

  @Override
  public Memory newMemory() {
    return new Memory();
  }

  @Override
  public void writeMemory(Memory m, DataOutputStream out) throws IOException {
    out.writeInt(m.devices.size());
    for (String d : m.devices) {
      out.writeUTF(d);
    }
  }

  @Override
  public Memory readMemory(DataInputStream in) throws IOException {
    Memory m = new Memory();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      m.devices.add(in.readUTF());
    }
    return m;
  }
}
