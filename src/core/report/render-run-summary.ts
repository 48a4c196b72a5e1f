import type { GateVerdict } from "../gate.js";
import type { Run, RunSummary } from "../model/run.js";
import { formatCost, formatCount, formatMs, formatPercent, formatScore } from "../stats.js";
import { oneLine } from "./excerpt.js";
import { fitLines } from "./fit-lines.js";
import { formatTable } from "./format-table.js";
import { renderVerdictLines } from "./render-verdict.js";

const WIDTH = 80;

/**
 * A run for an 80-column terminal: what ran, how it went, and the verdict. Without a verdict
 * argument the one stored with the run is shown.
 */
export function renderRunSummary(run: Run, verdict?: GateVerdict): string {
  const lines = [
    field("run", `${run.id} (${run.status})`),
    field("experiment", `${run.experiment} @ ${run.experiment_version}`),
    ...(run.label !== undefined ? [field("label", run.label)] : []),
    field("target", run.target),
    field("dataset", `${run.dataset_path} @ ${run.dataset_version} (${formatCount(run.item_count)} items)`),
    ...(run.git_commit !== undefined
      ? [field("commit", `${run.git_commit}${run.git_branch !== undefined ? ` on ${run.git_branch}` : ""}`)]
      : []),
    field("started", `${run.started_at}${run.ended_at !== undefined ? ` · ended ${run.ended_at}` : ""}`),
    "",
    ...(run.summary !== undefined ? summaryLines(run.summary) : ["No summary yet: the run has not ended."]),
    "",
    ...renderVerdictLines(verdict ?? storedVerdict(run)),
  ];
  return fitLines(lines, WIDTH);
}

function field(name: string, value: string): string {
  return `${name.padEnd(11)} ${oneLine(value)}`;
}

function summaryLines(summary: RunSummary): string[] {
  const lines = [
    `${formatCount(summary.total)} items: ${formatCount(summary.passed)} passed, ` +
      `${formatCount(summary.failed)} failed, ${formatCount(summary.errored)} errored`,
    `pass rate ${formatPercent(summary.pass_rate)}`,
  ];
  if (summary.scorers.length > 0) {
    lines.push(
      "",
      formatTable(
        ["scorer", "mean", "pass rate", "scored", "errors"],
        summary.scorers.map((scorer) => [
          scorer.scorer,
          formatScore(scorer.mean),
          formatPercent(scorer.pass_rate),
          formatCount(scorer.count),
          formatCount(scorer.errors),
        ]),
        { align: ["left", "right", "right", "right", "right"], maxWidth: WIDTH },
      ),
    );
  }
  const { latency_ms: latency, tokens } = summary;
  lines.push(
    "",
    `latency     p50 ${formatMs(latency.p50)} · p95 ${formatMs(latency.p95)} · mean ${formatMs(latency.mean)}`,
    `tokens      ${formatCount(tokens.input)} in · ${formatCount(tokens.output)} out · ${formatCount(tokens.total)} total`,
    `cost        ${formatCost(summary.cost)}`,
    `retries     ${formatCount(summary.retries)}`,
  );
  return lines;
}

function storedVerdict(run: Run): GateVerdict | undefined {
  if (run.verdict === undefined) return undefined;
  return { verdict: run.verdict, reasons: run.verdict_reasons ?? [], checks: [] };
}
