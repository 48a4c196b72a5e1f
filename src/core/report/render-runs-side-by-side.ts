import type { ManyRunsComparison, SideBySideRun } from "../compare-many-runs.js";
import type { RunItemStatus } from "../model/run-item.js";
import { formatCost, formatCount, formatMs } from "../stats.js";
import { displayWidth, truncateToWidth } from "./display-width.js";
import { oneLine } from "./excerpt.js";
import { fitLines } from "./fit-lines.js";
import { formatTable, type ColumnAlign } from "./format-table.js";
import { summaryPassRate } from "./pass-rate-headline.js";
import { meanWithSpread } from "./scorer-statistic-text.js";
import { wrapText } from "./wrap-text.js";

export interface RunsSideBySideOptions {
  /** Terminal columns; default 80. */
  width?: number;
  /** Differing items shown in the matrix; the rest are counted. Default 20. */
  maxItemsShown?: number;
  /** Pass-rate thresholds (fractions) the runs were judged against: no rate is shown rounded onto one. */
  thresholds?: readonly number[];
}

/** Each run's column letter, in the order the runs were named. */
const LETTERS = ["A", "B", "C", "D"] as const;

const MARKS: Record<RunItemStatus, string> = { passed: "✓", failed: "✗", error: "!" };
const ABSENT = "–";

/**
 * 2 to 4 runs for a terminal (core/compare-many-runs.ts): a legend of the runs, one table with a
 * column per run (items, pass rate ± the half-width of its 95 % interval, each scorer's mean ±
 * 1.96 standard errors, errors, flaky items, latency p50/p95, tokens, cost; a metric no run
 * reports left out), then the items whose status differs, item × run.
 */
export function renderRunsSideBySide(comparison: ManyRunsComparison, options: RunsSideBySideOptions = {}): string {
  const width = options.width ?? 80;
  const { runs } = comparison;
  const experiments = new Set(runs.map((run) => run.experiment));
  const versions = new Set(runs.map((run) => run.dataset_version));
  const lines = [
    experiments.size === 1 ? `Runs of ${oneLine(runs[0]?.experiment ?? "")}, side by side` : "Runs side by side",
    ...runs.map((run, index) => `  ${LETTERS[index]}  ${legendText(run, experiments.size > 1)}`),
    ...(versions.size > 1
      ? ["", ...wrapText(`Note: the runs cover different dataset versions (${[...versions].join(", ")}): compare with care.`, width)]
      : []),
    "",
    summaryTable(runs, width, options.thresholds ?? []),
    "",
    ...differingLines(comparison, width, options.maxItemsShown ?? 20),
  ];
  return fitLines(lines, width);
}

function legendText(run: SideBySideRun, withExperiment: boolean): string {
  const parts = [
    run.run_id,
    ...(run.label !== undefined ? [oneLine(run.label)] : []),
    ...(run.variant !== undefined ? [`variant ${oneLine(run.variant)}`] : []),
    ...(withExperiment ? [`experiment ${oneLine(run.experiment)}`] : []),
    `dataset ${run.dataset_version}`,
  ];
  return parts.join(" · ");
}

type Row = [label: string, ...cells: string[]];

function summaryTable(runs: readonly SideBySideRun[], width: number, thresholds: readonly number[]): string {
  const summaries = runs.map((run) => run.summary);
  const scorers = [...new Set(summaries.flatMap((summary) => summary.scorers.map((scorer) => scorer.scorer)))];
  const anyOf = (value: (summary: SideBySideRun["summary"]) => number) => summaries.some((summary) => value(summary) !== 0);
  const rows: Row[] = [
    ["items", ...summaries.map((summary) => formatCount(summary.total))],
    ["pass rate", ...summaries.map((summary) => summaryPassRate(summary, thresholds))],
    ...scorers.map((name): Row => [
      `${name} mean`,
      ...summaries.map((summary) => {
        const scorer = summary.scorers.find((candidate) => candidate.scorer === name);
        return scorer === undefined ? "—" : meanWithSpread(scorer.mean, scorer.se);
      }),
    ]),
    ["errors", ...summaries.map((summary) => formatCount(summary.errors))],
    ...(summaries.some((summary) => summary.flaky !== undefined)
      ? [["flaky", ...summaries.map((summary) => (summary.flaky === undefined ? "—" : formatCount(summary.flaky)))] as Row]
      : []),
    // A metric every run reports as 0 is one no target reports: no data, so no row.
    ...(anyOf((summary) => summary.latency_ms.p95)
      ? [
          ["latency p50", ...summaries.map((summary) => formatMs(summary.latency_ms.p50))] as Row,
          ["latency p95", ...summaries.map((summary) => formatMs(summary.latency_ms.p95))] as Row,
        ]
      : []),
    ...(anyOf((summary) => summary.tokens.total) ? [["tokens", ...summaries.map((summary) => formatCount(summary.tokens.total))] as Row] : []),
    ...(anyOf((summary) => summary.cost) ? [["cost", ...summaries.map((summary) => formatCost(summary.cost))] as Row] : []),
  ];
  const header = ["", ...runs.map((run, index) => columnHeader(run, index, rows))];
  const align = header.map((_, column): ColumnAlign => (column === 0 ? "left" : "right"));
  // Only the row labels (scorer names) are cut: a number cut short would mislead.
  return formatTable(header, rows, { align, maxWidth: width, shrink: 0 });
}

/** "A main": the run's letter and label (else variant), no wider than the column's values. */
function columnHeader(run: SideBySideRun, index: number, rows: readonly Row[]): string {
  const letter = LETTERS[index] ?? String(index + 1);
  const name = run.label ?? run.variant;
  if (name === undefined) return letter;
  const widest = Math.max(6, ...rows.map((row) => displayWidth(row[index + 1] ?? "")));
  return truncateToWidth(`${letter} ${oneLine(name)}`, widest);
}

function differingLines(comparison: ManyRunsComparison, width: number, maxShown: number): string[] {
  const { count, items } = comparison.differing_items;
  if (count === 0) return ["Every item has the same status in every run."];
  const shown = items.slice(0, maxShown);
  const header = ["item", ...comparison.runs.map((_, index) => LETTERS[index] ?? String(index + 1))];
  const rows = shown.map((item) => [oneLine(item.item_id), ...item.statuses.map((status) => (status === null ? ABSENT : MARKS[status]))]);
  const hidden = count - shown.length;
  return [
    ...wrapText(`Items whose status differs (${formatCount(count)}): ✓ passed · ✗ failed · ! error · ${ABSENT} absent`, width),
    "",
    formatTable(header, rows, { maxWidth: width, shrink: 0 }),
    ...(hidden > 0 ? [`… and ${formatCount(hidden)} more`] : []),
  ];
}
