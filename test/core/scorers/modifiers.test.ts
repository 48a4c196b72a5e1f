import { describe, expect, it } from "vitest";
import { experimentDefinition, experimentVersion } from "../../../src/core/config/experiment-version.js";
import { parseConfig } from "../../../src/core/config/load.js";
import type { ScorerRef } from "../../../src/core/config/schema.js";
import type { Item } from "../../../src/core/model/item.js";
import type { Score, TargetResult } from "../../../src/core/model/run-item.js";
import { resolveScorers, type ResolvedScorer } from "../../../src/core/scorers/registry.js";
import { scoreItem } from "../../../src/core/scorers/score-item.js";
import type { ScorerModifiers } from "../../../src/core/scorers/modifiers.js";
import type { ScoreFn } from "../../../src/core/scorers/scorer.js";

const item: Item = { id: "item-1", input: "Where is A1?", expected: "shipped" };
const answer: TargetResult = { output: "shipped", latency_ms: 5, attempts: 1 };

/** One scorer, resolved as an experiment resolves it, scored on one item. */
async function scoreWith(ref: Omit<ScorerRef, "label">, result: TargetResult = answer): Promise<Score> {
  const scorers = resolveScorers([{ label: ref.name, ...ref }], "experiments.orders.scorers");
  const scored = await scoreItem(scorers, item, result, { runId: "run-1" });
  return scored.scores[0]!;
}

/** A scorer that answers a fixed score and pass decision, with modifiers. */
function fixed(score: number, passed: boolean, modifiers: ScorerModifiers): ResolvedScorer {
  const fn: ScoreFn = () => ({ score, passed, evidence: { reason: `scored ${score}` } });
  return { label: "fixed", name: "fixed", fn, modifiers };
}

async function scoreFixed(score: number, passed: boolean, modifiers: ScorerModifiers) {
  return scoreItem([fixed(score, passed, modifiers)], item, answer, { runId: "run-1" });
}

describe("not", () => {
  it.each([
    ["tokens_max", { max: 10 }],
    ["cost_max", { max: 0.01 }],
  ])("never passes %s on a target that reported nothing to measure", async (name, config) => {
    const negated = await scoreWith({ name, config, not: true });
    expect(negated).toMatchObject({ score: 0, passed: false });
    expect(negated.error).toMatch(/never passes/);
  });

  it("turns a pass into a fail: score 1 − score, the reason prefixed", async () => {
    const plain = await scoreWith({ name: "equals", config: {} });
    const negated = await scoreWith({ name: "equals", config: {}, not: true });
    expect(plain).toMatchObject({ score: 1, passed: true });
    expect(negated).toMatchObject({ score: 0, passed: false });
    expect(negated.evidence.reason).toBe(`not: ${plain.evidence.reason}`);
  });

  it("turns a fail into a pass", async () => {
    const negated = await scoreWith({ name: "equals", config: {}, not: true }, { ...answer, output: "lost" });
    expect(negated).toMatchObject({ score: 1, passed: true });
    expect(negated.evidence.reason).toMatch(/^not: /);
  });

  it("keeps a scorer error an error: a missing expected value never passes", async () => {
    const negated = await scoreItem(
      resolveScorers([{ name: "equals", label: "equals", config: {}, not: true }], "experiments.orders.scorers"),
      { id: "item-2", input: "no expected value" },
      answer,
      { runId: "run-1" },
    );
    expect(negated.status).toBe("failed");
    expect(negated.scores[0]).toMatchObject({ score: 0, passed: false });
    expect(negated.scores[0]!.error).toMatch(/item has no value at "expected"/);
  });

  it("keeps a missing answer an error: not contains on a tool-calls-only answer does not pass", async () => {
    const toolCallsOnly: TargetResult = { latency_ms: 5, attempts: 1, tool_calls: [{ name: "search_orders" }] };
    const negated = await scoreWith({ name: "contains", config: { value: "refund" }, not: true }, toolCallsOnly);
    expect(negated).toMatchObject({ score: 0, passed: false });
    expect(negated.error).toMatch(/tool calls only/);
  });

  it("keeps a throwing scorer an error", async () => {
    const throwing: ResolvedScorer = {
      label: "judge",
      name: "custom",
      fn: () => {
        throw new Error("judge unreachable");
      },
      modifiers: { not: true },
    };
    const scored = await scoreItem([throwing], item, answer, { runId: "run-1" });
    expect(scored.status).toBe("failed");
    expect(scored.scores[0]).toMatchObject({ score: 0, passed: false, error: "judge unreachable" });
  });
});

describe("threshold", () => {
  it("passes a score that reaches it, whatever the scorer decided", async () => {
    const scored = await scoreFixed(0.6, false, { threshold: 0.5 });
    expect(scored.status).toBe("passed");
    expect(scored.scores[0]).toMatchObject({ score: 0.6, passed: true });
    expect(scored.scores[0]!.evidence.reason).toBe("scored 0.6; score 0.60 reaches the threshold 0.5");
  });

  it("fails a score below it, whatever the scorer decided", async () => {
    const scored = await scoreFixed(0.6, true, { threshold: 0.8 });
    expect(scored.status).toBe("failed");
    expect(scored.scores[0]).toMatchObject({ score: 0.6, passed: false });
    expect(scored.scores[0]!.evidence.reason).toBe("scored 0.6; score 0.60 is below the threshold 0.8");
  });

  it("counts a score on the threshold in floating point as reaching it", async () => {
    expect((await scoreFixed(0.1 + 0.2, false, { threshold: 0.3 })).status).toBe("passed");
    expect((await scoreFixed(0.29, true, { threshold: 0.3 })).status).toBe("failed");
  });

  it("applies before not: threshold 0.8 with not passes a score below 0.8, stored as 1 − score", async () => {
    const high = await scoreFixed(0.9, true, { threshold: 0.8, not: true });
    expect(high.status).toBe("failed");
    expect(high.scores[0]!.score).toBeCloseTo(0.1, 12);
    const low = await scoreFixed(0.5, true, { threshold: 0.8, not: true });
    expect(low.status).toBe("passed");
    expect(low.scores[0]!.score).toBe(0.5);
    expect(low.scores[0]!.evidence.reason).toBe("not: scored 0.5; score 0.50 is below the threshold 0.8");
  });
});

const CONFIG = `version: 1
experiments:
  orders:
    dataset: evals/orders.jsonl
    target: { type: http, url: "http://127.0.0.1:1/agent" }
    scorers:
      - SCORER
`;

function parseScorer(scorer: string): ScorerRef {
  return parseConfig(CONFIG.replace("SCORER", scorer), "evalgate.yml").experiments.orders!.scorers[0]!;
}

function versionOf(scorer: string): string {
  const experiment = parseConfig(CONFIG.replace("SCORER", scorer), "evalgate.yml").experiments.orders!;
  return experimentVersion(experimentDefinition(experiment));
}

function configError(scorer: string): string {
  try {
    parseScorer(scorer);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a config error");
}

describe("modifiers in evalgate.yml", () => {
  it("sit beside name and are kept in the experiment definition", () => {
    expect(parseScorer("{ name: equals, not: true, weight: 2, threshold: 0.8, when: { metadata.kind: tool }, config: { field: expected } }")).toEqual({
      name: "equals",
      label: "equals",
      config: { field: "expected" },
      not: true,
      weight: 2,
      threshold: 0.8,
      when: { "metadata.kind": "tool" },
    });
  });

  it("change the experiment version, except when a default is written out", () => {
    const plain = versionOf("equals");
    expect(versionOf("{ name: equals, not: false, weight: 1 }")).toBe(plain);
    expect(versionOf("{ name: equals, not: true }")).not.toBe(plain);
    expect(versionOf("{ name: equals, weight: 2 }")).not.toBe(plain);
    expect(versionOf("{ name: equals, threshold: 0.5 }")).not.toBe(plain);
    expect(versionOf("{ name: equals, when: { metadata.kind: tool } }")).not.toBe(plain);
  });

  it("are refused with the path and line of the field", () => {
    expect(configError("{ name: equals, weight: -1 }")).toBe(
      "evalgate.yml:7: experiments.orders.scorers[0].weight: a weight is a number ≥ 0, e.g. weight: 2",
    );
    expect(configError("{ name: equals, threshold: 1.5 }")).toBe(
      "evalgate.yml:7: experiments.orders.scorers[0].threshold: a threshold is a score between 0 and 1, e.g. threshold: 0.8",
    );
    expect(configError("{ name: equals, not: yes }")).toBe(
      "evalgate.yml:7: experiments.orders.scorers[0].not: write not: true to negate the scorer",
    );
    expect(configError("{ name: equals, wieght: 2 }")).toBe(
      "evalgate.yml:7: experiments.orders.scorers[0]: unknown key 'wieght' (did you mean 'weight'?)",
    );
  });

  it("refuse a when that is not a dot path into the item, or compares more than one value", () => {
    expect(configError("{ name: equals, when: { kind: tool } }")).toBe(
      'evalgate.yml:7: experiments.orders.scorers[0].when.kind: "kind" is not a dot path into the item; start it with input, expected, metadata or id (e.g. metadata.kind)',
    );
    expect(configError("{ name: equals, when: { metadata: { kind: tool } } }")).toMatch(
      /scorers\[0\]\.when\.metadata: compare one field with one value .* e\.g\. metadata\.kind: tool$/,
    );
    expect(configError("{ name: equals, when: {} }")).toBe(
      "evalgate.yml:7: experiments.orders.scorers[0].when: name at least one field, e.g. { metadata.kind: tool }",
    );
  });
});

describe("pass_rule in evalgate.yml", () => {
  const withRule = (lines: string) => CONFIG.replace("SCORER", "equals") + lines;
  const errorOf = (yaml: string) => {
    try {
      parseConfig(yaml, "evalgate.yml");
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected a config error");
  };
  const version = (yaml: string) => experimentVersion(experimentDefinition(parseConfig(yaml, "evalgate.yml").experiments.orders!));

  it("is part of the experiment version unless it is the default", () => {
    const plain = version(withRule(""));
    expect(version(withRule("    pass_rule: all\n"))).toBe(plain);
    const weighted = version(withRule("    pass_rule: weighted\n"));
    expect(weighted).not.toBe(plain);
    expect(version(withRule("    pass_rule: weighted\n    item_threshold: 0.5\n"))).toBe(weighted);
    expect(version(withRule("    pass_rule: weighted\n    item_threshold: 0.6\n"))).not.toBe(weighted);
  });

  it("refuses item_threshold without pass_rule: weighted, and a rule it does not know", () => {
    expect(errorOf(withRule("    item_threshold: 0.6\n"))).toBe(
      "evalgate.yml:8: experiments.orders.item_threshold: item_threshold is used only by pass_rule: weighted; add pass_rule: weighted or remove it",
    );
    expect(errorOf(withRule("    pass_rule: most\n"))).toBe(
      "evalgate.yml:8: experiments.orders.pass_rule: write all (every scorer passes in every repeat), weighted (the weighted mean score reaches item_threshold), " +
        "majority or any (of an item's repeats), or rate >= 0.8 (the fraction of repeats that must pass)",
    );
    expect(errorOf(withRule("    pass_rule: weighted\n    item_threshold: 2\n"))).toMatch(/^evalgate\.yml:9: experiments\.orders\.item_threshold: /);
  });
});
