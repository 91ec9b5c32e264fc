package io.realtimepipelines.pipelines.redis;

/**
 * Redis did not answer within the retry budget: the job fails rather than skip a lookup or write.
 */
public final class RedisUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RedisUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
