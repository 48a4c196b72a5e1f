import type { OverrideParams, VariantsConfig } from "./config/variant-schema.js";

/** What a run changes, keyed by inference step: `{response_generator: {temperature: 0.3, model: "gpt-4o"}}`. */
export type StepOverrides = Record<string, OverrideParams>;

/**
 * The variant's `from` chain, its root first and itself last. The config schema has refused
 * unknown parents and cycles, so the walk ends; the guard is for a definition read from a store.
 */
export function variantChain(variants: VariantsConfig, name: string): string[] {
  const chain: string[] = [];
  let current: string | undefined = name;
  let variant = variants[name];
  while (current !== undefined && variant !== undefined && !chain.includes(current)) {
    chain.unshift(current);
    current = variant.from;
    variant = current === undefined ? undefined : variants[current];
  }
  return chain;
}

/** The effective overrides of a variant: every change along its chain, a child's winning over its parent's on the same parameter. */
export function effectiveOverrides(variants: VariantsConfig, name: string): StepOverrides {
  const overrides: StepOverrides = {};
  for (const member of variantChain(variants, name)) {
    const { step, set } = variants[member]!;
    overrides[step] = { ...overrides[step], ...set };
  }
  return overrides;
}

/** One line per step and parameter, in a stable order: `response_generator.temperature = 0.3`. */
export function describeOverrides(overrides: StepOverrides): string[] {
  return Object.keys(overrides)
    .sort()
    .flatMap((step) =>
      Object.entries(overrides[step]!)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([param, value]) => `${step}.${param} = ${JSON.stringify(value)}`),
    );
}

/**
 * The overrides `candidate` has that `base` has not (or has with another value), and those `base`
 * has that `candidate` drops: what a comparison of two variant runs should name.
 */
export function differingOverrides(base: StepOverrides, candidate: StepOverrides): string[] {
  const lines: string[] = [];
  const steps = [...new Set([...Object.keys(base), ...Object.keys(candidate)])].sort();
  for (const step of steps) {
    const before: Record<string, unknown> = base[step] ?? {};
    const after: Record<string, unknown> = candidate[step] ?? {};
    const params = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const param of params) {
      const from = before[param];
      const to = after[param];
      if (JSON.stringify(from) === JSON.stringify(to)) continue;
      const fromText = from === undefined ? "(not overridden)" : JSON.stringify(from);
      const toText = to === undefined ? "(not overridden)" : JSON.stringify(to);
      lines.push(`${step}.${param}: ${fromText} → ${toText}`);
    }
  }
  return lines;
}

/** The variants as a tree below the baseline: each variant's children, in the file's order. */
export function variantChildren(variants: VariantsConfig): Map<string | undefined, string[]> {
  const children = new Map<string | undefined, string[]>();
  for (const [name, variant] of Object.entries(variants)) {
    const parent = variant.from;
    children.set(parent, [...(children.get(parent) ?? []), name]);
  }
  return children;
}
