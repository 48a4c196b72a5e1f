import path from "node:path";
import type { Run } from "../../src/core/model/run.js";
import type { RunItem } from "../../src/core/model/run-item.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { startTarget, type TargetResponse, type TargetServer } from "../helpers/target-server.js";

/** An evalgate.yml with one adding experiment per entry of `experiments` (name → extra keys). */
export function repeatConfig(experiments: Record<string, string[]>, options: { concurrency?: number } = {}): string {
  const lines = ["version: 1", "experiments:"];
  for (const [name, keys] of Object.entries(experiments)) {
    lines.push(
      `  ${name}:`,
      "    dataset: items.jsonl",
      "    target:",
      "      type: http",
      "      url: ${EVALGATE_TARGET_URL}/agent",
      "      timeout: 5s",
      "    scorers:",
      "      - { name: equals, config: { output_path: answer, field: expected.answer } }",
      "    gate: { passed_threshold: 0.5 }",
      `    concurrency: ${options.concurrency ?? 8}`,
      "    retries: 0",
      ...keys.map((key) => `    ${key}`),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Items item-0 … item-(count−1), each asking for its index doubled. */
export function doublingDataset(count: number): string {
  return Array.from({ length: count }, (_, i) => JSON.stringify({ id: `item-${i}`, input: { n: i }, expected: { answer: 2 * i } }) + "\n").join("");
}

/**
 * A target that doubles `n`, except that `wrong(itemId, call)` makes it answer one too many; `call`
 * counts the calls of that item in that run from 0, in arrival order. `hold(itemId, call)` leaves
 * the call unanswered. `calls` counts every call by item.
 */
export async function startDoublingTarget(options: {
  wrong?: (itemId: string, call: number) => boolean;
  hold?: (itemId: string, call: number) => boolean;
  latencyMs?: number;
}): Promise<TargetServer & { calls: Map<string, number> }> {
  const perRun = new Map<string, number>();
  const calls = new Map<string, number>();
  const target = await startTarget({
    respond: (body): TargetResponse => {
      const { input, item_id, run_id } = body as { input: { n: number }; item_id: string; run_id: string };
      const key = `${run_id} ${item_id}`;
      const call = perRun.get(key) ?? 0;
      perRun.set(key, call + 1);
      calls.set(item_id, (calls.get(item_id) ?? 0) + 1);
      if (options.hold?.(item_id, call)) return { hang: true };
      const answer = 2 * input.n + (options.wrong?.(item_id, call) ? 1 : 0);
      return { json: { output: { answer }, usage: { input_tokens: 3, output_tokens: 2 } }, ...(options.latencyMs ? { delayMs: options.latencyMs } : {}) };
    },
  });
  return Object.assign(target, { calls });
}

/** Every run in the workspace's embedded store (newest first), each with its stored items. */
export async function storedRuns(cwd: string): Promise<{ run: Run; items: RunItem[] }[]> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    const runs = [];
    for (const run of await store.listRuns()) {
      const items: RunItem[] = [];
      for await (const item of store.runItems(run.id)) items.push(item);
      runs.push({ run, items });
    }
    return runs;
  } finally {
    await store.close();
  }
}
