import { markdownTable } from "markdown-table";
import type { Comparison } from "../comparison.js";
import type { GateVerdict } from "../gate.js";
import type { RunSummary } from "../model/run.js";
import { formatCount, formatPercent } from "../stats.js";
import { escapeMarkdown } from "./escape-markdown.js";
import { metricsTable } from "./metrics-rows.js";
import { meanWithSpread } from "./scorer-statistic-text.js";

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
 * One run's scorers: mean (± 1.96 standard errors when known), pass rate and errors; at most `maxRows` rows, the rest counted. Pass
 * rates are shown `against` the gate's thresholds (fractions), so none reads as one it is not.
 */
export function runScorerTable(summary: RunSummary, maxRows = Number.POSITIVE_INFINITY, thresholds: readonly number[] = []): string {
  if (summary.scorers.length === 0) return "";
  const shown = summary.scorers.slice(0, maxRows);
  const rows = shown.map((scorer) => [
    md(scorer.scorer),
    meanWithSpread(scorer.mean, scorer.se),
    formatPercent(scorer.pass_rate, { against: thresholds }),
    formatCount(scorer.errors),
  ]);
  const table = markdownTable([["scorer", "mean (±95%)", "pass rate", "errors"], ...rows], {
    ...MARKDOWN_TABLE,
    align: ["l", "r", "r", "r"],
  });
  return withHiddenRows(table, summary.scorers.length - shown.length);
}

/** A table followed by "… and N more scorers" when rows were left out. */
export function withHiddenRows(table: string, hidden: number): string {
  return hidden > 0 ? `${table}\n\n… and ${countOf(hidden, "more scorer")}.` : table;
}

/**
 * Errors, latency, tokens and cost of both runs over the shared items, with deltas; rows no run
 * has data for left out, and the gate's budgets beside their metrics (metrics-rows.ts).
 */
export function metricsComparisonTable(comparison: Comparison, verdict?: GateVerdict): string {
  const { header, rows } = metricsTable(comparison, { errors: true, verdict });
  return markdownTable([header, ...rows], { ...MARKDOWN_TABLE, align: ["l", "r", "r", "r", "r"] });
}
