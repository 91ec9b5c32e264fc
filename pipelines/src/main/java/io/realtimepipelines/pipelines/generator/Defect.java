package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.model.ErrorCode;

/** How a deliberately invalid record is broken, and the error the validation must report. */
public enum Defect {
  /** The JSON text is cut in half. */
  MALFORMED_JSON(ErrorCode.MALFORMED_JSON),
  /** The type's main number field (amount, price, stock or value) is left out. */
  MISSING_FIELD(ErrorCode.MISSING_FIELD),
  /** The main number field is written as a string. */
  WRONG_TYPE(ErrorCode.WRONG_TYPE),
  /** A field breaks its rule: a negative amount, price or stock, or a wrong vital-sign unit. */
  INVALID_VALUE(ErrorCode.INVALID_VALUE);

  /** Error the decoder reports for such a record. */
  private final ErrorCode errorCode;

  Defect(ErrorCode errorCode) {
    this.errorCode = errorCode;
  }

  /** The error code the record decoder gives such a record. */
  public ErrorCode errorCode() {
    return errorCode;
  }
}
