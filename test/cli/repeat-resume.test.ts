import { afterEach, describe, expect, it } from "vitest";
import type { RunItem } from "../../src/core/model/run-item.js";
import { collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { doublingDataset, repeatConfig, startDoublingTarget, storedRuns } from "./repeat-workspace.js";

const ITEMS = 30;
const K = 5;
let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** Every third item is answered wrongly, always: the same in every run, whatever the call order. */
const wrong = (itemId: string): boolean => Number(itemId.slice("item-".length)) % 3 === 0;

/** What must not depend on whether the run was interrupted (latencies differ run to run). */
function essence(items: RunItem[]) {
  return items.map((item) => ({
    item_id: item.item_id,
    status: item.status,
    output: item.output,
    attempts: item.attempts,
    scores: item.scores.map(({ id: _id, ...score }) => score),
    repeats: item.repeats?.map((attempt) => ({ repeat: attempt.repeat, status: attempt.status, output: attempt.output })),
  }));
}

async function waitFor(cwd: string, ready: (items: RunItem[]) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const [stored] = await storedRuns(cwd).catch(() => []);
    if (stored !== undefined && ready(stored.items)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the run did not get there in time");
}

describe("a repeating run killed mid-item", () => {
  it("keeps the attempts it stored, and --resume calls only the missing ones", { timeout: 90_000 }, async () => {
    // item-7's third call onward is held while `holding`: the kill lands with item-7 half done.
    let holding = true;
    target = await startDoublingTarget({ wrong, hold: (itemId, call) => holding && itemId === "item-7" && call >= 2, latencyMs: 5 });
    const config = repeatConfig({ doubling: [`repeat: ${K}`, "pass_rule: majority"] }, { concurrency: 6 });

    const reference = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": doublingDataset(ITEMS) });
    holding = false;
    expect((await runEvalgate(["run", "doubling", "--target-url", target.url], { cwd: reference })).code).toBe(0);
    const [expected] = await storedRuns(reference);
    holding = true;

    const cwd = await makeWorkspace({ "evalgate.yml": config, "items.jsonl": doublingDataset(ITEMS) });
    const child = spawnEvalgate(["run", "doubling", "--target-url", target.url], { cwd });
    child.stdin.end();
    const exited = collect(child);
    await waitFor(cwd, (items) => items.some((item) => item.item_id === "item-7" && item.repeats?.length === 2) && items.length >= 10);
    child.kill("SIGKILL");
    expect((await exited).code).toBeNull();
    holding = false;

    const [partial] = await storedRuns(cwd);
    const half = partial!.items.find((item) => item.item_id === "item-7")!;
    // Stored after each attempt; a partial item is an error, so no reader counts it as evaluated.
    expect(half).toMatchObject({ status: "error", error: "2 of 5 repeats done", scores: [] });
    const storedAttempts = partial!.items.reduce((sum, item) => sum + (item.repeats?.length ?? 0), 0);
    expect(storedAttempts).toBeLessThan(ITEMS * K);
    const before = target.requests;

    const resumed = await runEvalgate(["run", "doubling", "--target-url", target.url, "--resume", partial!.run.id], { cwd });
    expect(resumed.stderr).not.toContain("unexpected error");
    expect(resumed.code).toBe(0);
    // Only the attempts that were not stored are called again.
    expect(target.requests - before).toBe(ITEMS * K - storedAttempts);

    const [final] = await storedRuns(cwd);
    expect(final!.run.id).toBe(partial!.run.id);
    expect(final!.items).toHaveLength(ITEMS);
    expect(final!.items.every((item) => item.repeats?.length === K)).toBe(true);
    expect(essence(final!.items)).toEqual(essence(expected!.items));
    expect(final!.run.status).toBe("passed");
    expect({ ...final!.run.summary, latency_ms: 0 }).toEqual({ ...expected!.run.summary, latency_ms: 0 });
  });
});
