import type { Annotation } from "../../model/annotation.js";
import { formatCount } from "../../stats.js";
import type { ReportTable } from "./report-data.js";
import { shownText } from "./shown-text.js";

/** Label values listed per annotation name; the rest are counted. */
const SHOWN_LABELS = 5;

/**
 * A run's annotations per name: how many items carry it, and for a metric its mean and range,
 * for a label its most frequent values. Undefined when the run has none.
 */
export function annotationTable(runName: string, annotations: readonly Annotation[]): ReportTable | undefined {
  if (annotations.length === 0) return undefined;
  const byName = new Map<string, Annotation[]>();
  for (const annotation of annotations) {
    const list = byName.get(annotation.name);
    if (list === undefined) byName.set(annotation.name, [annotation]);
    else list.push(annotation);
  }
  const names = [...byName.keys()].sort();
  return {
    caption: `Annotations, ${runName}`,
    header: ["name", "kind", "items", "values"],
    rows: names.map((name) => {
      const list = byName.get(name)!;
      const metrics = list.flatMap((annotation) => (typeof annotation.value === "number" ? [annotation.value] : []));
      const labels = list.flatMap((annotation) => (typeof annotation.value === "string" ? [annotation.value] : []));
      const kinds = [...new Set(list.map((annotation) => annotation.kind))].join(", ");
      const values = [metrics.length > 0 ? metricText(metrics) : "", labels.length > 0 ? labelText(labels) : ""];
      return [plain(name), kinds, formatCount(list.length), values.filter((text) => text !== "").join(" · ")];
    }),
    numeric: [false, false, true, false],
    emphasized: [],
  };
}

/** "mean 3.4 · min 1 · max 5" */
function metricText(values: readonly number[]): string {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  return `mean ${number(sum / values.length)} · min ${number(min)} · max ${number(max)}`;
}

/** "good ×12 · bad ×3 · 2 other values", the most frequent first, ties in code point order. */
function labelText(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const ranked = [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
  const shown = ranked.slice(0, SHOWN_LABELS).map(([value, count]) => `${plain(value)} ×${formatCount(count)}`);
  const rest = ranked.length - SHOWN_LABELS;
  return [...shown, ...(rest > 0 ? [`${formatCount(rest)} other ${rest === 1 ? "value" : "values"}`] : [])].join(" · ");
}

/** At most three decimals, no trailing zeros: 3.4, 0.125, 12. */
function number(value: number): string {
  return String(Number(value.toFixed(3)));
}

function plain(text: string): string {
  return shownText(text, Number.POSITIVE_INFINITY)!.text;
}
