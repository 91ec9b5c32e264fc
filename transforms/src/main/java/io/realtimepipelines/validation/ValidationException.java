package io.realtimepipelines.validation;

import io.realtimepipelines.model.ErrorCode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A record broke a rule of its event contract. Carries what the dead letter needs. */
public final class ValidationException extends Exception {
  private final ErrorCode code;
  private final @Nullable String field;

  public ValidationException(ErrorCode code, @Nullable String field, String message) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
  }

  public ErrorCode code() {
    return code;
  }

  public @Nullable String field() {
    return field;
  }
}
