package io.realtimepipelines.pipelines.pricing;

/** Where the pricing job reads the catalogue. */
public enum CatalogSource {
  /** The JSON Lines file of --catalog (or the generated catalogue with --source=GENERATOR). */
  FILE,
  /** Redis hashes {@code <prefix>catalog:<productId>}, looked up per bundle with a local cache. */
  REDIS
}
