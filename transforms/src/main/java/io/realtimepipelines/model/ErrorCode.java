package io.realtimepipelines.model;

/** Why a record became a dead letter. Stable: consumers alert and route on these names. */
public enum ErrorCode {
  /** Empty or whitespace-only record. */
  EMPTY_RECORD,
  /** The bytes are not valid UTF-8. */
  INVALID_ENCODING,
  /** The record is larger than the configured maximum. */
  PAYLOAD_TOO_LARGE,
  /** Not parseable as JSON (syntax error, truncated, NaN/Infinity literals, trailing data). */
  MALFORMED_JSON,
  /** Valid JSON, but an array, string, number, boolean or null instead of an object. */
  NOT_AN_OBJECT,
  /** A required field is absent or null. */
  MISSING_FIELD,
  /** A field has the wrong JSON type (e.g. a string where a number is required). */
  WRONG_TYPE,
  /** A field has the right type but breaks a rule (range, format, both-or-neither). */
  INVALID_VALUE,
  /** A field that takes one of a fixed set of values has another. */
  UNKNOWN_ENUM,
  /** The timestamp is before 2000-01-01 or more than the allowed skew ahead of processing time. */
  TIMESTAMP_OUT_OF_RANGE,
  /** An unexpected failure while processing an otherwise valid record. */
  PROCESSING_ERROR
}
