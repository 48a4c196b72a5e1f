import type { RunItem } from "../model/run-item.js";
import type { Run } from "../model/run.js";
import { formatCount, formatScore } from "../stats.js";
import { excerpt, oneLine } from "./excerpt.js";
import { fitLines } from "./fit-lines.js";
import { wrapText } from "./wrap-text.js";

const WIDTH = 80;

/**
 * The failed and errored items of a run, for a terminal: each item's input and output excerpt
 * and every failing scorer's reason (wrapped, not cut: the reason is what the reader came for).
 * Passed items in `items` are skipped.
 */
export function renderFailures(run: Run, items: Iterable<RunItem>): string {
  const lines = [`Failures of run ${run.id} (${oneLine(run.experiment)})`];
  let failed = 0;
  let errored = 0;
  for (const item of items) {
    if (item.status === "passed") continue;
    if (item.status === "failed") failed += 1;
    else errored += 1;
    lines.push("", ...itemLines(item));
  }
  lines.push(
    "",
    failed + errored === 0
      ? "No failed or errored items."
      : `${formatCount(failed)} failed, ${formatCount(errored)} errored`,
  );
  return fitLines(lines, WIDTH);
}

function itemLines(item: RunItem): string[] {
  const mark = item.status === "error" ? "ERROR" : "FAIL";
  const lines = [`${mark}  ${oneLine(item.item_id)}  (run item ${item.id})`, `  input     ${excerpt(item.input, 68)}`];
  if (item.expected !== undefined) lines.push(`  expected  ${excerpt(item.expected, 68)}`);
  if (item.status === "error") {
    lines.push(...wrapText(`error: ${item.error ?? "unknown error"}`, WIDTH, "  ", "    "));
    return lines;
  }
  lines.push(`  output    ${excerpt(item.output, 68)}`);
  for (const score of item.scores) {
    if (score.passed && score.error === undefined) continue;
    const why = score.error !== undefined ? `scorer error: ${score.error}` : score.evidence.reason;
    lines.push(...wrapText(`${score.scorer} (${formatScore(score.score)}): ${truncateReason(why)}`, WIDTH, "  ", "    "));
  }
  return lines;
}

// A reason can quote a whole output; past a few lines it stops helping.
function truncateReason(reason: string): string {
  return excerpt(reason, 600);
}
