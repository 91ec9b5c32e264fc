package io.realtimepipelines.pipelines.generator;

import java.nio.charset.StandardCharsets;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One generated record: the JSON line a source would deliver, its event time, and what the
 * generator did to it on purpose (an injected anomaly, a defect), which is not in the JSON.
 */
public final class GeneratedEvent {
  /** Index the event was generated for (0, 1, 2, …). */
  private final long index;

  /** The record as one line of JSON (invalid JSON when {@link #defect} is MALFORMED_JSON). */
  private final String json;

  /** Event time, epoch milliseconds UTC; equals the timestamp field of the JSON. */
  private final long eventTimeMillis;

  /** Anomaly episode the event belongs to, or null for ordinary traffic. */
  private final @Nullable AnomalyKind anomaly;

  /** How the record was made invalid, or null when it is valid. */
  private final @Nullable Defect defect;

  GeneratedEvent(
      long index,
      String json,
      long eventTimeMillis,
      @Nullable AnomalyKind anomaly,
      @Nullable Defect defect) {
    this.index = index;
    this.json = json;
    this.eventTimeMillis = eventTimeMillis;
    this.anomaly = anomaly;
    this.defect = defect;
  }

  public long index() {
    return index;
  }

  public String json() {
    return json;
  }

  /** The JSON as UTF-8 bytes, as a source would deliver it. */
  public byte[] payload() {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  public long eventTimeMillis() {
    return eventTimeMillis;
  }

  public Instant eventTime() {
    return new Instant(eventTimeMillis);
  }

  public @Nullable AnomalyKind anomaly() {
    return anomaly;
  }

  public @Nullable Defect defect() {
    return defect;
  }

  /** {@code generator:<index>}, the source position of the record. */
  public String sourcePosition() {
    return "generator:" + index;
  }

  @Override
  public String toString() {
    return "GeneratedEvent{"
        + index
        + ", "
        + eventTime()
        + (anomaly == null ? "" : ", anomaly=" + anomaly)
        + (defect == null ? "" : ", defect=" + defect)
        + ", "
        + json
        + "}";
  }
}
