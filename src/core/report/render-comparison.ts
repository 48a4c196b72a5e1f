import { annotationComparisonLines } from "../annotations/render-annotation-summary.js";
import type { AnnotationSummary } from "../annotations/summarize-annotations.js";
import type {
  ComparedRun,
  Comparison,
  FlippedItem,
  FlippedList,
  IdList,
} from "../comparison.js";
import { passRateThresholds, type GateVerdict } from "../gate.js";
import { formatCount, formatPercent, formatScore, type PercentOptions } from "../stats.js";
import { displayWidth } from "./display-width.js";
import { excerpt, oneLine } from "./excerpt.js";
import { fitLines } from "./fit-lines.js";
import { flakyFlipMovement, flipMovement } from "./flip-movement.js";
import { formatTable } from "./format-table.js";
import { metricsTable } from "./metrics-rows.js";
import { passRateHeadline } from "./pass-rate-headline.js";
import { renderVerdictLines } from "./render-verdict.js";
import { deltaWithInterval, scorerPValue, scorerVerdictText } from "./scorer-statistic-text.js";
import { wrapText } from "./wrap-text.js";

const WIDTH = 80;
// Scorer names are recognizable cut to this many columns.
const NAME_KEPT = 12;

export interface RenderComparisonOptions {
  /** Flipped items printed in full per kind; the rest are counted. Default 20. */
  maxFlippedShown?: number;
  /** The variant overrides that differ between the two runs (core/stored-variants.ts `overrideChanges`). */
  overrideChanges?: readonly string[];
  /** Each run's annotations (`summarizeAnnotations`), shown after the scorers; nothing when neither has any. */
  annotations?: { baseline: readonly AnnotationSummary[]; candidate: readonly AnnotationSummary[] };
}

/**
 * A comparison for an 80-column terminal, most important first: the pass-rate headline (with
 * intervals, the paired test and what the dataset can detect) and the flip counts, the scorer
 * table with each scorer's test and each run's annotations, then the flipped items with their
 * reasons, the flaky items apart from them, then the costs and the verdict.
 */
export function renderComparison(
  comparison: Comparison,
  verdict?: GateVerdict,
  options: RenderComparisonOptions = {},
): string {
  const shown = options.maxFlippedShown ?? 20;
  const against = { against: passRateThresholds(verdict) };
  const lines = [
    `Comparison of ${oneLine(comparison.candidate.experiment)}`,
    `  baseline    ${runLine(comparison.baseline)}`,
    `  candidate   ${runLine(comparison.candidate)}`,
    `  experiment  ${versions(comparison.baseline.experiment_version, comparison.candidate.experiment_version)}`,
    `  dataset     ${versions(comparison.baseline.dataset_version, comparison.candidate.dataset_version)}`,
    ...(options.overrideChanges ?? []).map((change, index) => `  ${index === 0 ? "overrides " : "          "}  ${excerpt(change, WIDTH - 14)}`),
    "",
    // "p = 0.039" and "≥ 24 pp" read as one value: never split across lines.
    ...wrapText(passRateHeadline(comparison, against.against), WIDTH, "", "  ", /p = \S+|≥ \S+ pp/g),
    flipCounts(comparison),
    ...(comparison.dataset_note !== undefined ? ["", ...wrapText(`Note: ${comparison.dataset_note}`, WIDTH)] : []),
    ...paragraph([
      ...oneSidedLines("only in the baseline", comparison.items.only_baseline),
      ...oneSidedLines("only in the candidate", comparison.items.only_candidate),
    ]),
    ...scorerLines(comparison, against),
    ...paragraph(annotationLines(options.annotations)),
    ...flippedLines("Regressions", "passed in the baseline, not in the candidate", comparison.regressions, shown),
    ...flippedLines("Fixes", "not passed in the baseline, passed in the candidate", comparison.fixes, shown),
    ...flakyLines(comparison, shown),
    ...errorLines(comparison),
    ...paragraph(metricsLines(comparison, verdict)),
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
  const flaky = comparison.flaky_items.count;
  return [
    plural(comparison.regressions.count, "regression"),
    plural(comparison.fixes.count, "fix", "fixes"),
    plural(newErrors, "new error"),
    ...(flaky > 0 ? [plural(flaky, "flaky item")] : []),
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

/**
 * Per scorer: the means, the change with its 95 % interval, p and the scorer's verdict; the pass
 * rates too when the table still fits the terminal with them.
 */
function scorerLines(comparison: Comparison, against: PercentOptions): string[] {
  const { scorers, statistics } = comparison;
  const percent = (rate: number) => formatPercent(rate, against);
  if (scorers.length === 0) return [];
  const rows = scorers.map((scorer) => [
    scorer.scorer,
    `${side(scorer.baseline?.mean, formatScore)} → ${side(scorer.candidate?.mean, formatScore)}`,
    scorer.statistic === null ? "—" : deltaWithInterval(scorer.statistic),
    scorerPValue(scorer.statistic, statistics.alpha),
    scorerVerdictText(scorer),
    `${side(scorer.baseline?.pass_rate, percent)} → ${side(scorer.candidate?.pass_rate, percent)}`,
  ]);
  const header = ["scorer", "mean", "Δ mean [95% CI]", "p", "verdict", "pass rate"];
  const align = ["left", "right", "right", "right", "left", "right"] as const;
  // The pass rates come last and go first: they are shown when every other column fits whole
  // beside scorer names of at least NAME_KEPT columns.
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => displayWidth(row[column] ?? ""))));
  const needed = Math.min(widths[0] ?? 0, NAME_KEPT) + widths.slice(1).reduce((sum, width) => sum + width + 2, 0);
  const shownColumns = needed <= WIDTH ? header.length : header.length - 1;
  // A long scorer name is cut, never a number.
  const table = formatTable(
    header.slice(0, shownColumns),
    rows.map((row) => row.slice(0, shownColumns)),
    { align, maxWidth: WIDTH, shrink: 0 },
  );
  return ["", table];
}

function annotationLines(annotations: RenderComparisonOptions["annotations"]): string[] {
  if (annotations === undefined) return [];
  return annotationComparisonLines(
    [
      { title: "baseline", summaries: annotations.baseline },
      { title: "candidate", summaries: annotations.candidate },
    ],
    WIDTH,
  );
}

function side(value: number | undefined, format: (value: number) => string): string {
  return value === undefined ? "—" : format(value);
}

function flippedLines(title: string, meaning: string, list: FlippedList, shown: number): string[] {
  if (list.count === 0) return [];
  return ["", ...wrapText(`${title} (${formatCount(list.count)}): ${meaning}`, WIDTH, "", "  "), ...itemsLines(list, shown, flipMovement)];
}

/**
 * Flaky items in a block of their own, never among regressions or fixes: their count, then the
 * flips among them, each read by its repeats ("passed 2 of 5 → 4 of 5").
 */
function flakyLines(comparison: Comparison, shown: number): string[] {
  const { flaky, flaky_items: flakyItems } = comparison;
  if (flakyItems.count === 0 && flaky.count === 0) return [];
  const title =
    `Flaky items (${formatCount(flakyItems.count)}, ${formatCount(flaky.count)} flipped): repeats both passed ` +
    "and failed, so their flips are neither regressions nor fixes";
  return ["", ...wrapText(title, WIDTH, "", "  "), ...itemsLines(flaky, shown, flakyFlipMovement)];
}

function itemsLines(list: FlippedList, shown: number, movement: (item: FlippedItem) => string): string[] {
  const lines = list.items.slice(0, shown).flatMap((item) => flippedItemLines(item, movement(item)));
  const hidden = list.count - Math.min(shown, list.items.length);
  if (hidden > 0) lines.push(`  … and ${formatCount(hidden)} more`);
  return lines;
}

function flippedItemLines(item: FlippedItem, movement: string): string[] {
  const lines = [`  ${oneLine(item.item_id)}  ${movement}  (run item ${item.run_item_id})`];
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

/** Latency, tokens and cost with deltas and budgets; nothing when no run reports any of them. */
function metricsLines(comparison: Comparison, verdict: GateVerdict | undefined): string[] {
  const { header, rows } = metricsTable(comparison, { errors: false, verdict });
  if (rows.length === 0) return [];
  const align = ["left", "right", "right", "right", "right"] as const;
  return [formatTable(header, rows, { align, maxWidth: WIDTH })];
}

/** A blank line before a block that has lines; nothing for an empty one. */
function paragraph(lines: string[]): string[] {
  return lines.length === 0 ? [] : ["", ...lines];
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${formatCount(count)} ${count === 1 ? word : many}`;
}
