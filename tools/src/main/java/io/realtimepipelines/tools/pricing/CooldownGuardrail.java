package io.realtimepipelines.tools.pricing;

import io.realtimepipelines.pricing.CatalogEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** No two changes of one product closer than the cooldown. */
final class CooldownGuardrail implements Guardrail {
  private final Duration cooldown;

  CooldownGuardrail(Duration cooldown) {
    this.cooldown = cooldown;
  }

  @Override
  public Map<Check, String> limits() {
    return Map.of(Check.WITHIN_COOLDOWN, "cooldownMinutes=" + cooldown.toMinutes());
  }

  @Override
  public void check(
      PriceUpdate u, PriceUpdate previous, CatalogEntry entry, List<Violation> violations) {
    if (previous == null) {
      return;
    }
    Duration gap = Duration.between(previous.timestamp(), u.timestamp());
    if (gap.compareTo(cooldown) < 0) {
      violations.add(
          Violation.of(
              u,
              Check.WITHIN_COOLDOWN,
              gap.getSeconds()
                  + " s after the change at "
                  + previous.timestamp()
                  + " ("
                  + previous.position()
                  + "), cooldown "
                  + cooldown.toMinutes()
                  + " min"));
    }
  }
}
