package io.realtimepipelines.pipelines.generator;

import io.realtimepipelines.pricing.CatalogEntry;
import java.util.List;

/** The catalogue of the generated products, for pricing runs over the generator. */
public final class GeneratedCatalog {
  private GeneratedCatalog() {}

  /** One entry per generated product {@code prod-<n>}; see {@link Catalog#entries}. */
  public static List<CatalogEntry> of(GeneratorConfig config) {
    return Catalog.entries(config);
  }
}
