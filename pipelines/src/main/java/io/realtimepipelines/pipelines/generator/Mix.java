package io.realtimepipelines.pipelines.generator;

/**
 * Stateless 64-bit hashing (the SplitMix64 finaliser): turns (seed, salt, index) into well-spread
 * bits, so that any event, entity or episode can be derived on its own.
 */
final class Mix {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Mix() {}

  /** A well-mixed 64-bit value of {@code z}. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A hash of three values; changing any of them changes every bit with probability 1/2. */
  static long hash(long seed, long salt, long n) {
    return mix64(mix64(seed * GOLDEN + salt) + n * GOLDEN);
  }

  /** A uniform double in [0, 1) from the top 53 bits of {@code bits}. */
  static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** A uniform int in [0, bound) from {@code bits}; bound must be positive. */
  static int below(long bits, int bound) {
    return (int) (((bits >>> 32) * bound) >>> 32);
  }
}
