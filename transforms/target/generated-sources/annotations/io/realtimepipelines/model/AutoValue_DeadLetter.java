package io.realtimepipelines.model;

import javax.annotation.processing.Generated;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

@Generated("com.google.auto.value.processor.AutoValueProcessor")
final class AutoValue_DeadLetter extends DeadLetter {

  private final String eventType;

  private final String payload;

  private final String payloadEncoding;

  private final int payloadBytes;

  private final boolean payloadTruncated;

  private final ErrorCode errorCode;

  private final String message;

  private final @Nullable String field;

  private final String stage;

  private final String sourcePosition;

  private final String pipeline;

  private final String pipelineVersion;

  private final Instant processingTime;

  private AutoValue_DeadLetter(
      String eventType,
      String payload,
      String payloadEncoding,
      int payloadBytes,
      boolean payloadTruncated,
      ErrorCode errorCode,
      String message,
      @Nullable String field,
      String stage,
      String sourcePosition,
      String pipeline,
      String pipelineVersion,
      Instant processingTime) {
    this.eventType = eventType;
    this.payload = payload;
    this.payloadEncoding = payloadEncoding;
    this.payloadBytes = payloadBytes;
    this.payloadTruncated = payloadTruncated;
    this.errorCode = errorCode;
    this.message = message;
    this.field = field;
    this.stage = stage;
    this.sourcePosition = sourcePosition;
    this.pipeline = pipeline;
    this.pipelineVersion = pipelineVersion;
    this.processingTime = processingTime;
  }

  @Override
  public String getEventType() {
    return eventType;
  }

  @Override
  public String getPayload() {
    return payload;
  }

  @Override
  public String getPayloadEncoding() {
    return payloadEncoding;
  }

  @Override
  public int getPayloadBytes() {
    return payloadBytes;
  }

  @Override
  public boolean getPayloadTruncated() {
    return payloadTruncated;
  }

  @Override
  public ErrorCode getErrorCode() {
    return errorCode;
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public @Nullable String getField() {
    return field;
  }

  @Override
  public String getStage() {
    return stage;
  }

  @Override
  public String getSourcePosition() {
    return sourcePosition;
  }

  @Override
  public String getPipeline() {
    return pipeline;
  }

  @Override
  public String getPipelineVersion() {
    return pipelineVersion;
  }

  @Override
  public Instant getProcessingTime() {
    return processingTime;
  }

  @Override
  public String toString() {
    return "DeadLetter{"
        + "eventType=" + eventType + ", "
        + "payload=" + payload + ", "
        + "payloadEncoding=" + payloadEncoding + ", "
        + "payloadBytes=" + payloadBytes + ", "
        + "payloadTruncated=" + payloadTruncated + ", "
        + "errorCode=" + errorCode + ", "
        + "message=" + message + ", "
        + "field=" + field + ", "
        + "stage=" + stage + ", "
        + "sourcePosition=" + sourcePosition + ", "
        + "pipeline=" + pipeline + ", "
        + "pipelineVersion=" + pipelineVersion + ", "
        + "processingTime=" + processingTime
        + "}";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (o instanceof DeadLetter) {
      DeadLetter that = (DeadLetter) o;
      return this.eventType.equals(that.getEventType())
          && this.payload.equals(that.getPayload())
          && this.payloadEncoding.equals(that.getPayloadEncoding())
          && this.payloadBytes == that.getPayloadBytes()
          && this.payloadTruncated == that.getPayloadTruncated()
          && this.errorCode.equals(that.getErrorCode())
          && this.message.equals(that.getMessage())
          && (this.field == null ? that.getField() == null : this.field.equals(that.getField()))
          && this.stage.equals(that.getStage())
          && this.sourcePosition.equals(that.getSourcePosition())
          && this.pipeline.equals(that.getPipeline())
          && this.pipelineVersion.equals(that.getPipelineVersion())
          && this.processingTime.equals(that.getProcessingTime());
    }
    return false;
  }

  @Override
  public int hashCode() {
    int h$ = 1;
    h$ *= 1000003;
    h$ ^= eventType.hashCode();
    h$ *= 1000003;
    h$ ^= payload.hashCode();
    h$ *= 1000003;
    h$ ^= payloadEncoding.hashCode();
    h$ *= 1000003;
    h$ ^= payloadBytes;
    h$ *= 1000003;
    h$ ^= payloadTruncated ? 1231 : 1237;
    h$ *= 1000003;
    h$ ^= errorCode.hashCode();
    h$ *= 1000003;
    h$ ^= message.hashCode();
    h$ *= 1000003;
    h$ ^= (field == null) ? 0 : field.hashCode();
    h$ *= 1000003;
    h$ ^= stage.hashCode();
    h$ *= 1000003;
    h$ ^= sourcePosition.hashCode();
    h$ *= 1000003;
    h$ ^= pipeline.hashCode();
    h$ *= 1000003;
    h$ ^= pipelineVersion.hashCode();
    h$ *= 1000003;
    h$ ^= processingTime.hashCode();
    return h$;
  }

  static final class Builder extends DeadLetter.Builder {
    private @Nullable String eventType;
    private @Nullable String payload;
    private @Nullable String payloadEncoding;
    private int payloadBytes;
    private boolean payloadTruncated;
    private @Nullable ErrorCode errorCode;
    private @Nullable String message;
    private @Nullable String field;
    private @Nullable String stage;
    private @Nullable String sourcePosition;
    private @Nullable String pipeline;
    private @Nullable String pipelineVersion;
    private @Nullable Instant processingTime;
    private byte set$0;
    Builder() {
    }
    @Override
    public DeadLetter.Builder setEventType(String eventType) {
      if (eventType == null) {
        throw new NullPointerException("Null eventType");
      }
      this.eventType = eventType;
      return this;
    }
    @Override
    public DeadLetter.Builder setPayload(String payload) {
      if (payload == null) {
        throw new NullPointerException("Null payload");
      }
      this.payload = payload;
      return this;
    }
    @Override
    public DeadLetter.Builder setPayloadEncoding(String payloadEncoding) {
      if (payloadEncoding == null) {
        throw new NullPointerException("Null payloadEncoding");
      }
      this.payloadEncoding = payloadEncoding;
      return this;
    }
    @Override
    public DeadLetter.Builder setPayloadBytes(int payloadBytes) {
      this.payloadBytes = payloadBytes;
      set$0 |= (byte) 1;
      return this;
    }
    @Override
    public DeadLetter.Builder setPayloadTruncated(boolean payloadTruncated) {
      this.payloadTruncated = payloadTruncated;
      set$0 |= (byte) 2;
      return this;
    }
    @Override
    public DeadLetter.Builder setErrorCode(ErrorCode errorCode) {
      if (errorCode == null) {
        throw new NullPointerException("Null errorCode");
      }
      this.errorCode = errorCode;
      return this;
    }
    @Override
    public DeadLetter.Builder setMessage(String message) {
      if (message == null) {
        throw new NullPointerException("Null message");
      }
      this.message = message;
      return this;
    }
    @Override
    public DeadLetter.Builder setField(@Nullable String field) {
      this.field = field;
      return this;
    }
    @Override
    public DeadLetter.Builder setStage(String stage) {
      if (stage == null) {
        throw new NullPointerException("Null stage");
      }
      this.stage = stage;
      return this;
    }
    @Override
    public DeadLetter.Builder setSourcePosition(String sourcePosition) {
      if (sourcePosition == null) {
        throw new NullPointerException("Null sourcePosition");
      }
      this.sourcePosition = sourcePosition;
      return this;
    }
    @Override
    public DeadLetter.Builder setPipeline(String pipeline) {
      if (pipeline == null) {
        throw new NullPointerException("Null pipeline");
      }
      this.pipeline = pipeline;
      return this;
    }
    @Override
    public DeadLetter.Builder setPipelineVersion(String pipelineVersion) {
      if (pipelineVersion == null) {
        throw new NullPointerException("Null pipelineVersion");
      }
      this.pipelineVersion = pipelineVersion;
      return this;
    }
    @Override
    public DeadLetter.Builder setProcessingTime(Instant processingTime) {
      if (processingTime == null) {
        throw new NullPointerException("Null processingTime");
      }
      this.processingTime = processingTime;
      return this;
    }
    @Override
    public DeadLetter build() {
      if (set$0 != 3
          || this.eventType == null
          || this.payload == null
          || this.payloadEncoding == null
          || this.errorCode == null
          || this.message == null
          || this.stage == null
          || this.sourcePosition == null
          || this.pipeline == null
          || this.pipelineVersion == null
          || this.processingTime == null) {
        StringBuilder missing = new StringBuilder();
        if (this.eventType == null) {
          missing.append(" eventType");
        }
        if (this.payload == null) {
          missing.append(" payload");
        }
        if (this.payloadEncoding == null) {
          missing.append(" payloadEncoding");
        }
        if ((set$0 & 1) == 0) {
          missing.append(" payloadBytes");
        }
        if ((set$0 & 2) == 0) {
          missing.append(" payloadTruncated");
        }
        if (this.errorCode == null) {
          missing.append(" errorCode");
        }
        if (this.message == null) {
          missing.append(" message");
        }
        if (this.stage == null) {
          missing.append(" stage");
        }
        if (this.sourcePosition == null) {
          missing.append(" sourcePosition");
        }
        if (this.pipeline == null) {
          missing.append(" pipeline");
        }
        if (this.pipelineVersion == null) {
          missing.append(" pipelineVersion");
        }
        if (this.processingTime == null) {
          missing.append(" processingTime");
        }
        throw new IllegalStateException("Missing required properties:" + missing);
      }
      return new AutoValue_DeadLetter(
          this.eventType,
          this.payload,
          this.payloadEncoding,
          this.payloadBytes,
          this.payloadTruncated,
          this.errorCode,
          this.message,
          this.field,
          this.stage,
          this.sourcePosition,
          this.pipeline,
          this.pipelineVersion,
          this.processingTime);
    }
  }

}
