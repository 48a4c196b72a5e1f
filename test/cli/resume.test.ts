import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunItem } from "../../src/core/model/run-item.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { storedItems, waitForStored } from "./stored-runs.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const ITEMS = 240;
const wrongFor = { v1: ["item-7", "item-70", "item-170", "item-239"] };
let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** What must not depend on whether the run was interrupted. */
function essence(items: RunItem[]) {
  return items.map((item) => ({
    item_id: item.item_id,
    id: item.id.length > 0,
    status: item.status,
    output: item.output,
    // latency_max's reason quotes the measured latency, which no two runs share.
    scores: item.scores.map((score) => ({
      scorer: score.scorer,
      score: score.score,
      passed: score.passed,
      ...(score.scorer === "latency_max" ? {} : { reason: score.evidence.reason }),
    })),
  }));
}

describe("a run killed or cancelled mid-way", () => {
  it("killed with SIGKILL and resumed stores each item once, with the same scores as an uninterrupted run", { timeout: 90_000 }, async () => {
    target = await startArithmeticTarget({ latencyMs: 15, wrongFor });
    const config = arithmeticConfig({ threshold: 0.9, concurrency: 4 });
    const url = `${target.url}/v1`;

    const reference = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": arithmeticDataset(ITEMS) });
    const uninterrupted = await runEvalgate(["run", "arithmetic", "--target-url", url], { cwd: reference });
    expect(uninterrupted.code).toBe(0);
    const expected = await storedItems(reference);
    expect(expected.items).toHaveLength(ITEMS);

    const cwd = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": arithmeticDataset(ITEMS) });
    const child = spawnEvalgate(["run", "arithmetic", "--target-url", url], { cwd });
    child.stdin.end();
    const exited = collect(child);
    await waitForStored(cwd, 60);
    child.kill("SIGKILL");
    const killed = await exited;
    expect(killed.code).toBeNull();

    const partial = await storedItems(cwd);
    expect(partial.items.length).toBeGreaterThanOrEqual(60);
    expect(partial.items.length).toBeLessThan(ITEMS);
    const requestsBeforeResume = target.requests;

    const resumed = await runEvalgate(["run", "arithmetic", "--target-url", url, "--resume", partial.runId], { cwd });
    expect(resumed.stderr).not.toContain("unexpected error");
    expect(resumed.code).toBe(0);
    const final = await storedItems(cwd);
    expect(final.runId).toBe(partial.runId);
    expect(final.items).toHaveLength(ITEMS);
    expect(new Set(final.items.map((item) => item.item_id)).size).toBe(ITEMS);
    expect(essence(final.items)).toEqual(essence(expected.items));
    // Only what was missing was called again.
    expect(target.requests - requestsBeforeResume).toBe(ITEMS - partial.items.length);

    const shown = JSON.parse((await runEvalgate(["runs", "show", partial.runId, "--format", "json"], { cwd })).stdout);
    const reference_ = JSON.parse((await runEvalgate(["runs", "show", expected.runId, "--format", "json"], { cwd: reference })).stdout);
    expect(shown.status).toBe("passed");
    expect({ ...shown.summary, latency_ms: 0 }).toEqual({ ...reference_.summary, latency_ms: 0 });
  });

  it("stopped with Ctrl-C is marked cancelled, exits 3 and says how to resume", { timeout: 90_000 }, async () => {
    target = await startArithmeticTarget({ latencyMs: 20 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }), "items.jsonl": arithmeticDataset(200) });
    const child = spawnEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    child.stdin.end();
    const exited = collect(child);
    await waitForStored(cwd, 10);
    child.kill("SIGINT");
    const result = await exited;
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cancelled; continue it with: evalgate run arithmetic --resume run-/);
    const runs = JSON.parse((await runEvalgate(["runs", "list", "--format", "json"], { cwd })).stdout);
    expect(runs[0]).toMatchObject({ status: "cancelled", verdict: "fail" });
    const stored = await storedItems(cwd);
    expect(stored.items.length).toBeLessThan(200);

    const resumed = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", stored.runId], { cwd });
    expect(resumed.code).toBe(0);
    expect((await storedItems(cwd)).items).toHaveLength(200);
  });

  it("refused after the dataset file changed, names the command that continues the run over its stored dataset version, which does", { timeout: 60_000 }, async () => {
    target = await startArithmeticTarget({ latencyMs: 20 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: 2 }), "items.jsonl": arithmeticDataset(120) });
    const child = spawnEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    child.stdin.end();
    const exited = collect(child);
    await waitForStored(cwd, 10);
    child.kill("SIGKILL");
    await exited;
    const { runId, items } = await storedItems(cwd);
    const run = JSON.parse((await runEvalgate(["runs", "show", runId, "--format", "json"], { cwd })).stdout) as { dataset_version: string };
    await writeFile(path.join(cwd, "items.jsonl"), arithmeticDataset(121));

    const refused = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", runId], { cwd });
    expect(refused.code).toBe(2);
    const named = `evalgate run arithmetic --resume ${runId} --dataset-version ${run.dataset_version}`;
    expect(refused.stderr).toContain(`the dataset version (${run.dataset_version} → `);
    expect(refused.stderr).toContain(`continue it over the versions it started with: ${named}, or start a new run`);
    const calls = target.requests;
    const continued = await runEvalgate([...named.split(" ").slice(1), "--target-url", target.url], { cwd });
    expect(continued.code).toBe(0);
    expect(target.requests - calls).toBe(120 - items.length);
    expect((await storedItems(cwd)).items).toHaveLength(120);
  });

  it("refuses to resume a run after the experiment changed, storing no version of the changed config", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(5) });
    expect((await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd })).code).toBe(0);
    const { runId } = await storedItems(cwd);
    await writeFile(path.join(cwd, "evalgate.yml"), arithmeticConfig({ threshold: 0.5 }));
    const result = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--resume", runId], { cwd });
    expect(result.code).toBe(2);
    const run = JSON.parse((await runEvalgate(["runs", "show", runId, "--format", "json"], { cwd })).stdout) as { experiment_version: string };
    const named = `evalgate run arithmetic --resume ${runId} --experiment-version ${run.experiment_version}`;
    expect(result.stderr).toContain(`the experiment version (${run.experiment_version} → `);
    expect(result.stderr).toContain(`continue it over the versions it started with: ${named}, or start a new run`);
    // The command it names is accepted: the run continues over its own version (nothing is left to call).
    const calls = target.requests;
    const continued = await runEvalgate([...named.split(" ").slice(1), "--target-url", target.url], { cwd });
    expect(continued.stderr).not.toContain("--resume");
    expect(continued.code).toBe(0);
    expect(target.requests).toBe(calls);

    // Only the version the run was made of is stored: the refused resume made no run of the new one.
    const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
    try {
      const versions = await store.listExperimentVersions("arithmetic");
      expect(versions.map((version) => version.runs)).toEqual([1]);
      expect(versions[0]!.version).toBe((await store.getRun(runId))!.experiment_version);
    } finally {
      await store.close();
    }
  });
});
