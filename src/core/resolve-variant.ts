import type { ExperimentConfig } from "./config/schema.js";
import { UserError } from "./errors.js";
import { effectiveOverrides, type StepOverrides } from "./variant-overrides.js";

export interface ResolvedVariant {
  variant: string;
  overrides: StepOverrides;
}

/** `--variant NAME` of experiment `experimentName`: its effective overrides, or a UserError naming the known variants. */
export function resolveVariant(experimentName: string, experiment: ExperimentConfig, name: string): ResolvedVariant {
  const variants = experiment.variants ?? {};
  if (variants[name] === undefined) {
    const known = Object.keys(variants);
    throw new UserError(
      `--variant ${name}: experiment "${experimentName}" has no such variant; ` +
        (known.length > 0 ? `its variants are: ${known.join(", ")}` : "it declares no variants (add variants: to it in evalgate.yml)"),
    );
  }
  return { variant: name, overrides: effectiveOverrides(variants, name) };
}
