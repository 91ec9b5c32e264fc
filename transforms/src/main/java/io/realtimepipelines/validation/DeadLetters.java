package io.realtimepipelines.validation;

import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.ErrorCode;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Base64;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Makes dead letters for one pipeline: keeps the raw payload (text, or Base64 when it is not
 * UTF-8), cut to {@link DeadLetter#MAX_KEPT_PAYLOAD_BYTES}.
 */
public final class DeadLetters implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Pipeline name used when a transform is applied without one. */
  public static final String UNNAMED_PIPELINE = "unnamed";

  private final String pipeline;
  private final String pipelineVersion;

  public DeadLetters(String pipeline, String pipelineVersion) {
    this.pipeline = pipeline;
    this.pipelineVersion = pipelineVersion;
  }

  public DeadLetter create(
      String eventType,
      byte[] payload,
      String sourcePosition,
      String stage,
      ErrorCode code,
      @Nullable String field,
      String message,
      Instant processingTime) {
    boolean truncated = payload.length > DeadLetter.MAX_KEPT_PAYLOAD_BYTES;
    byte[] kept = truncated ? Arrays.copyOf(payload, DeadLetter.MAX_KEPT_PAYLOAD_BYTES) : payload;
    String text = RecordDecoder.utf8(kept);
    if (text == null && truncated) {
      // The cut may split a multi-byte character: back up to a character boundary.
      int end = kept.length;
      while (end > 0 && end > kept.length - 4 && (kept[end - 1] & 0xC0) == 0x80) {
        end--;
      }
      if (end > 0 && (kept[end - 1] & 0x80) != 0) {
        end--;
      }
      text = RecordDecoder.utf8(Arrays.copyOf(kept, end));
    }
    String encoding = "utf8";
    if (text == null) {
      text = Base64.getEncoder().encodeToString(kept);
      encoding = "base64";
    }
    return DeadLetter.builder()
        .setEventType(eventType)
        .setPayload(text)
        .setPayloadEncoding(encoding)
        .setPayloadBytes(payload.length)
        .setPayloadTruncated(truncated)
        .setErrorCode(code)
        .setMessage(message)
        .setField(field)
        .setStage(stage)
        .setSourcePosition(sourcePosition)
        .setPipeline(pipeline)
        .setPipelineVersion(pipelineVersion)
        .setProcessingTime(processingTime)
        .build();
  }
}
