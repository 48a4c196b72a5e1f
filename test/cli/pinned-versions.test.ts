import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunItem } from "../../src/core/model/run-item.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

interface RunRow {
  id: string;
  experiment_version: string;
  dataset_version: string;
  total: number;
  passed: number;
}

async function runItemsOf(cwd: string, runId: string): Promise<RunItem[]> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    const items: RunItem[] = [];
    for await (const item of store.runItems(runId)) items.push(item);
    return items;
  } finally {
    await store.close();
  }
}

/** What a run of the same versions against the same target must repeat: not times, ids or latencies. */
function essence(items: RunItem[]) {
  return items.map((item) => ({
    item_id: item.item_id,
    status: item.status,
    output: item.output,
    scores: item.scores.filter((score) => score.scorer !== "latency_max").map((score) => ({ scorer: score.scorer, passed: score.passed, reason: score.evidence.reason })),
  }));
}

describe("evalgate run --experiment-version --dataset-version", () => {
  it("after the dataset file and the experiment were edited, re-runs the old versions item for item", { timeout: 60_000 }, async () => {
    target = await startArithmeticTarget({ wrongFor: { v1: ["item-3"] } });
    const url = `${target.url}/v1`;
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ threshold: 0.5 }), "items.jsonl": arithmeticDataset(6) });
    const run = async (...extra: string[]) => {
      const result = await runEvalgate(["run", "arithmetic", "--target-url", url, "--format", "json", ...extra], { cwd });
      expect(result.stderr).not.toContain("unexpected error");
      return { ...result, row: result.code === 0 || result.code === 1 ? (JSON.parse(result.stdout) as RunRow[])[0]! : undefined };
    };
    const old = await run();
    expect(old.code).toBe(0);
    expect(old.row).toMatchObject({ total: 6, passed: 5 });

    // Edited since: item-2's expected answer changed, item-5 removed, item-9 added; the gate is stricter
    // and a scorer was added. Each edit makes a new version of its own.
    const edited = arithmeticDataset(6)
      .split("\n")
      .filter((line) => !line.includes('"item-5"'))
      .map((line) => line.replace('"answer":4}', '"answer":5}'))
      .join("\n");
    await writeFile(path.join(cwd, "items.jsonl"), `${edited}${JSON.stringify({ id: "item-9", input: { question: "9+9" }, expected: { answer: 18 } })}\n`);
    await writeFile(
      path.join(cwd, "evalgate.yml"),
      arithmeticConfig({ threshold: 1 }).replace("    scorers:\n", "    scorers:\n      - json_valid\n"),
    );
    const current = await run();
    expect(current.row!.experiment_version).not.toBe(old.row!.experiment_version);
    expect(current.row!.dataset_version).not.toBe(old.row!.dataset_version);
    expect(essence(await runItemsOf(cwd, current.row!.id))).not.toEqual(essence(await runItemsOf(cwd, old.row!.id)));

    const again = await run("--experiment-version", old.row!.experiment_version.slice(0, 6), "--dataset-version", old.row!.dataset_version.slice(0, 6));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`experiment version ${old.row!.experiment_version}`);
    expect(again.stderr).toContain(`dataset version ${old.row!.dataset_version}`);
    expect(again.row).toMatchObject({ experiment_version: old.row!.experiment_version, dataset_version: old.row!.dataset_version, total: 6, passed: 5 });
    expect(essence(await runItemsOf(cwd, again.row!.id))).toEqual(essence(await runItemsOf(cwd, old.row!.id)));
  });

  it("names a version the store does not have, and refuses --repeat beside --experiment-version", async () => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(2) });
    const unknownDataset = await runEvalgate(["run", "arithmetic", "--dataset-version", "ffffff"], { cwd });
    expect(unknownDataset.code).toBe(2);
    expect(unknownDataset.stderr).toContain('no dataset version "ffffff"');
    const unknownExperiment = await runEvalgate(["run", "arithmetic", "--experiment-version", "ffffff"], { cwd });
    expect(unknownExperiment.code).toBe(2);
    expect(unknownExperiment.stderr).toContain('experiment "arithmetic" has no stored version "ffffff"');
    const repeated = await runEvalgate(["run", "arithmetic", "--experiment-version", "ffffff", "--repeat", "3"], { cwd });
    expect(repeated.code).toBe(2);
    expect(repeated.stderr).toContain("--repeat makes another experiment version");
  });
});
