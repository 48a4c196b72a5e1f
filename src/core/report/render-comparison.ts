import type {
  ComparedRun,
  Comparison,
  FlippedItem,
  FlippedList,
  IdList,
  ScorerComparison,
} from "../comparison.js";
import { passRateThresholds, type GateVerdict } from "../gate.js";
import { formatCount, formatDeltaPp, formatDeltaScore, formatPercent, formatScore, type PercentOptions } from "../stats.js";
import { excerpt, oneLine } from "./excerpt.js";
import { fitLines } from "./fit-lines.js";
import { formatTable } from "./format-table.js";
import { METRICS_HEADER, metricsRows } from "./metrics-rows.js";
import { renderVerdictLines } from "./render-verdict.js";
import { wrapText } from "./wrap-text.js";

const WIDTH = 80;

export interface RenderComparisonOptions {
  /** Flipped items printed in full per kind; the rest are counted. Default 20. */
  maxFlippedShown?: number;
  /** The variant overrides that differ between the two runs (core/stored-variants.ts `overrideChanges`). */
  overrideChanges?: readonly string[];
}

/**
 * A comparison for an 80-column terminal, most important first: the pass-rate headline and the
 * flip counts, the scorer table, then the flipped items with their reasons, then the costs.
 */
export function renderComparison(
  comparison: Comparison,
  verdict?: GateVerdict,
  options: RenderComparisonOptions = {},
): string {
  const shown = options.maxFlippedShown ?? 20;
  const { pass_rate: passRate } = comparison;
  const against = { against: passRateThresholds(verdict) };
  const lines = [
    `Comparison of ${oneLine(comparison.candidate.experiment)}`,
    `  baseline    ${runLine(comparison.baseline)}`,
    `  candidate   ${runLine(comparison.candidate)}`,
    `  experiment  ${versions(comparison.baseline.experiment_version, comparison.candidate.experiment_version)}`,
    `  dataset     ${versions(comparison.baseline.dataset_version, comparison.candidate.dataset_version)}`,
    ...(options.overrideChanges ?? []).map((change, index) => `  ${index === 0 ? "overrides " : "          "}  ${excerpt(change, WIDTH - 14)}`),
    "",
    `pass rate ${formatPercent(passRate.baseline, against)} → ${formatPercent(passRate.candidate, against)} ` +
      `(${formatDeltaPp(passRate.delta)}) over ${formatCount(comparison.items.shared)} shared items`,
    flipCounts(comparison),
    ...(comparison.dataset_note !== undefined ? ["", ...wrapText(`Note: ${comparison.dataset_note}`, WIDTH)] : []),
    ...paragraph([
      ...oneSidedLines("only in the baseline", comparison.items.only_baseline),
      ...oneSidedLines("only in the candidate", comparison.items.only_candidate),
    ]),
    ...scorerLines(comparison.scorers, against),
    ...flippedLines("Regressions", "passed in the baseline, not in the candidate", comparison.regressions, shown),
    ...flippedLines("Fixes", "not passed in the baseline, passed in the candidate", comparison.fixes, shown),
    ...errorLines(comparison),
    "",
    metricsTable(comparison),
    "",
    ...renderVerdictLines(verdict),
  ];
  return fitLines(lines, WIDTH);
}

function runLine(run: ComparedRun): string {
  const label = run.label !== undefined ? ` (${oneLine(run.label)})` : "";
  return `${run.run_id}${label}`;
}

function versions(baseline: string, candidate: string): string {
  return baseline === candidate ? `${baseline} (same version)` : `${baseline} → ${candidate} (changed)`;
}

function flipCounts(comparison: Comparison): string {
  const newErrors = comparison.errors.new_errors.count;
  return [
    plural(comparison.regressions.count, "regression"),
    plural(comparison.fixes.count, "fix", "fixes"),
    plural(newErrors, "new error"),
  ].join(" · ");
}

function oneSidedLines(where: string, list: IdList): string[] {
  if (list.count === 0) return [];
  return wrapText(`${plural(list.count, "item")} ${where}: ${idExcerpt(list)}`, WIDTH);
}

// A terminal reader needs a few examples, not a thousand ids; the count is exact.
const IDS_SHOWN = 10;

function idExcerpt(list: IdList): string {
  const ids = list.ids.slice(0, IDS_SHOWN).map((id) => excerpt(id, 40));
  const hidden = list.count - ids.length;
  return hidden > 0 ? `${ids.join(", ")}, … ${formatCount(hidden)} more` : ids.join(", ");
}

function scorerLines(scorers: ScorerComparison[], against: PercentOptions): string[] {
  const percent = (rate: number) => formatPercent(rate, against);
  if (scorers.length === 0) return [];
  const rows = scorers.map((scorer) => [
    scorer.scorer,
    `${side(scorer.baseline?.mean, formatScore)} → ${side(scorer.candidate?.mean, formatScore)}`,
    scorer.mean_delta !== null ? formatDeltaScore(scorer.mean_delta) : oneSideOnly(scorer),
    `${side(scorer.baseline?.pass_rate, percent)} → ${side(scorer.candidate?.pass_rate, percent)}`,
    scorer.pass_rate_delta !== null ? formatDeltaPp(scorer.pass_rate_delta) : "",
  ]);
  const align = ["left", "right", "right", "right", "right"] as const;
  return ["", formatTable(["scorer", "mean", "Δ mean", "pass rate", "Δ pass"], rows, { align, maxWidth: WIDTH })];
}

function side(value: number | undefined, format: (value: number) => string): string {
  return value === undefined ? "—" : format(value);
}

function oneSideOnly(scorer: ScorerComparison): string {
  return scorer.baseline === null ? "new" : "removed";
}

function flippedLines(title: string, meaning: string, list: FlippedList, shown: number): string[] {
  if (list.count === 0) return [];
  const lines = ["", `${title} (${formatCount(list.count)}): ${meaning}`];
  for (const item of list.items.slice(0, shown)) lines.push(...flippedItemLines(item));
  const hidden = list.count - Math.min(shown, list.items.length);
  if (hidden > 0) lines.push(`  … and ${formatCount(hidden)} more`);
  return lines;
}

function flippedItemLines(item: FlippedItem): string[] {
  const lines = [
    `  ${oneLine(item.item_id)}  ${item.baseline_status} → ${item.candidate_status}  (run item ${item.run_item_id})`,
  ];
  if (item.candidate_error !== undefined) lines.push(`    error: ${excerpt(item.candidate_error, 66)}`);
  for (const scorer of item.changed_scorers) {
    const movement = `${side(scorer.baseline?.score, formatScore)} → ${side(scorer.candidate?.score, formatScore)}`;
    lines.push(`    ${excerpt(`${scorer.scorer} ${movement}: ${scorer.reason}`, 74)}`);
  }
  lines.push(
    `    input      ${excerpt(item.input)}`,
    `    baseline   ${excerpt(item.baseline_output)}`,
    `    candidate  ${excerpt(item.candidate_output)}`,
  );
  return lines;
}

function errorLines(comparison: Comparison): string[] {
  const { errors } = comparison;
  if (errors.baseline === 0 && errors.candidate === 0) return [];
  const lines = ["", `errors ${formatCount(errors.baseline)} → ${formatCount(errors.candidate)}`];
  if (errors.new_errors.count > 0) {
    lines.push(...wrapText(`new errors: ${idExcerpt(errors.new_errors)}`, WIDTH, "  "));
  }
  return lines;
}

function metricsTable(comparison: Comparison): string {
  const align = ["left", "right", "right", "right"] as const;
  return formatTable(METRICS_HEADER, metricsRows(comparison, { errors: false }), { align, maxWidth: WIDTH });
}

/** A blank line before a block that has lines; nothing for an empty one. */
function paragraph(lines: string[]): string[] {
  return lines.length === 0 ? [] : ["", ...lines];
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${formatCount(count)} ${count === 1 ? word : many}`;
}
