package io.realtimepipelines.vitals;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces patient ids with keyed hashes: {@code pt-} and the first 16 bytes (32 hex digits) of
 * HMAC-SHA256(key, id). The same key gives the same pseudonym for an id in every output and run;
 * without the key an id cannot be recovered or confirmed by hashing candidate ids. Not thread-safe
 * (one per DoFn instance).
 */
public final class Pseudonymiser {
  /** Shortest key accepted, in bytes: HMAC-SHA256's block strength needs at least 32. */
  public static final int MIN_KEY_BYTES = 32;

  private final Mac mac;

  public Pseudonymiser(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the pseudonym key must have at least "
              + MIN_KEY_BYTES
              + " bytes, got "
              + (key == null ? 0 : key.length));
    }
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The pseudonym of {@code patientId}. */
  public String pseudonym(String patientId) {
    byte[] h = mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder("pt-");
    for (int i = 0; i < 16; i++) {
      sb.append(Character.forDigit((h[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(h[i] & 0xF, 16));
    }
    return sb.toString();
  }
}
