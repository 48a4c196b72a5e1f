import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const VARIANTS = [
  "    inference_steps: [response_generator]",
  "    variants:",
  "      cooler: { step: response_generator, set: { temperature: 0.3 } }",
  "      gpt4o:  { from: cooler, step: response_generator, set: { model: gpt-4o } }",
  "",
].join("\n");

interface TreeRow {
  variant: string;
  overrides: string;
  status: string;
  pass_rate: number | null;
  vs_baseline: number | null;
  total: number | null;
  passed: number | null;
  failed: number | null;
  completed_at: string | null;
  run: string | null;
}

async function tree(cwd: string): Promise<TreeRow[]> {
  const listed = await runEvalgate(["variants", "list", "arithmetic", "--format", "json"], { cwd });
  expect(listed.stderr).toBe("");
  return JSON.parse(listed.stdout) as TreeRow[];
}

describe("variants: lifecycle, locking and the variant tree", () => {
  it("a variant waits for the baseline; then runs over the locked items, and the tree shows each one against the baseline", async () => {
    // The baseline's deployment (/v1) answers two items wrong, gpt4o's (/v2) one.
    target = await startArithmeticTarget({ wrongFor: { v1: ["item-0", "item-1"], v2: ["item-0"] } });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0 }) + VARIANTS, "items.jsonl": arithmeticDataset(4) });
    const run = (args: string[]) => runEvalgate(["run", "arithmetic", ...args], { cwd });

    const early = await run(["--target-url", `${target.url}/v1`, "--variant", "cooler"]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('experiment "arithmetic" is draft: run the baseline first');
    expect(target.requests).toBe(0);

    expect((await run(["--target-url", `${target.url}/v1`])).code).toBe(0);
    expect((await tree(cwd))[0]).toMatchObject({ variant: "baseline", status: "baseline_complete (passed)", pass_rate: 0.5 });

    expect((await run(["--target-url", `${target.url}/v2`, "--variant", "gpt4o"])).code).toBe(0);
    const [baseline, cooler, gpt4o] = await tree(cwd);
    expect(baseline).toMatchObject({ variant: "baseline", status: "idle (passed)", total: 4, passed: 2, failed: 2 });
    expect(cooler).toMatchObject({ variant: "cooler", overrides: "response_generator.temperature = 0.3", status: "not run", pass_rate: null });
    expect(gpt4o).toMatchObject({
      variant: "gpt4o",
      overrides: 'response_generator.model = "gpt-4o", response_generator.temperature = 0.3',
      status: "passed",
      pass_rate: 0.75,
      vs_baseline: 0.5,
      total: 4,
      passed: 3,
      failed: 1,
    });
    expect(gpt4o!.completed_at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const compared = await runEvalgate(["runs", "compare", baseline!.run!, gpt4o!.run!], { cwd });
    expect(compared.stdout).toContain(
      '  overrides   response_generator.model: (not overridden) → "gpt-4o"\n' +
        "              response_generator.temperature: (not overridden) → 0.3\n",
    );
    const plain = await runEvalgate(["runs", "compare", baseline!.run!, baseline!.run!], { cwd });
    expect(plain.stdout).not.toContain("overrides");

    const table = await runEvalgate(["variants", "list", "arithmetic"], { cwd });
    expect(table.stdout).toMatch(/└ cooler[\s\S]*└ gpt4o/);
    expect(table.stdout).toContain("+50.0%");

    // The dataset file changed: its items are no longer the locked ones.
    await writeFile(path.join(cwd, "items.jsonl"), arithmeticDataset(5));
    const changed = await run(["--target-url", `${target.url}/v2`, "--variant", "cooler"]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/its items are locked by baseline run \S+ \(dataset version \w+, 4 items\)/);
    expect(changed.stderr).toContain("or run over the locked items with --locked");

    // --locked runs exactly the baseline's item ids, not the added item-4.
    target.bodies.length = 0;
    const locked = await run(["--target-url", `${target.url}/v2`, "--variant", "cooler", "--locked"]);
    expect(locked.code).toBe(0);
    const sent = (target.bodies as { item_id: string }[]).map((body) => body.item_id).sort();
    expect(sent).toEqual(["item-0", "item-1", "item-2", "item-3"]);
    expect((await tree(cwd))[1]).toMatchObject({ variant: "cooler", total: 4 });

    // A locked item missing from the file cannot be run.
    await writeFile(path.join(cwd, "items.jsonl"), arithmeticDataset(3));
    const missing = await run(["--target-url", `${target.url}/v2`, "--variant", "cooler", "--locked"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("1 of them are no longer in items.jsonl (item-3)");

    await writeFile(path.join(cwd, "items.jsonl"), arithmeticDataset(4));
    const completed = await runEvalgate(["experiments", "complete", "arithmetic"], { cwd });
    expect(completed.stdout).toBe('experiment "arithmetic": idle → completed\n');
    const after = await run(["--target-url", `${target.url}/v2`, "--variant", "cooler"]);
    expect(after.code).toBe(2);
    expect(after.stderr).toContain('experiment "arithmetic" is completed');
    expect((await runEvalgate(["experiments", "archive", "arithmetic"], { cwd })).stdout).toBe(
      'experiment "arithmetic": completed → archived\n',
    );
    const again = await runEvalgate(["experiments", "archive", "arithmetic"], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("an archived experiment runs no more");
  }, 60_000);

  it("a baseline over part of the dataset (a sample) locks nothing: variants still wait for a full one", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0 }) + VARIANTS, "items.jsonl": arithmeticDataset(10) });
    const run = (args: string[]) => runEvalgate(["run", "arithmetic", "--target-url", target!.url, ...args], { cwd });
    expect((await run(["--rows", "0,2,4,6"])).code).toBe(0);
    const variant = await run(["--variant", "cooler"]);
    expect(variant.code).toBe(2);
    expect(variant.stderr).toContain("run the baseline first");
    expect((await run([])).code).toBe(0);
    expect((await run(["--variant", "cooler"])).code).toBe(0);
    const [baseline, cooler] = await tree(cwd);
    expect(baseline).toMatchObject({ total: 10 });
    expect(cooler).toMatchObject({ total: 10, vs_baseline: 0 });
  });

  it("a baseline run made before the variants were declared completes the baseline", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd })).code).toBe(0);
    await writeFile(path.join(cwd, "evalgate.yml"), arithmeticConfig() + VARIANTS);
    const variant = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--variant", "cooler"], { cwd });
    expect(variant.stderr).not.toContain("evalgate:");
    expect(variant.code).toBe(0);
    expect((await tree(cwd))[0]).toMatchObject({ status: "idle (passed)", total: 2 });
  }, 30_000);

  it("an experiment without variants has no lifecycle: its runs are never refused", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd })).code).toBe(0);
    await writeFile(path.join(cwd, "items.jsonl"), arithmeticDataset(3));
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd })).code).toBe(0);
  });
});
