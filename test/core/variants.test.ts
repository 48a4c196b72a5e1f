import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.js";
import { experimentDefinition, experimentVersion } from "../../src/core/config/experiment-version.js";
import { UserError } from "../../src/core/errors.js";
import { resolveVariant } from "../../src/core/resolve-variant.js";
import { differingOverrides, effectiveOverrides, variantChain } from "../../src/core/variant-overrides.js";

/** evalgate.yml with one experiment whose extra keys are `extra` (YAML indented by four spaces). */
function configWith(extra: string): string {
  return `version: 1
experiments:
  support:
    dataset: items.jsonl
    target: { type: http, url: http://127.0.0.1:8080/agent }
    scorers: [json_valid]
${extra}`;
}

const TREE = configWith(`    inference_steps: [response_generator, classifier]
    variants:
      cooler: { step: response_generator, set: { temperature: 0.3 } }
      gpt4o:  { from: cooler, step: response_generator, set: { model: gpt-4o } }
      warmer: { from: gpt4o, step: response_generator, set: { temperature: 0.9 } }
      terse:  { from: cooler, step: classifier, set: { verbosity: low } }
`);

function configError(text: string): string {
  try {
    parseConfig(text, "evalgate.yml");
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error("expected parseConfig to throw");
}

describe("variant tree", () => {
  const experiment = parseConfig(TREE, "evalgate.yml").experiments.support!;
  const variants = experiment.variants!;

  it("a variant's effective overrides are its own change, keyed by step", () => {
    expect(effectiveOverrides(variants, "cooler")).toEqual({ response_generator: { temperature: 0.3 } });
  });

  it("from: inherits the parent's chain, so gpt4o carries both changes", () => {
    expect(variantChain(variants, "gpt4o")).toEqual(["cooler", "gpt4o"]);
    expect(effectiveOverrides(variants, "gpt4o")).toEqual({ response_generator: { temperature: 0.3, model: "gpt-4o" } });
  });

  it("a child wins over its ancestors on the same parameter", () => {
    expect(effectiveOverrides(variants, "warmer")).toEqual({ response_generator: { temperature: 0.9, model: "gpt-4o" } });
  });

  it("a child may change another step than its parent", () => {
    expect(effectiveOverrides(variants, "terse")).toEqual({
      response_generator: { temperature: 0.3 },
      classifier: { verbosity: "low" },
    });
  });

  it("the difference between two variants names the overrides that differ", () => {
    expect(differingOverrides(effectiveOverrides(variants, "cooler"), effectiveOverrides(variants, "gpt4o"))).toEqual([
      'response_generator.model: (not overridden) → "gpt-4o"',
    ]);
    expect(differingOverrides({}, effectiveOverrides(variants, "cooler"))).toEqual([
      "response_generator.temperature: (not overridden) → 0.3",
    ]);
  });

  it("an unknown --variant is a usage error that lists the known ones", () => {
    expect(() => resolveVariant("support", experiment, "hotter")).toThrow(
      '--variant hotter: experiment "support" has no such variant; its variants are: cooler, gpt4o, warmer, terse',
    );
  });

  it("inference steps and variants are part of the experiment version; without them the version is unchanged", () => {
    const plain = parseConfig(configWith(""), "evalgate.yml").experiments.support!;
    expect(experimentDefinition(plain)).not.toHaveProperty("variants");
    expect(experimentVersion(experimentDefinition(experiment))).not.toBe(experimentVersion(experimentDefinition(plain)));
  });
});

describe("variant config errors name their path", () => {
  it("two parameters in one variant", () => {
    const message = configError(configWith(`    inference_steps: [response_generator]
    variants:
      both: { step: response_generator, set: { temperature: 0.3, model: gpt-4o } }
`));
    expect(message).toContain("experiments.support.variants.both.set");
    expect(message).toContain("exactly one parameter");
  });

  it("no parameter in a variant", () => {
    expect(configError(configWith(`    inference_steps: [response_generator]
    variants:
      none: { step: response_generator, set: {} }
`))).toContain("experiments.support.variants.none.set");
  });

  it("an unknown parameter", () => {
    expect(configError(configWith(`    inference_steps: [response_generator]
    variants:
      seeded: { step: response_generator, set: { seed: 3 } }
`))).toContain("experiments.support.variants.seeded.set");
  });

  it.each([
    ["temperature: 3", "temperature"],
    ["top_p: 1.5", "top_p"],
    ["max_tokens: 0", "max_tokens"],
    ["max_tokens: 1.5", "max_tokens"],
    ["verbosity: loud", "verbosity"],
    ["model: 4", "model"],
  ])("a value of the wrong type or range (%s)", (set, param) => {
    expect(configError(configWith(`    inference_steps: [response_generator]
    variants:
      bad: { step: response_generator, set: { ${set} } }
`))).toContain(`experiments.support.variants.bad.set.${param}`);
  });

  it("an unknown step", () => {
    const message = configError(configWith(`    inference_steps: [response_generator]
    variants:
      cooler: { step: retriever, set: { temperature: 0.3 } }
`));
    expect(message).toContain("experiments.support.variants.cooler.step");
    expect(message).toContain('unknown inference step "retriever"');
  });

  it("a step without inference_steps", () => {
    expect(configError(configWith(`    variants:
      cooler: { step: response_generator, set: { temperature: 0.3 } }
`))).toContain("experiments.support.variants.cooler.step");
  });

  it("an unknown parent", () => {
    const message = configError(configWith(`    inference_steps: [response_generator]
    variants:
      gpt4o: { from: colder, step: response_generator, set: { model: gpt-4o } }
`));
    expect(message).toContain("experiments.support.variants.gpt4o.from");
    expect(message).toContain('unknown variant "colder"');
  });

  it("a cycle", () => {
    const message = configError(configWith(`    inference_steps: [response_generator]
    variants:
      a: { from: c, step: response_generator, set: { temperature: 0.1 } }
      b: { from: a, step: response_generator, set: { temperature: 0.2 } }
      c: { from: b, step: response_generator, set: { temperature: 0.3 } }
`));
    expect(message).toContain("experiments.support.variants.a.from");
    expect(message).toContain("cycle: a → c → b → a");
  });

  it("a variant that branches from itself", () => {
    expect(configError(configWith(`    inference_steps: [response_generator]
    variants:
      a: { from: a, step: response_generator, set: { temperature: 0.1 } }
`))).toContain("cycle: a → a");
  });

  it("a prompt target's step that is not an inference step", () => {
    const text = `version: 1
experiments:
  support:
    dataset: items.jsonl
    target: { type: prompt, model: gpt-4o-mini, prompt: "{{input}}", step: retriever }
    scorers: [json_valid]
    inference_steps: [response_generator]
`;
    expect(configError(text)).toContain("experiments.support.target.step");
  });
});
