import path from "node:path";
import { expect } from "vitest";
import type { Annotation } from "../../src/core/model/annotation.js";
import type { RunItem } from "../../src/core/model/run-item.js";
import type { Run } from "../../src/core/model/run.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { collect, runEvalgate, spawnEvalgate, type CliResult } from "../helpers/cli.js";

/**
 * The arithmetic experiment (items item-0 … item-(n-1), answer = 2·i): `equals` on the answer
 * and `latency_max` 5000 ms (labelled `correct` and `tone`, the latter for item-5 only, with
 * `evaluationNames`), the gate at `threshold`, `max_regressions` when given, and with
 * `prices` a price table for gpt-4o-mini.
 */
export function importConfig(
  options: { threshold?: number; maxRegressions?: number; retries?: number; prices?: boolean; evaluationNames?: boolean } = {},
): string {
  return [
    "version: 1",
    // Dollars per million tokens.
    ...(options.prices ? ["prices: { gpt-4o-mini: { input: 1, output: 2 } }"] : []),
    "experiments:",
    "  arithmetic:",
    "    dataset: items.jsonl",
    "    target:",
    "      type: http",
    "      url: ${EVALGATE_TARGET_URL}/agent",
    "      timeout: 5s",
    "    scorers:",
    // With evaluationNames the scorers carry the names the imported records' evaluations use:
    // an import without --score must have an evaluation for every scorer that applies to an item.
    ...(options.evaluationNames
      ? [
          "      - { name: equals, label: correct, config: { output_path: answer, field: expected.answer } }",
          "      - { name: latency_max, label: tone, config: { ms: 5000 }, when: { id: item-5 } }",
        ]
      : ["      - { name: equals, config: { output_path: answer, field: expected.answer } }", "      - { name: latency_max, config: { ms: 5000 } }"]),
    `    gate: { passed_threshold: ${options.threshold ?? 0.5}${options.maxRegressions !== undefined ? `, max_regressions: ${options.maxRegressions}` : ""} }`,
    `    retries: ${options.retries ?? 0}`,
    "",
  ].join("\n");
}

/** `evalgate runs import …` (stdin written when given); the new run's id from the summary's first line. */
export async function importRecords(cwd: string, args: string[], stdin?: string): Promise<CliResult & { runId: string | undefined }> {
  let result: CliResult;
  if (stdin === undefined) {
    result = await runEvalgate(["runs", "import", ...args], { cwd });
  } else {
    const child = spawnEvalgate(["runs", "import", ...args], { cwd });
    child.stdin.end(stdin);
    result = await collect(child);
  }
  return { ...result, runId: /^run\s+(\S+)/.exec(result.stdout)?.[1] };
}

/** Every run in the workspace's store, newest first. */
export async function listedRuns(cwd: string): Promise<Run[]> {
  const result = await runEvalgate(["runs", "list", "--format", "json"], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Run[];
}

export async function runItemsOf(cwd: string, runId: string): Promise<RunItem[]> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    const items: RunItem[] = [];
    for await (const item of store.runItems(runId)) items.push(item);
    return items;
  } finally {
    await store.close();
  }
}

export async function annotationsOf(cwd: string, runId: string): Promise<Annotation[]> {
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    return await store.runAnnotations(runId);
  } finally {
    await store.close();
  }
}

/** item_id → status, as a reader compares runs. */
export function statuses(items: readonly RunItem[]): Record<string, RunItem["status"]> {
  return Object.fromEntries(items.map((item) => [item.item_id, item.status]));
}

/** What a round trip must keep of an item: status, output, call, and each score's score, passed, reason and error. */
export function comparable(item: RunItem): unknown {
  return {
    item_id: item.item_id,
    status: item.status,
    input: item.input,
    expected: item.expected,
    output: item.output,
    latency_ms: item.latency_ms,
    attempts: item.attempts,
    usage: item.usage,
    cost: item.cost,
    error: item.error,
    scores: item.scores.map((score) => ({
      scorer: score.scorer,
      score: score.score,
      passed: score.passed,
      reason: score.evidence.reason,
      error: score.error,
    })),
  };
}
