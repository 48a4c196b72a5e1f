import { compareItemIds } from "../item-id-order.js";
import type { Annotation } from "../model/annotation.js";
import { excerpt } from "../report/excerpt.js";
import { formatTable } from "../report/format-table.js";
import { formatCount } from "../stats.js";
import type { AnnotationSummary } from "./summarize-annotations.js";

/** Labels named in one summary cell; the rest are counted. */
const LABELS_SHOWN = 4;
const LABELS_SHOWN_COMPACT = 2;
/** A label is cut to this many characters in a summary cell (labels may be 1,000 long). */
const LABEL_KEPT = 24;

/**
 * A metric as people write one: up to three decimals with thousands separators ("0.825",
 * "1,234.5"); a value that would round to 0 keeps three significant digits ("0.000125").
 */
export function formatAnnotationNumber(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.0005) return String(Number(value.toPrecision(3)));
  return value.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

/** One annotation's value as text: a metric's number, a label as written. */
export function annotationValueText(annotation: Pick<Annotation, "kind" | "value">): string {
  return typeof annotation.value === "number" ? formatAnnotationNumber(annotation.value) : annotation.value;
}

/**
 * "mean 0.82 · min 0.1 · max 1" for a metric; "good 30 · rude 6 · … 2 more" for labels.
 * `compact` (a comparison's narrower cells): the mean alone, and fewer labels.
 */
export function describeAnnotationSummary(summary: AnnotationSummary, options: { compact?: boolean } = {}): string {
  const compact = options.compact === true;
  if (summary.kind === "metric") {
    const parts = [`mean ${formatAnnotationNumber(summary.mean ?? 0)}`];
    if (summary.count > 1 && !compact) parts.push(`min ${formatAnnotationNumber(summary.min ?? 0)}`, `max ${formatAnnotationNumber(summary.max ?? 0)}`);
    return parts.join(" · ");
  }
  const labels = summary.labels ?? [];
  const shown = labels.slice(0, compact ? LABELS_SHOWN_COMPACT : LABELS_SHOWN).map(({ label, count }) => `${excerpt(label, LABEL_KEPT)} ${formatCount(count)}`);
  const hidden = labels.length - shown.length;
  return [...shown, ...(hidden > 0 ? [`… ${formatCount(hidden)} more`] : [])].join(" · ");
}

/**
 * `runs show`: one row per annotation name and kind, after the scorer table. Nothing when the run
 * has no annotations. Annotations are people's judgements: they never change a status or verdict.
 */
export function annotationSummaryLines(summaries: readonly AnnotationSummary[], width = 80): string[] {
  if (summaries.length === 0) return [];
  const rows = summaries.map((summary) => [summary.name, summary.kind, formatCount(summary.count), describeAnnotationSummary(summary)]);
  return [formatTable(["annotation", "kind", "items", "summary"], rows, { align: ["left", "left", "right", "left"], maxWidth: width, giveWay: [3, 0] })];
}

/** One run's annotations in a comparison: a column title (e.g. "baseline") and its summaries. */
export interface AnnotationColumn {
  title: string;
  summaries: readonly AnnotationSummary[];
}

/**
 * Comparisons: one row per annotation name (and kind, when a name is both) found in any run, a
 * column per run with its summary: "mean 0.82 (n=40)" for a metric, the label counts for labels;
 * "—" where a run has none. Nothing when no run has any.
 */
export function annotationComparisonLines(columns: readonly AnnotationColumn[], width = 80): string[] {
  const keys = new Map<string, Pick<AnnotationSummary, "name" | "kind">>();
  for (const column of columns) for (const summary of column.summaries) keys.set(keyOf(summary), { name: summary.name, kind: summary.kind });
  if (keys.size === 0) return [];
  // As summarizeAnnotations orders them: by name in code point order, a metric before a label.
  const ordered = [...keys.values()].sort((a, b) => compareItemIds(a.name, b.name) || (a.kind === b.kind ? 0 : a.kind === "metric" ? -1 : 1));
  const bothKinds = new Set(ordered.filter((key, index) => ordered[index - 1]?.name === key.name).map((key) => key.name));
  const rows = ordered.map((key) => [
    bothKinds.has(key.name) ? `${key.name} (${key.kind})` : key.name,
    ...columns.map((column) => {
      const summary = column.summaries.find((candidate) => keyOf(candidate) === keyOf(key));
      if (summary === undefined) return "—";
      const text = describeAnnotationSummary(summary, { compact: true });
      // Label counts add up to the items; a mean needs its n.
      return summary.kind === "metric" ? `${text} (n=${formatCount(summary.count)})` : text;
    }),
  ]);
  const header = ["annotation", ...columns.map((column) => column.title)];
  return [formatTable(header, rows, { maxWidth: width })];
}

function keyOf(summary: Pick<AnnotationSummary, "name" | "kind">): string {
  return `${summary.kind}\u0000${summary.name}`;
}
