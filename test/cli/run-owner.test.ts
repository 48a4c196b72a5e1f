import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate, spawnEvalgate } from "../helpers/cli.js";
import { startTarget, type TargetServer } from "../helpers/target-server.js";
import { storedItems, waitForStored } from "./stored-runs.js";
import { arithmeticConfig } from "./workspace-config.js";

const ITEMS = 500;
const CONCURRENCY = 2;
let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** The arithmetic target, counting the calls each item got; its latency can change mid-test. */
async function startCountingTarget(latency: { ms: number }): Promise<{ url: string; calls: Map<string, number> }> {
  const calls = new Map<string, number>();
  target = await startTarget({
    respond: (body) => {
      const { input, item_id } = body as { input: { question: string }; item_id: string };
      calls.set(item_id, (calls.get(item_id) ?? 0) + 1);
      const [a, b] = input.question.split("+").map(Number);
      return { json: { output: { answer: (a ?? 0) + (b ?? 0) } }, delayMs: latency.ms };
    },
  });
  return { url: target.url, calls };
}

function callCounts(calls: Map<string, number>): number[] {
  return [...calls.values()];
}

describe("a run has one live owner", () => {
  it("a second --resume of a live run is refused naming its holder, `runs cancel` stops the holder, and a later --resume completes it", { timeout: 180_000 }, async () => {
    // Slow while the first process runs (500 items at 100 ms, 2 at a time: 25 s), fast for the resume.
    const latency = { ms: 100 };
    const { url, calls } = await startCountingTarget(latency);
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ concurrency: CONCURRENCY }),
      "items.jsonl": arithmeticDataset(ITEMS),
    });
    const first = spawnEvalgate(["run", "arithmetic", "--target-url", url], { cwd });
    first.stdin.end();
    const firstExited = collect(first);
    await waitForStored(cwd, 10);
    const { runId } = await storedItems(cwd);

    const second = await runEvalgate(["run", "arithmetic", "--target-url", url, "--resume", runId], { cwd });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`run ${runId} is being run right now (pid ${first.pid} on ${os.hostname()}, heartbeat `);
    expect(second.stderr).toContain(`evalgate runs cancel ${runId}`);
    expect(Math.max(...callCounts(calls))).toBe(1);

    const shown = await runEvalgate(["runs", "show", runId], { cwd });
    expect(shown.stdout).toContain(`${runId} (running)`);
    expect(shown.stdout).toContain(`owner       pid ${first.pid} on ${os.hostname()}`);
    const listed = JSON.parse((await runEvalgate(["runs", "list", "--format", "json"], { cwd })).stdout);
    expect(listed[0]).toMatchObject({ id: runId, status: "running" });

    const cancel = await runEvalgate(["runs", "cancel", runId], { cwd });
    expect(cancel.stderr).toBe("");
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toContain(`cancelled run ${runId}: `);
    expect(cancel.stdout).toContain(`the process running it (pid ${first.pid} on ${os.hostname()}`);
    expect(cancel.stdout).toContain(`continue it with: evalgate run arithmetic --resume ${runId}`);

    const stopped = await firstExited;
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toContain(`run ${runId} cancelled; continue it with: evalgate run arithmetic --resume ${runId}`);
    const afterCancel = await storedItems(cwd);
    expect(afterCancel.items.length).toBeLessThan(ITEMS);
    const ended = JSON.parse((await runEvalgate(["runs", "show", runId, "--format", "json"], { cwd })).stdout);
    expect(ended).toMatchObject({ status: "cancelled", verdict: "fail", summary: { total: afterCancel.items.length } });
    expect(Math.max(...callCounts(calls))).toBe(1);

    latency.ms = 1;
    const resumed = await runEvalgate(["run", "arithmetic", "--target-url", url, "--resume", runId], { cwd });
    expect(resumed.stderr).not.toContain("unexpected error");
    expect(resumed.code).toBe(0);
    const final = await storedItems(cwd);
    expect(final.runId).toBe(runId);
    expect(new Set(final.items.map((item) => item.item_id)).size).toBe(ITEMS);
    expect(calls.size).toBe(ITEMS);
    // Called twice: only the calls the cancel cut short in the first process, which it did not store.
    const storedFirst = new Set(afterCancel.items.map((item) => item.item_id));
    const twice = [...calls].filter(([, count]) => count > 1).map(([itemId]) => itemId);
    expect(Math.max(...callCounts(calls))).toBeLessThanOrEqual(2);
    expect(twice.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(twice.filter((itemId) => storedFirst.has(itemId))).toEqual([]);

    const again = await runEvalgate(["runs", "cancel", runId], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`run ${runId} already ended (passed at `);
  });

  it("a run killed with SIGKILL shows as interrupted with the command that continues it, and cancels without a live owner", { timeout: 90_000 }, async () => {
    const { url } = await startCountingTarget({ ms: 20 });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ concurrency: CONCURRENCY }), "items.jsonl": arithmeticDataset(200) });
    const child = spawnEvalgate(["run", "arithmetic", "--target-url", url], { cwd });
    child.stdin.end();
    const exited = collect(child);
    await waitForStored(cwd, 10);
    child.kill("SIGKILL");
    expect((await exited).code).toBeNull();
    const { runId } = await storedItems(cwd);

    const shown = await runEvalgate(["runs", "show", runId], { cwd });
    expect(shown.stdout).toContain(`${runId} (interrupted)`);
    expect(shown.stdout).toContain(`continue    evalgate run arithmetic --resume ${runId}`);
    expect(shown.stdout).not.toContain("owner ");
    const listed = JSON.parse((await runEvalgate(["runs", "list", "--format", "json"], { cwd })).stdout);
    expect(listed[0]).toMatchObject({ id: runId, status: "interrupted" });

    const cancel = await runEvalgate(["runs", "cancel", runId], { cwd });
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toContain("no process was running it");
    const again = await runEvalgate(["runs", "cancel", runId], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`run ${runId} already ended (cancelled at `);
    expect(again.stderr).toContain(`continue it with: evalgate run arithmetic --resume ${runId}`);
  });
});
