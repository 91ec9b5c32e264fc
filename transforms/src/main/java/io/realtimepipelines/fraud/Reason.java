package io.realtimepipelines.fraud;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;

/** One rule that fired for a decision. */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({"ruleId", "contribution", "shadow", "text"})
@AutoValue
public abstract class Reason {

  /** Rule id, e.g. {@code ip_burst}. */
  public abstract String getRuleId();

  /** Score points the rule added (0 for a shadow rule). */
  public abstract int getContribution();

  /** True when the rule runs in shadow mode: reported, not counted. */
  public abstract boolean getShadow();

  /** Why it fired, with the numbers behind it. */
  public abstract String getText();

  public static Reason of(String ruleId, int contribution, boolean shadow, String text) {
    return new AutoValue_Reason(ruleId, contribution, shadow, text);
  }
}
