package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A record that could not be processed, with everything needed to fix and replay it: the raw
 * payload, why it failed, where it failed and where it came from.
 */
@DefaultSchema(AutoValueSchema.class)
@JsonPropertyOrder({
  "eventType",
  "errorCode",
  "field",
  "message",
  "stage",
  "sourcePosition",
  "pipeline",
  "pipelineVersion",
  "processingTime",
  "payloadEncoding",
  "payloadBytes",
  "payloadTruncated",
  "payloadSha256",
  "payload"
})
@AutoValue
public abstract class DeadLetter {

  /**
   * Payload kept whole up to this many bytes; longer ones keep this prefix, with the original size
   * ({@link #getPayloadBytes()}) and hash ({@link #getPayloadSha256()}), so that a hostile 100 MB
   * line costs a bounded dead letter.
   */
  public static final int MAX_KEPT_PAYLOAD_BYTES = 64 * 1024;

  /** Event type the record was read as (e.g. {@code transaction}). */
  public abstract String getEventType();

  /**
   * The raw payload as received: the text when it is valid UTF-8, else its Base64 encoding (see
   * {@link #getPayloadEncoding()}); cut to {@link #MAX_KEPT_PAYLOAD_BYTES} bytes when longer.
   */
  public abstract String getPayload();

  /** {@code utf8} or {@code base64}: how {@link #getPayload()} holds the bytes. */
  public abstract String getPayloadEncoding();

  /** Size of the original payload in bytes (as the source received it). */
  public abstract long getPayloadBytes();

  /**
   * SHA-256 of the whole original payload, lowercase hex: identifies the record even when only a
   * prefix is kept.
   */
  public abstract String getPayloadSha256();

  /** True when {@link #getPayload()} holds only a prefix of the original payload. */
  public abstract boolean getPayloadTruncated();

  /** Machine-readable reason. */
  public abstract ErrorCode getErrorCode();

  /** Human-readable reason naming the field and the rule that failed. */
  public abstract String getMessage();

  /** The field that failed, when one did. */
  public abstract @Nullable String getField();

  /** Step that rejected the record (e.g. {@code ParseTransactions}). */
  public abstract String getStage();

  /** Where the record came from: {@code file:line} or {@code topic/partition/offset}. */
  public abstract String getSourcePosition();

  /** Pipeline (job) that produced the dead letter. */
  public abstract String getPipeline();

  /** Version of the pipeline build. */
  public abstract String getPipelineVersion();

  /** Processing time when the record was rejected, UTC. */
  public abstract Instant getProcessingTime();

  public static Builder builder() {
    return new AutoValue_DeadLetter.Builder();
  }

  /** Builder for {@link DeadLetter}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setEventType(String value);

    public abstract Builder setPayload(String value);

    public abstract Builder setPayloadEncoding(String value);

    public abstract Builder setPayloadBytes(long value);

    public abstract Builder setPayloadSha256(String value);

    public abstract Builder setPayloadTruncated(boolean value);

    public abstract Builder setErrorCode(ErrorCode value);

    public abstract Builder setMessage(String value);

    public abstract Builder setField(@Nullable String value);

    public abstract Builder setStage(String value);

    public abstract Builder setSourcePosition(String value);

    public abstract Builder setPipeline(String value);

    public abstract Builder setPipelineVersion(String value);

    public abstract Builder setProcessingTime(Instant value);

    public abstract DeadLetter build();
  }
}
