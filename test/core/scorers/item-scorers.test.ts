import { describe, expect, it } from "vitest";
import type { ScorerRef } from "../../../src/core/config/schema.js";
import type { Item } from "../../../src/core/model/item.js";
import type { TargetResult } from "../../../src/core/model/run-item.js";
import { ItemScorers } from "../../../src/core/scorers/item-scorers.js";
import type { ScorerModifiers } from "../../../src/core/scorers/modifiers.js";
import { resolveScorers, type ResolvedScorer } from "../../../src/core/scorers/registry.js";
import { scoreItem, type ItemPassRule } from "../../../src/core/scorers/score-item.js";
import { inspectDataset, readDataset } from "../../../src/engine/dataset-file.js";
import { collect, jsonl, userErrorOf, writeDataset } from "../dataset/temp-dataset.js";

const answer: TargetResult = { output: "Order A1 shipped", latency_ms: 5, attempts: 1 };
const ids = { runId: "run-1" };
const weighted = (item_threshold: number): ItemPassRule => ({ pass_rule: "weighted", item_threshold });

function fixed(label: string, score: number, modifiers: ScorerModifiers = {}): ResolvedScorer {
  return { label, name: "fixed", fn: () => ({ score, passed: score === 1, evidence: { reason: `scored ${score}` } }), modifiers };
}

describe("pass_rule", () => {
  const item: Item = { id: "item-1", input: "Where is A1?" };

  it("all (the default) fails an item when one scorer fails", async () => {
    const scored = await scoreItem([fixed("a", 1, { weight: 3 }), fixed("b", 0)], item, answer, ids);
    expect(scored.status).toBe("failed");
  });

  it("weighted passes an item whose weighted mean reaches item_threshold although a scorer failed", async () => {
    // (3 × 1 + 1 × 0) / (3 + 1) = 0.75
    const scorers = [fixed("a", 1, { weight: 3 }), fixed("b", 0)];
    expect((await scoreItem(scorers, item, answer, ids, weighted(0.75))).status).toBe("passed");
    expect((await scoreItem(scorers, item, answer, ids, weighted(0.76))).status).toBe("failed");
  });

  it("weighted fails an item whose weighted mean is below item_threshold although no scorer is low alone", async () => {
    // (1 × 0.7 + 2 × 0.4) / 3 = 0.5, below 0.6; equal to the default 0.5 it passes
    const scorers = [fixed("a", 0.7), fixed("b", 0.4, { weight: 2 })];
    expect((await scoreItem(scorers, item, answer, ids, weighted(0.6))).status).toBe("failed");
    expect((await scoreItem(scorers, item, answer, ids, weighted(0.5))).status).toBe("passed");
  });

  it("weighted ignores a weight-0 scorer but still stores its score", async () => {
    const scored = await scoreItem([fixed("a", 1), fixed("info", 0, { weight: 0 })], item, answer, ids, weighted(1));
    expect(scored.status).toBe("passed");
    expect(scored.scores.map((score) => score.scorer)).toEqual(["a", "info"]);
  });

  it("weighted fails an item with a scorer error, however high the mean: an error is not a low score", async () => {
    const throwing: ResolvedScorer = {
      label: "judge",
      name: "custom",
      fn: () => {
        throw new Error("judge unreachable");
      },
      modifiers: { weight: 0.01 },
    };
    const scored = await scoreItem([fixed("a", 1, { weight: 100 }), throwing], item, answer, ids, weighted(0.1));
    expect(scored.status).toBe("failed");
  });

  it("weighted makes an item whose scorers all weigh 0 an error: nothing decided it", async () => {
    const scored = await scoreItem([fixed("a", 1, { weight: 0 })], item, answer, ids, weighted(0.5));
    expect(scored.status).toBe("error");
    expect(scored.error).toMatch(/weight 0/);
  });
});

describe("when", () => {
  const tool: Item = { id: "t", input: "q", metadata: { kind: "tool", tier: "3" } };
  const text: Item = { id: "x", input: "q", metadata: { kind: "text" } };

  it("runs a scorer only on the items whose fields match, storing no score on the others", async () => {
    const scorers = [fixed("always", 1), fixed("tools", 0, { when: { "metadata.kind": "tool" } })];
    const onTool = await scoreItem(scorers, tool, answer, ids);
    const onText = await scoreItem(scorers, text, answer, ids);
    expect(onTool.scores.map((score) => score.scorer)).toEqual(["always", "tools"]);
    expect(onTool.status).toBe("failed");
    expect(onText.scores.map((score) => score.scorer)).toEqual(["always"]);
    expect(onText.status).toBe("passed");
  });

  it("needs every key to match, compares by the scalar rule, and a missing field matches nothing", async () => {
    const both = fixed("both", 1, { when: { "metadata.kind": "tool", "metadata.tier": 3 } });
    const other = fixed("other", 1);
    expect((await scoreItem([both, other], tool, answer, ids)).scores).toHaveLength(2);
    expect((await scoreItem([both, other], text, answer, ids)).scores).toHaveLength(1);
    const missing = fixed("missing", 1, { when: { "metadata.lang": null } });
    expect((await scoreItem([missing, other], text, answer, ids)).scores).toHaveLength(1);
  });

  it("makes an item no scorer applies to an error, never a pass", async () => {
    const scored = await scoreItem([fixed("tools", 1, { when: { "metadata.kind": "tool" } })], text, answer, ids);
    expect(scored).toEqual({
      status: "error",
      scores: [],
      error: "no scorer applies to this item: the when of every scorer excludes it; give the item scorers of its own or widen a when",
    });
  });
});

const EXPERIMENT_REFS: ScorerRef[] = [{ name: "contains", label: "contains", config: { value: "A1" } }];

/** The experiment's scorers and a resolver that counts how often item scorers are resolved. */
function itemScorers(): { scorers: ItemScorers; resolutions: () => number } {
  let resolutions = 0;
  const path = "experiments.orders.scorers";
  const scorers = new ItemScorers({ refs: EXPERIMENT_REFS, scorers: resolveScorers(EXPERIMENT_REFS, path), path }, (refs, at) => {
    resolutions += 1;
    return resolveScorers(refs, at);
  });
  return { scorers, resolutions: () => resolutions };
}

describe("an item's own scorers", () => {
  it("are added to the experiment's", () => {
    const { scorers } = itemScorers();
    const item: Item = { id: "a", input: "q", scorers: ["json_valid", { name: "icontains", config: { value: "shipped" } }] };
    expect(scorers.scorersFor(item).map((scorer) => scorer.label)).toEqual(["contains", "json_valid", "icontains"]);
  });

  it("replace the experiment's with scorers_mode: replace", async () => {
    const { scorers } = itemScorers();
    const item: Item = { id: "a", input: "q", scorers: [{ name: "icontains", config: { value: "SHIPPED" } }], scorers_mode: "replace" };
    const own = scorers.scorersFor(item);
    expect(own.map((scorer) => scorer.label)).toEqual(["icontains"]);
    expect((await scoreItem(own, item, answer, ids)).status).toBe("passed");
  });

  it("leave an item without them to the experiment's", () => {
    const { scorers, resolutions } = itemScorers();
    expect(scorers.scorersFor({ id: "a", input: "q" }).map((scorer) => scorer.label)).toEqual(["contains"]);
    expect(resolutions()).toBe(0);
  });

  it("are resolved once per distinct definition, whatever the key order", () => {
    const { scorers, resolutions } = itemScorers();
    const first = scorers.scorersFor({ id: "a", input: "q", scorers: [{ name: "equals", config: { field: "expected" } }] });
    const same = scorers.scorersFor({ id: "b", input: "r", scorers: [{ config: { field: "expected" }, name: "equals" }] });
    scorers.scorersFor({ id: "c", input: "s", scorers: [{ name: "equals", config: { field: "expected" } }], scorers_mode: "replace" });
    expect(same).toBe(first);
    expect(resolutions()).toBe(2);
  });

  it("may not take a label of the experiment's scorers when added", () => {
    const { scorers } = itemScorers();
    expect(() => scorers.scorersFor({ id: "a", input: "q", scorers: [{ name: "contains", config: { value: "B2" } }] }, "evals/x.jsonl:4")).toThrow(
      'evals/x.jsonl:4: scorers[0]: the label "contains" is already used by experiments.orders.scorers[0]; give this one its own label, e.g. { name: contains, label: contains_item, config: … }, or write scorers_mode: replace',
    );
    const replaced = scorers.scorersFor({ id: "a", input: "q", scorers: [{ name: "contains", config: { value: "B2" } }], scorers_mode: "replace" });
    expect(replaced.map((scorer) => scorer.label)).toEqual(["contains"]);
  });

  it("take the modifiers, and when", async () => {
    const { scorers } = itemScorers();
    const item: Item = { id: "a", input: "q", metadata: { kind: "text" }, scorers: [{ name: "contains", label: "no_refund", config: { value: "refund" }, not: true }] };
    const scored = await scoreItem(scorers.scorersFor(item), item, answer, ids);
    expect(scored.status).toBe("passed");
    expect(scored.scores.map((score) => [score.scorer, score.passed])).toEqual([["contains", true], ["no_refund", true]]);
  });
});

/** Inspects a project dataset, resolving every item's own scorers as the engine does. */
async function inspectWithScorers(name: string, content: string): Promise<string> {
  const file = await writeDataset(name, content);
  const { scorers } = itemScorers();
  return userErrorOf(
    inspectDataset(file, `evals/${name}`, {
      quoteContent: true,
      checkItem: (item, where) => void scorers.scorersFor(item, where),
    }),
  );
}

describe("an item's own scorers in a dataset file", () => {
  it("an unknown scorer is refused with the file, line and field", async () => {
    const message = await inspectWithScorers("orders.jsonl", jsonl([{ input: "q1" }, { input: "q2", scorers: ["equal"] }]));
    expect(message).toMatch(/^evals\/orders\.jsonl:2: scorers\[0\]\.name: unknown scorer "equal" \(did you mean "equals"\?/);
  });

  it("a bad config or modifier is refused with the file, line and field", async () => {
    const records = [{ input: "q1", scorers: [{ name: "tool_called", config: {}, weight: -2 }] }];
    expect(await inspectWithScorers("orders.jsonl", jsonl(records))).toBe(
      "evals/orders.jsonl:1: scorers[0].weight: a weight is a number ≥ 0, e.g. weight: 2",
    );
    const badConfig = [{ input: "q1", scorers: [{ name: "tool_called", config: {} }] }];
    expect(await inspectWithScorers("orders.jsonl", jsonl(badConfig))).toMatch(/^evals\/orders\.jsonl:1: scorers\[0\]\.config\.tool: /);
  });

  it("a JSON array element is named by line and index", async () => {
    const message = await inspectWithScorers("orders.json", JSON.stringify([{ input: "q1" }, { input: "q2", scorers: [{ nam: "equals" }] }], null, 1));
    expect(message).toMatch(/^evals\/orders\.json:\d+: item \[1\]: scorers\[0\]/);
  });

  it("scorers that are not a list, or a replace with nothing, are refused", async () => {
    expect(await inspectWithScorers("orders.jsonl", jsonl([{ input: "q", scorers: "json_valid" }]))).toBe(
      'evals/orders.jsonl:1: "scorers" must be a list of scorers, as in evalgate.yml (e.g. ["json_valid"]), got a string',
    );
    expect(await inspectWithScorers("orders.jsonl", jsonl([{ input: "q", scorers: [], scorers_mode: "replace" }]))).toBe(
      'evals/orders.jsonl:1: "scorers_mode" is "replace" but "scorers" is empty; the item would have no scorer',
    );
    expect(await inspectWithScorers("orders.jsonl", jsonl([{ input: "q", scorers_mode: "override" }]))).toBe(
      'evals/orders.jsonl:1: "scorers_mode" must be "add" (the default) or "replace"',
    );
  });

  it("are not part of the input or the metadata, and a CSV cell holds them as a JSON list", async () => {
    const jsonlFile = await writeDataset("a.jsonl", jsonl([{ question: "q", scorers: ["json_valid"], scorers_mode: "replace" }]));
    expect(await collect(readDataset(jsonlFile, "a.jsonl"))).toEqual([
      expect.objectContaining({ input: { question: "q" }, scorers: ["json_valid"], scorers_mode: "replace" }),
    ]);
    const csvFile = await writeDataset("a.csv", 'id,input,scorers\n1,q1,"[""json_valid""]"\n2,q2,\n');
    const items = await collect(readDataset(csvFile, "a.csv"));
    expect(items).toEqual([
      { id: "1", input: "q1", scorers: ["json_valid"] },
      { id: "2", input: "q2" },
    ]);
  });

  it("are part of the dataset version", async () => {
    const plain = await writeDataset("a.jsonl", jsonl([{ id: "1", input: "q" }]));
    const judged = await writeDataset("a.jsonl", jsonl([{ id: "1", input: "q", scorers: ["json_valid"] }]));
    const replaced = await writeDataset("a.jsonl", jsonl([{ id: "1", input: "q", scorers: ["json_valid"], scorers_mode: "replace" }]));
    const added = await writeDataset("a.jsonl", jsonl([{ id: "1", input: "q", scorers: ["json_valid"], scorers_mode: "add" }]));
    const versions = await Promise.all([plain, judged, replaced, added].map(async (file) => (await inspectDataset(file, "a.jsonl")).version));
    expect(new Set(versions.slice(0, 3)).size).toBe(3);
    expect(versions[3]).toBe(versions[1]);
  });
});
