import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";
import { storedItems } from "./stored-runs.js";
import { arithmeticConfig } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** The arithmetic target; `failing` item ids answer 500 while they are listed. */
function startAdder(failing: Set<string> = new Set()): Promise<TargetServer> {
  return startTarget({
    respond: (body) => {
      const { input, item_id } = body as { input: { question: string }; item_id: string };
      if (failing.has(item_id)) return { status: 500, json: { error: "down" } };
      const [a, b] = input.question.split("+").map(Number);
      return { json: { output: { answer: (a ?? 0) + (b ?? 0) } } };
    },
  });
}

/** The row order a positional selection records, computed here from the ids as the file lists them. */
const orderOf = (ids: string[]): string => createHash("sha256").update(ids.map((id) => `"${id}"\n`).join("")).digest("hex").slice(0, 12);
const TEN = Array.from({ length: 10 }, (_, index) => `item-${index}`);

const calledItems = (server: TargetServer): string[] =>
  server.bodies.map((body) => (body as { item_id: string }).item_id).sort();

describe("evalgate run with sampling options", () => {
  it("--sample 50 --seed 42 over 10 items calls exactly items 3, 4, 7 and 9, and runs show prints the selection", { timeout: 60_000 }, async () => {
    target = await startAdder();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(10) });
    const run = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--sample", "50", "--seed", "42"], { cwd });
    expect(run.stderr).not.toContain("unexpected error");
    expect(run.code).toBe(0);
    expect(calledItems(target)).toEqual(["item-3", "item-4", "item-7", "item-9"]);

    const { runId } = await storedItems(cwd);
    const shown = await runEvalgate(["runs", "show", runId], { cwd });
    expect(shown.stdout).toMatch(/selection\s+sample 50% \(seed 42\): 4 items/);
    const stored = JSON.parse((await runEvalgate(["runs", "show", runId, "--format", "json"], { cwd })).stdout);
    expect(stored.selection).toEqual({ mode: "sample", value: "50", seed: 42, selected: 4, order: orderOf(TEN) });
    expect(stored.item_count).toBe(4);
    expect(stored.summary.total).toBe(4);
  });

  it("--rows runs the listed rows; two modes at once exit 2", { timeout: 60_000 }, async () => {
    target = await startAdder();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(10) });
    const both = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--sample", "50", "--rows", "1"], { cwd });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("sampling options are mutually exclusive");
    const badRows = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--rows", "5-3"], { cwd });
    expect(badRows.code).toBe(2);
    expect(badRows.stderr).toContain("--rows");
    const noRows = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--rows", "10-12"], { cwd });
    expect(noRows.code).toBe(2);
    expect(noRows.stderr).toContain("--rows 10-12: row 12 is past the end of items.jsonl, whose 10 rows are 0–9");
    // A range reaching past the end is refused too, not clamped to the rows that exist.
    const pastEnd = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--rows", "9,10,500"], { cwd });
    expect(pastEnd.code).toBe(2);
    expect(pastEnd.stderr).toContain("row 500 is past the end");
    expect(target.requests).toBe(0);
    // A refused run stores nothing: no run, and no experiment version that no run was made of.
    const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
    try {
      expect(await store.listRuns()).toEqual([]);
      expect(await store.listExperimentVersions()).toEqual([]);
    } finally {
      await store.close();
    }

    const rows = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--rows", "0,3-5,9"], { cwd });
    expect(rows.code).toBe(0);
    expect(calledItems(target)).toEqual(["item-0", "item-3", "item-4", "item-5", "item-9"]);
  });

  it("--resume of a sampled run keeps its selection and refuses another", { timeout: 60_000 }, async () => {
    const failing = new Set(["item-7"]);
    target = await startAdder(failing);
    const config = arithmeticConfig({ retries: 0 });
    const cwd = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": arithmeticDataset(10) });
    const first = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--sample", "50", "--seed", "42"], { cwd });
    expect(first.stderr).not.toContain("unexpected error");
    const { runId, items } = await storedItems(cwd);
    expect(items.map((item) => [item.item_id, item.status])).toContainEqual(["item-7", "error"]);

    const other = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", runId, "--rows", "1"], { cwd });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("sample 50% (seed 42): 4 items");

    failing.clear();
    const before = target.bodies.length;
    const resumed = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", runId], { cwd });
    expect(resumed.code).toBe(0);
    expect(target.bodies.slice(before).map((body) => (body as { item_id: string }).item_id)).toEqual(["item-7"]);
    const stored = JSON.parse((await runEvalgate(["runs", "show", runId, "--format", "json"], { cwd })).stdout);
    expect(stored.selection).toEqual({ mode: "sample", value: "50", seed: 42, selected: 4, order: orderOf(TEN) });
    expect(stored.summary).toMatchObject({ total: 4, passed: 4 });
  });

  it("a selection by row position is refused over a stored dataset version, whose items are in id order, and calls nothing", { timeout: 60_000 }, async () => {
    target = await startAdder();
    // item-10 sorts between item-1 and item-2: in id order, "rows 2-4" would be item-10, item-2, item-3.
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(11) });
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--rows", "2-4"], { cwd })).code).toBe(0);
    expect(calledItems(target)).toEqual(["item-2", "item-3", "item-4"]);
    const { runId } = await storedItems(cwd);
    const version = JSON.parse((await runEvalgate(["runs", "show", runId, "--format", "json"], { cwd })).stdout).dataset_version as string;

    const calls = target.requests;
    for (const flags of [["--rows", "2-4"], ["--sample", "50", "--seed", "7"], ["--split", "train:50"]]) {
      const refused = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--dataset-version", version, ...flags], { cwd });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${flags.join(" ")} picks rows by their position in the dataset file, and a stored dataset version keeps its items in id order`);
    }
    // By item id, a stored version selects as the file does.
    const shard = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--dataset-version", version, "--shard", "1/2"], { cwd });
    expect(shard.code).toBe(0);
    expect(target.requests - calls).toBeGreaterThan(0);
  });

  it("a positional run is resumed only over rows in the order it started with: not reordered, not from a stored version", { timeout: 60_000 }, async () => {
    const failing = new Set(["item-3"]);
    target = await startAdder(failing);
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ retries: 0 }), "items.jsonl": arithmeticDataset(11) });
    await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--rows", "2-4"], { cwd });
    const { runId } = await storedItems(cwd);
    const shown = JSON.parse((await runEvalgate(["runs", "show", runId, "--format", "json"], { cwd })).stdout);
    expect(shown.selection.order).toBe(orderOf(Array.from({ length: 11 }, (_, index) => `item-${index}`)));
    failing.clear();

    // The same items (so the same dataset version), item-10 moved to the top: rows 2-4 would be item-1, item-2, item-3.
    const lines = arithmeticDataset(11).trimEnd().split("\n");
    await writeFile(path.join(cwd, "items.jsonl"), [lines[10], ...lines.slice(0, 10)].join("\n") + "\n");
    const before = target.requests;
    const reordered = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", runId], { cwd });
    expect(reordered.code).toBe(2);
    expect(reordered.stderr).toContain(`--resume ${runId}: the rows of items.jsonl are in another order than when the run started, so that run's --rows 2-4 would now pick other items`);
    const pinned = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", runId, "--dataset-version", shown.dataset_version], { cwd });
    expect(pinned.code).toBe(2);
    expect(pinned.stderr).toContain(`--resume ${runId}: that run's --rows 2-4 picks rows by their position in the dataset file`);
    expect(target.requests).toBe(before);

    // Back in its order, the resume calls only the errored item and ends with the run's three rows.
    await writeFile(path.join(cwd, "items.jsonl"), arithmeticDataset(11));
    const resumed = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", runId], { cwd });
    expect(resumed.code).toBe(0);
    expect(target.requests - before).toBe(1);
    expect((await storedItems(cwd)).items.map((item) => item.item_id).sort()).toEqual(["item-2", "item-3", "item-4"]);
  });

  it("a sampled run compared with a full baseline is compared over the shared items and says so", { timeout: 60_000 }, async () => {
    target = await startAdder();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(10) });
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd })).code).toBe(0);
    const { runId: baselineId } = await storedItems(cwd);
    await new Promise((resolve) => setTimeout(resolve, 5)); // run ids sort by start time
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--split", "test:80", "--seed", "42"], { cwd })).code).toBe(0);
    const { runId: sampledId } = await storedItems(cwd);
    expect(sampledId).not.toBe(baselineId);

    const compared = await runEvalgate(["runs", "compare", baselineId, sampledId, "--format", "json"], { cwd });
    const { comparison } = JSON.parse(compared.stdout);
    expect(comparison.items.shared).toBe(3);
    expect(comparison.dataset_note).toBe(
      "a run covers part of the dataset (baseline all items, candidate split test:80 (seed 42): 3 items): " +
        "the comparison covers the 3 item ids both runs share",
    );
    const table = await runEvalgate(["runs", "compare", baselineId, sampledId], { cwd });
    expect(table.stdout.replace(/\s+/g, " ")).toContain("a run covers part of the dataset");
  });
});
