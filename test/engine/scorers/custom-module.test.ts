import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExperimentConfigSchema } from "../../../src/core/config/schema.js";
import { prepareExperiment } from "../../../src/engine/prepare-experiment.js";
import { configError, customScorer, scoreOne } from "./custom-scorer-fixtures.js";

let project: string;

async function write(name: string, source: string): Promise<void> {
  await fs.mkdir(path.dirname(path.join(project, name)), { recursive: true });
  await fs.writeFile(path.join(project, name), source);
}

beforeAll(async () => {
  project = await fs.mkdtemp(path.join(os.tmpdir(), "evalgate-module-scorer-"));
  await write(
    "evals/scorers/tone.ts",
    `interface ScorerInput { output: unknown; expected: unknown; item_id: string; tool_calls: { name: string }[] }
interface Options { word: string }
export default function tone(input: ScorerInput, options: Options): { score: number; reason: string; evidence: object } {
  const text = String(input.output);
  const found = text.includes(options.word);
  return {
    score: found ? 1 : 0.2,
    reason: found ? \`says "\${options.word}"\` : \`never says "\${options.word}"\`,
    evidence: { item: input.item_id, tools: input.tool_calls.map((call) => call.name), expected: input.expected },
  };
}
`,
  );
  await write("evals/scorers/async.mjs", "export default async (input) => ({ score: input.latency_ms < 1000 ? 0.9 : 0 });\n");
  await write("evals/scorers/judged.mjs", "export default () => ({ score: 0.9, passed: false });\n");
  await write("evals/scorers/throws.ts", "export default function (): never { throw new Error('the rubric file is missing'); }\n");
  await write("evals/scorers/never.mjs", "export default () => new Promise(() => {});\n");
  await write("evals/scorers/spins.mjs", "export default () => { for (;;) {} };\n");
  await write("evals/scorers/score-two.mjs", "export default () => ({ score: 2 });\n");
  await write("evals/scorers/text.mjs", "export default () => 'looks fine';\n");
  await write("evals/scorers/named.mjs", "export function score() { return { score: 1 }; }\n");
  await write("evals/orders.jsonl", '{"id": "a", "input": "where is order 42?"}\n');
});
afterAll(async () => {
  await fs.rm(project, { recursive: true, force: true });
});

describe("module scorer", () => {
  it("loads a TypeScript file without a build step and passes it the item, the output and options", async () => {
    const scorer = customScorer("module", { path: "./evals/scorers/tone.ts", options: { word: "shipped" } }, project);
    const score = await scoreOne(scorer);
    expect(score).toMatchObject({ score: 1, passed: true, scorer: "my_module" });
    expect(score.error).toBeUndefined();
    expect(score.evidence).toEqual({
      read: { item: "item-1", tools: ["search_orders"], expected: "shipped" },
      reason: 'says "shipped"',
    });
  });

  it("fails an item whose score is below the threshold", async () => {
    const scorer = customScorer("module", { path: "evals/scorers/tone.ts", options: { word: "refunded" }, threshold: 0.5 }, project);
    const score = await scoreOne(scorer);
    expect(score).toMatchObject({ score: 0.2, passed: false });
    expect(score.error).toBeUndefined();
  });

  it("awaits an async function and names the scorer and its score when it gives no reason", async () => {
    const score = await scoreOne(customScorer("module", { path: "evals/scorers/async.mjs", threshold: 0.95 }, project));
    expect(score).toMatchObject({ score: 0.9, passed: false });
    expect(score.evidence.reason).toBe("module scorer evals/scorers/async.mjs scored 0.9, below the threshold 0.95");
  });

  it("keeps the scorer's own passed over the threshold", async () => {
    const score = await scoreOne(customScorer("module", { path: "evals/scorers/judged.mjs" }, project));
    expect(score).toMatchObject({ score: 0.9, passed: false });
  });

  it("records a function that throws as the scorer's error on the item", async () => {
    const score = await scoreOne(customScorer("module", { path: "evals/scorers/throws.ts" }, project));
    expect(score).toMatchObject({ score: 0, passed: false, error: "the rubric file is missing" });
  });

  it("cuts a function whose promise never settles at its timeout", async () => {
    const started = Date.now();
    const score = await scoreOne(customScorer("module", { path: "evals/scorers/never.mjs", timeout: "200ms" }, project));
    expect(score.error).toMatch(/did not answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("cuts a function stuck in a synchronous loop at its timeout", async () => {
    const score = await scoreOne(customScorer("module", { path: "evals/scorers/spins.mjs", timeout: "200ms" }, project));
    expect(score.error).toMatch(/did not answer within 200 ms/);
  });

  it("stops waiting when the run is cancelled", async () => {
    const controller = new AbortController();
    const scoring = scoreOne(customScorer("module", { path: "evals/scorers/never.mjs" }, project), undefined, undefined, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const score = await scoring;
    expect(score.error).toMatch(/abort/i);
  });

  it("refuses a malformed answer: a score above 1, or not an object", async () => {
    const two = await scoreOne(customScorer("module", { path: "evals/scorers/score-two.mjs" }, project));
    expect(two.error).toMatch(/answered \{"score":2\}, which is not a score: score must be between 0 and 1/);
    const text = await scoreOne(customScorer("module", { path: "evals/scorers/text.mjs" }, project));
    expect(text.error).toMatch(/answer an object such as/);
  });

  it("says what to write when the file has no default-exported function", async () => {
    const named = await scoreOne(customScorer("module", { path: "evals/scorers/named.mjs" }, project));
    expect(named.error).toMatch(/has no default-exported function; write export default function/);
  });

  it("refuses a config without a path, naming the field", () => {
    expect(configError("module", {}, project)).toMatch(/^experiments\.orders\.scorers\[0\]\.config\.path: /);
  });
});

describe("a module scorer in an experiment", () => {
  function experiment(scorerPath: string) {
    return ExperimentConfigSchema.parse({
      dataset: "evals/orders.jsonl",
      target: { type: "http", url: "http://127.0.0.1:9/agent" },
      scorers: [{ name: "module", config: { path: scorerPath } }],
    });
  }
  const prepare = (scorerPath: string) =>
    prepareExperiment({ name: "orders", experiment: experiment(scorerPath), configDir: project, env: {} });

  it("is refused before the run when its file is outside the project, naming the field", async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), "evalgate-outside-"));
    await fs.writeFile(path.join(outside, "steal.mjs"), "export default () => ({ score: 1 });\n");
    try {
      await expect(prepare(path.join(outside, "steal.mjs"))).rejects.toThrow(
        /^experiments\.orders\.scorers\[0\]\.config\.path: ".*steal\.mjs" is outside the project/,
      );
      await expect(prepare("../x/steal.mjs")).rejects.toThrow(/experiments\.orders\.scorers\[0\]\.config\.path: .*outside the project/);
      await expect(prepare("../x/steal.mjs")).rejects.toThrow(/move the scorer file into the project \(a scorer's code is never run from outside it\)$/);
      const direct = await scoreOne(customScorer("module", { path: path.join(outside, "steal.mjs") }, project));
      expect(direct.error).toMatch(/is outside the project .*never run from outside it/);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it("is refused before the run when its file is missing", async () => {
    await expect(prepare("evals/scorers/missing.ts")).rejects.toThrow(
      'experiments.orders.scorers[0].config.path: "evals/scorers/missing.ts" not found',
    );
  });

  it("makes the file's content part of the experiment version", async () => {
    await write("evals/scorers/versioned.ts", "export default () => ({ score: 1 });\n");
    const first = await prepare("evals/scorers/versioned.ts");
    const again = await prepare("evals/scorers/versioned.ts");
    await write("evals/scorers/versioned.ts", "export default () => ({ score: 0 });\n");
    const edited = await prepare("evals/scorers/versioned.ts");
    for (const prepared of [first, again, edited]) await prepared.target.close?.();
    expect(again.version).toBe(first.version);
    expect(edited.version).not.toBe(first.version);
    expect(first.definition).toMatchObject({ scorer_files: { "evals/scorers/versioned.ts": expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } });
  });

  it("makes the project files the module imports, and what they import, part of the version; a module importing none keeps its version", async () => {
    await write("evals/scorers/judge.ts", 'import { exact } from "./lib/helper";\nimport path from "node:path";\nexport default (i: { output: unknown }) => ({ score: exact(i.output) ? 1 : 0, reason: path.sep });\n');
    await write("evals/scorers/lib/helper.ts", 'export { exact } from "./deep.mjs";\n');
    await write("evals/scorers/lib/deep.mjs", "export const exact = (o) => o === 1;\n");
    const first = await prepare("evals/scorers/judge.ts");
    await write("evals/scorers/lib/deep.mjs", "export const exact = () => true;\n");
    const edited = await prepare("evals/scorers/judge.ts");
    for (const prepared of [first, edited]) await prepared.target.close?.();
    expect(Object.keys((first.definition as { scorer_files: object }).scorer_files).sort()).toEqual([
      "evals/scorers/judge.ts",
      "evals/scorers/judge.ts imports ./evals/scorers/lib/deep.mjs",
      "evals/scorers/judge.ts imports ./evals/scorers/lib/helper.ts",
    ]);
    expect(edited.version).not.toBe(first.version);
    // The lone module of the test above: only its own digest, as before imports were followed.
    const alone = await prepare("evals/scorers/versioned.ts");
    await alone.target.close?.();
    expect(Object.keys((alone.definition as { scorer_files: object }).scorer_files)).toEqual(["evals/scorers/versioned.ts"]);
  });
});
