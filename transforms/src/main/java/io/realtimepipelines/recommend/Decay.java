package io.realtimepipelines.recommend;

/**
 * Exponential decay in event time with a half-life. States keep their values scaled to a reference
 * time {@code ref}: a value {@code v} added at {@code t} is stored as {@code v * growth(ref, t)},
 * and the true value at {@code now} is the stored one times {@code decay(ref, now)}. Ratios of
 * stored values (scores, shares) need no decay at all, and a state with many values pays one power
 * per update instead of one per value. StrictMath, so the model and every runner compute the same
 * bits.
 */
final class Decay {
  /** A state rebases its reference time after this many half-lives, long before overflow. */
  static final int REBASE_HALF_LIVES = 30;

  private Decay() {}

  /** {@code 2^((t - ref) / halfLife)}: what a value added at t weighs at the reference time. */
  static double growth(long ref, long t, long halfLifeMillis) {
    return t == ref ? 1.0 : StrictMath.pow(2.0, (double) (t - ref) / halfLifeMillis);
  }

  /** {@code 2^(-(now - ref) / halfLife)}: what a stored value is worth at {@code now}. */
  static double decay(long ref, long now, long halfLifeMillis) {
    return now == ref ? 1.0 : StrictMath.pow(2.0, -(double) (now - ref) / halfLifeMillis);
  }

  /** Whether a state whose reference time is {@code ref} should rebase before time {@code t}. */
  static boolean shouldRebase(long ref, long t, long halfLifeMillis) {
    return t - ref > REBASE_HALF_LIVES * halfLifeMillis;
  }

  /** {@code x^e}; square root and identity without a general power. */
  static double power(double x, double e) {
    if (e == 0.5) {
      return StrictMath.sqrt(x);
    }
    if (e == 1) {
      return x;
    }
    if (e == 0) {
      return 1;
    }
    return StrictMath.pow(x, e);
  }
}
