import stringWidth from "string-width";
import { compareRuns } from "../../../src/core/compare-runs.js";
import type { Comparison } from "../../../src/core/comparison.js";
import type { GateVerdict } from "../../../src/core/gate.js";
import { judge } from "../build-run-items.js";
import type { RunItem } from "../../../src/core/model/run-item.js";
import type { Run } from "../../../src/core/model/run.js";
import { summarizeRun } from "../../../src/core/summarize-run.js";
import { buildItem, buildRun, streamOf } from "../build-run-items.js";

export const HOSTILE_OUTPUT =
  "</details><script>alert(1)</script> | a | b |\n```\n@octocat fixes #1 \u001b[31mRED\u001b[0m " + "long ".repeat(200);

export interface Sample {
  baselineRun: Run;
  candidateRun: Run;
  baselineItems: RunItem[];
  candidateItems: RunItem[];
  comparison: Comparison;
  verdict: GateVerdict;
}

/**
 * A baseline and a candidate over different dataset versions: one regression with hostile
 * output, one regression to an error, one fix, an item on each side only, a new scorer.
 */
export async function buildSample(): Promise<Sample> {
  const baselineRun = buildRun({ id: "run-20261125-120301-7f3a", label: "main" });
  const baselineItems = [
    buildItem(baselineRun.id, "item-a", { scores: [["equals", 1, true]], output: "refund issued", latency_ms: 100 }),
    buildItem(baselineRun.id, "item-b", { scores: [["equals", 0, false, "expected cancel"]], latency_ms: 100 }),
    buildItem(baselineRun.id, "item-c", { scores: [["equals", 1, true]], latency_ms: 100 }),
    buildItem(baselineRun.id, "item-gone", { scores: [["equals", 1, true]], latency_ms: 100 }),
  ];
  const candidateId = "run-20261126-090000-1b2c";
  const candidateItems = [
    buildItem(candidateId, "item-a", {
      scores: [["equals", 0, false, 'expected "refund issued" but the answer was something else entirely, at length'], ["tone", 1, true]],
      output: HOSTILE_OUTPUT,
      expected: "refund issued",
      latency_ms: 130,
    }),
    buildItem(candidateId, "item-b", { scores: [["equals", 1, true], ["tone", 1, true]], latency_ms: 120 }),
    buildItem(candidateId, "item-c", { status: "error", error: "HTTP 502 from target after 3 attempts", latency_ms: 30_000 }),
    buildItem(candidateId, "item-new", { scores: [["equals", 1, true], ["tone", 1, true]], latency_ms: 90 }),
  ];
  const summary = await summarizeRun(candidateItems);
  const candidateRun = buildRun({
    id: candidateId,
    label: "pr-42",
    dataset_version: "ds-222222222222",
    status: "failed",
    summary,
  });
  const comparison = await compareRuns(
    { run: baselineRun, items: streamOf(baselineItems) },
    { run: candidateRun, items: streamOf(candidateItems) },
  );
  const verdict = judge({ passed_threshold: 0.9, max_regressions: 0 }, { summary, comparison });
  return { baselineRun, candidateRun, baselineItems, candidateItems, comparison, verdict };
}

/** The widest line of `text`, in terminal columns. */
export function widestLine(text: string): number {
  return Math.max(...text.split("\n").map((line) => stringWidth(line)));
}
