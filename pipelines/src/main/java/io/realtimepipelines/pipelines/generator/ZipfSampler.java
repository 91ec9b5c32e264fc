package io.realtimepipelines.pipelines.generator;

/**
 * Draws ranks 0..n-1 with probability roughly proportional to {@code 1 / (rank + offset)} (a
 * Zipf–Mandelbrot law with exponent 1), by inverting the continuous distribution: one {@code exp}
 * per draw and no tables. The offset flattens the head so that the busiest entity is busy but not
 * absurdly so: with n = 100,000 and offset 100 the top 1% of ranks get about 35% of the draws and
 * rank 0 about 0.14%.
 */
final class ZipfSampler {
  /** Number of ranks. */
  private final int n;

  /** Flattening of the head. */
  private final double offset;

  /** log((n + offset) / offset), the CDF's scale. */
  private final double logRatio;

  ZipfSampler(int n, double offset) {
    if (n < 1 || offset <= 0) {
      throw new IllegalArgumentException(
          "n must be at least 1 and offset positive, got n=" + n + ", offset=" + offset);
    }
    this.n = n;
    this.offset = offset;
    this.logRatio = Math.log((n + offset) / offset);
  }

  /** The rank for a uniform {@code u} in [0, 1). */
  int rank(double u) {
    int r = (int) (offset * Math.exp(u * logRatio) - offset);
    return r < 0 ? 0 : Math.min(r, n - 1);
  }

  /** Expected share of draws that land on ranks below {@code k}. */
  double headShare(int k) {
    return Math.log((Math.min(k, n) + offset) / offset) / logRatio;
  }
}
