/**
 * Dynamic pricing, as plain Java: {@link io.realtimepipelines.pricing.PricingStages} keeps per
 * product {@link io.realtimepipelines.pricing.ProductState} from clicks, stock counts and
 * competitor prices and, after every event of a product, asks {@link
 * io.realtimepipelines.pricing.PricingPolicy} for a new price under a versioned {@link
 * io.realtimepipelines.pricing.PricingConfig} and the product's {@link
 * io.realtimepipelines.pricing.CatalogEntry} guardrails. {@link
 * io.realtimepipelines.pricing.PricingModel} is the one-pass reference the pipeline must match.
 */
package io.realtimepipelines.pricing;
