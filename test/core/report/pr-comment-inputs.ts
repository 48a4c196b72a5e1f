import { compareRuns } from "../../../src/core/compare-runs.js";
import { judge } from "../build-run-items.js";
import type { RunItem } from "../../../src/core/model/run-item.js";
import type { PrCommentInput } from "../../../src/core/report/render-pr-comment.js";
import { summarizeRun } from "../../../src/core/summarize-run.js";
import { compareItemIds } from "../../../src/core/item-id-order.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";
import { buildSample } from "./sample-runs.js";

export const HEAD_SHA = "0123456789abcdef0123456789abcdef01234567";
export const REPORT_URL = "https://github.com/acme/shop/actions/runs/42";

/** What the Action passes for a candidate compared with the merge base's baseline. */
function reportInput(
  candidate: PrCommentInput["candidate"],
  comparison: NonNullable<PrCommentInput["comparison"]>,
  verdict: PrCommentInput["verdict"],
  overrides: Partial<PrCommentInput>,
): PrCommentInput {
  return {
    experiment: "support-agent-quality",
    verdict,
    verdictLabel: verdict.verdict,
    candidate,
    comparison,
    baselineNote: "baseline run-20261125-120301-7f3a of main at 7f3a9c1 (the merge base)",
    headSha: HEAD_SHA,
    reportUrl: REPORT_URL,
    ...overrides,
  };
}

/** The shared sample (2 regressions, 1 fix, dataset changed) as the Action would pass it. */
export async function sampleInput(overrides: Partial<PrCommentInput> = {}): Promise<PrCommentInput> {
  const { candidateRun, comparison, verdict } = await buildSample();
  return reportInput(candidateRun, comparison, verdict, overrides);
}

export interface FlipSpec {
  regressions: number;
  fixes: number;
  /** Items that pass on both sides. */
  steady?: number;
  /** The candidate's output of the i-th regression (and the baseline's of the i-th fix). */
  output?: (index: number) => unknown;
  input?: (index: number) => unknown;
  reason?: (index: number) => string;
  itemId?: (kind: "r" | "f" | "s", index: number) => string;
  maxFlippedItems?: number;
}

/** Two runs over the same dataset with exactly the flips asked for, compared by compareRuns. */
export async function flipInput(spec: FlipSpec, overrides: Partial<PrCommentInput> = {}): Promise<PrCommentInput> {
  const baselineRun = buildRun({ id: "run-20261125-120301-7f3a" });
  const candidateId = "run-20261126-090000-1b2c";
  const idOf = spec.itemId ?? ((kind, index) => `${kind}-${String(index).padStart(5, "0")}`);
  const baselineItems: RunItem[] = [];
  const candidateItems: RunItem[] = [];
  const pair = (id: string, before: boolean, after: boolean, index: number) => {
    const input = spec.input?.(index);
    const reason = spec.reason?.(index) ?? "expected the order number";
    const output = spec.output?.(index);
    baselineItems.push(
      buildItem(baselineRun.id, id, {
        scores: [["equals", before ? 1 : 0, before, before ? undefined : reason]],
        ...(input !== undefined ? { input } : {}),
        ...(output !== undefined && !before ? { output } : {}),
      }),
    );
    candidateItems.push(
      buildItem(candidateId, id, {
        scores: [["equals", after ? 1 : 0, after, after ? undefined : reason]],
        ...(input !== undefined ? { input } : {}),
        ...(output !== undefined && !after ? { output } : {}),
      }),
    );
  };
  for (let index = 0; index < spec.regressions; index += 1) pair(idOf("r", index), true, false, index);
  for (let index = 0; index < spec.fixes; index += 1) pair(idOf("f", index), false, true, index);
  for (let index = 0; index < (spec.steady ?? 0); index += 1) pair(idOf("s", index), true, true, index);
  const byId = (a: RunItem, b: RunItem) => compareItemIds(a.item_id, b.item_id);
  baselineItems.sort(byId);
  candidateItems.sort(byId);

  const summary = await summarizeRun(candidateItems);
  const candidateRun = buildRun({ id: candidateId, item_count: candidateItems.length, summary });
  const comparison = await compareRuns(
    { run: buildRun({ ...baselineRun, item_count: baselineItems.length }), items: streamOf(baselineItems) },
    { run: candidateRun, items: streamOf(candidateItems) },
    { maxFlippedItems: spec.maxFlippedItems ?? 500 },
  );
  const verdict = judge({ passed_threshold: 0, max_regressions: 0 }, { summary, comparison });
  return reportInput(candidateRun, comparison, verdict, overrides);
}

/** The lines of every Markdown table (consecutive lines starting with "|"). */
export function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  for (const line of markdown.split("\n")) {
    if (line.startsWith("|")) current.push(line);
    else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  if (current.length > 0) found.push(current);
  return found;
}

/** Unescaped pipes per row: every row of a table must have as many as its header. */
export function pipeCounts(table: readonly string[]): number[] {
  return table.map((row) => row.split("|").length);
}
