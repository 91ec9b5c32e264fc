package io.realtimepipelines.validation;

import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.RawEvent;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Makes dead letters for one pipeline: keeps the raw payload (text, or Base64 when it is not
 * UTF-8), cut to {@link DeadLetter#MAX_KEPT_PAYLOAD_BYTES}, with its size and SHA-256.
 */
public final class DeadLetters implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Pipeline name used when a transform is applied without one. */
  public static final String UNNAMED_PIPELINE = "unnamed";

  /** Messages are cut to this many characters (a parser may quote the input). */
  static final int MAX_MESSAGE_CHARS = 1000;

  private final String pipeline;
  private final String pipelineVersion;

  public DeadLetters(String pipeline, String pipelineVersion) {
    this.pipeline = pipeline;
    this.pipelineVersion = pipelineVersion;
  }

  /** A dead letter for {@code raw}, which may be a prefix its source cut (see RawEvent). */
  public DeadLetter create(
      String eventType,
      RawEvent raw,
      String stage,
      ErrorCode code,
      @Nullable String field,
      String message,
      Instant processingTime) {
    return create(
        eventType,
        raw.payload(),
        raw.originalBytes(),
        raw.originalSha256(),
        raw.sourcePosition(),
        stage,
        code,
        field,
        message,
        processingTime);
  }

  /** A dead letter for a whole record. */
  public DeadLetter create(
      String eventType,
      byte[] payload,
      String sourcePosition,
      String stage,
      ErrorCode code,
      @Nullable String field,
      String message,
      Instant processingTime) {
    return create(
        eventType,
        payload,
        payload.length,
        null,
        sourcePosition,
        stage,
        code,
        field,
        message,
        processingTime);
  }

  private DeadLetter create(
      String eventType,
      byte[] payload,
      long originalBytes,
      @Nullable String originalSha256,
      String sourcePosition,
      String stage,
      ErrorCode code,
      @Nullable String field,
      String message,
      Instant processingTime) {
    boolean truncated =
        payload.length > DeadLetter.MAX_KEPT_PAYLOAD_BYTES || originalBytes > payload.length;
    byte[] kept =
        payload.length > DeadLetter.MAX_KEPT_PAYLOAD_BYTES
            ? Arrays.copyOf(payload, DeadLetter.MAX_KEPT_PAYLOAD_BYTES)
            : payload;
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
        .setPayloadBytes(Math.max(originalBytes, payload.length))
        .setPayloadTruncated(truncated)
        .setPayloadSha256(originalSha256 != null ? originalSha256 : sha256(payload))
        .setErrorCode(code)
        .setMessage(
            JsonFields.escape(
                message.length() <= MAX_MESSAGE_CHARS
                    ? message
                    : message.substring(0, MAX_MESSAGE_CHARS) + "..."))
        .setField(field)
        .setStage(stage)
        .setSourcePosition(sourcePosition)
        .setPipeline(pipeline)
        .setPipelineVersion(pipelineVersion)
        .setProcessingTime(processingTime)
        .build();
  }

  /** SHA-256 of {@code bytes}, lowercase hex. */
  public static String sha256(byte[] bytes) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A digest as lowercase hex. */
  public static String hex(byte[] digest) {
    StringBuilder hex = new StringBuilder(digest.length * 2);
    for (byte b : digest) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }
}
