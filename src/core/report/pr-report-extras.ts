import type { Comparison, IdList } from "../comparison.js";
import type { GateVerdict } from "../gate.js";
import { formatCount } from "../stats.js";
import { md, metricsComparisonTable } from "./markdown-parts.js";
import type { ReportDetail } from "./pr-report-input.js";

/**
 * Errors, latency, tokens and cost over the shared items (rows no run has data for left out, the
 * gate's budgets beside their metrics), then the ids behind the error and item counts.
 */
export function comparisonExtras(comparison: Comparison, verdict: GateVerdict, detail: ReportDetail): string {
  if (!detail.extras) return "";
  const idLines = [
    idsLine("New errors", comparison.errors.new_errors, detail.listedIds),
    idsLine("Only in the baseline", comparison.items.only_baseline, detail.listedIds),
    idsLine("Only in the candidate", comparison.items.only_candidate, detail.listedIds),
  ].filter((line) => line !== "");
  const blocks = [
    `**Errors, latency, tokens and cost** (over the ${formatCount(comparison.items.shared)} shared items):`,
    metricsComparisonTable(comparison, verdict),
    ...(idLines.length > 0 ? [idLines.map((line) => `- ${line}`).join("\n")] : []),
  ];
  return blocks.join("\n\n");
}

/** `New errors (3): item-c, item-d and 1 more`; empty for an empty list. */
function idsLine(label: string, list: IdList, maxIds: number): string {
  if (list.count === 0) return "";
  const ids = list.ids.slice(0, maxIds).map((id) => md(id, 80));
  const hidden = list.count - ids.length;
  const shown = ids.length > 0 ? `: ${ids.join(", ")}${hidden > 0 ? ` and ${formatCount(hidden)} more` : ""}` : "";
  return `${label} (${formatCount(list.count)})${shown}`;
}
