package io.realtimepipelines.tools.fraud;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The truth to evaluate against: txnId ("hb-" + TRANSACTION_ID) to fraud scenario (0 genuine, 1
 * amount above 220, 2 compromised terminal, 3 leaked credentials), in CSV order. Read from the
 * handbook CSV with the same id mapping as {@link HandbookConverter}, or built by hand in tests.
 */
public final class HandbookLabels {
  /** {@link #scenario} of a txnId that has no label. */
  public static final int UNKNOWN = -1;

  private final Map<String, Integer> scenarios;
  private final long[] counts = new long[4];
  private final HandbookCsv.Summary source;

  private HandbookLabels(Map<String, Integer> scenarios, HandbookCsv.Summary source) {
    this.scenarios = scenarios;
    this.source = source;
    for (int scenario : scenarios.values()) {
      counts[scenario]++;
    }
  }

  /** The labels of the first {@code limit} data rows of {@code csv} (all when 0). */
  public static HandbookLabels read(Path csv, long limit) throws IOException {
    Map<String, Integer> scenarios = new LinkedHashMap<>();
    HandbookCsv.Summary summary =
        HandbookCsv.read(csv, limit, row -> scenarios.put(row.txnId(), row.scenario()));
    return new HandbookLabels(scenarios, summary);
  }

  /** Labels given directly, txnId to scenario 0 to 3. */
  public static HandbookLabels of(Map<String, Integer> scenarios) {
    Map<String, Integer> copy = new LinkedHashMap<>();
    scenarios.forEach(
        (txnId, scenario) -> {
          if (scenario == null || scenario < 0 || scenario > 3) {
            throw new IllegalArgumentException(
                "scenario of " + txnId + " must be 0 (genuine) to 3, got " + scenario);
          }
          copy.put(txnId, scenario);
        });
    return new HandbookLabels(copy, null);
  }

  /** The scenario of {@code txnId}, or {@link #UNKNOWN}. */
  public int scenario(String txnId) {
    Integer scenario = scenarios.get(txnId);
    return scenario == null ? UNKNOWN : scenario;
  }

  /** Labelled transactions. */
  public int size() {
    return scenarios.size();
  }

  /** Labelled transactions of one scenario (0 genuine). */
  public long count(int scenario) {
    return counts[scenario];
  }

  /** All labels, in CSV order. */
  public Map<String, Integer> asMap() {
    return Collections.unmodifiableMap(scenarios);
  }

  /** What reading the CSV saw, including rejected rows; empty for labels built by hand. */
  public Optional<HandbookCsv.Summary> source() {
    return Optional.ofNullable(source);
  }
}
