import { z } from "zod";
import { VariantsSchema } from "./config/variant-schema.js";
import { differingOverrides, effectiveOverrides, type StepOverrides } from "./variant-overrides.js";

const StoredVariantsSchema = z.looseObject({ variants: VariantsSchema.optional() });

/**
 * The overrides a run was made with, from the experiment version it stored: none for a baseline
 * run (no variant) or when the stored definition holds no readable variants.
 */
export function storedRunOverrides(definition: unknown, variant: string | undefined): StepOverrides {
  if (variant === undefined) return {};
  const parsed = StoredVariantsSchema.safeParse(definition);
  const variants = parsed.success ? parsed.data.variants : undefined;
  return variants?.[variant] === undefined ? {} : effectiveOverrides(variants, variant);
}

/** What a comparison of two runs names as the overrides that differ (empty for two baselines). */
export function overrideChanges(
  baseline: { definition: unknown; variant: string | undefined },
  candidate: { definition: unknown; variant: string | undefined },
): string[] {
  return differingOverrides(
    storedRunOverrides(baseline.definition, baseline.variant),
    storedRunOverrides(candidate.definition, candidate.variant),
  );
}
