import { markdownTable } from "markdown-table";
import type { Comparison } from "../comparison.js";
import type { RunSummary } from "../model/run.js";
import { formatCount, formatPercent, formatScore } from "../stats.js";
import { escapeMarkdown } from "./escape-markdown.js";
import { METRICS_HEADER, metricsRows } from "./metrics-rows.js";

/** Options for markdown-table: unpadded cells keep a 65,536-character comment for the data. */
export const MARKDOWN_TABLE = { alignDelimiters: false } as const;

/** Dataset, model or user text made inert for GitHub Markdown, cut to `maxLength` code points. */
export function md(text: string, maxLength = 200): string {
  return escapeMarkdown(text, { maxLength });
}

/** "1 regression", "3 regressions", "2 fixes". */
export function countOf(value: number, one: string, many = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}

export function orDash(value: number | null | undefined, format: (value: number) => string): string {
  return value === undefined || value === null ? "—" : format(value);
}

/**
 * One run's scorers: mean, pass rate and errors; at most `maxRows` rows, the rest counted. Pass
 * rates are shown `against` the gate's thresholds (fractions), so none reads as one it is not.
 */
export function runScorerTable(summary: RunSummary, maxRows = Number.POSITIVE_INFINITY, thresholds: readonly number[] = []): string {
  if (summary.scorers.length === 0) return "";
  const shown = summary.scorers.slice(0, maxRows);
  const rows = shown.map((scorer) => [
    md(scorer.scorer),
    formatScore(scorer.mean),
    formatPercent(scorer.pass_rate, { against: thresholds }),
    formatCount(scorer.errors),
  ]);
  const table = markdownTable([["scorer", "mean", "pass rate", "errors"], ...rows], {
    ...MARKDOWN_TABLE,
    align: ["l", "r", "r", "r"],
  });
  return withHiddenRows(table, summary.scorers.length - shown.length);
}

/** A table followed by "… and N more scorers" when rows were left out. */
export function withHiddenRows(table: string, hidden: number): string {
  return hidden > 0 ? `${table}\n\n… and ${countOf(hidden, "more scorer")}.` : table;
}

/** Errors, latency, tokens and cost of both runs over the shared items, with deltas. */
export function metricsComparisonTable(comparison: Comparison): string {
  return markdownTable([METRICS_HEADER, ...metricsRows(comparison, { errors: true })], { ...MARKDOWN_TABLE, align: ["l", "r", "r", "r"] });
}
