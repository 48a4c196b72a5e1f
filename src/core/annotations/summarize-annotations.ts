import { compareItemIds } from "../item-id-order.js";
import type { Annotation } from "../model/annotation.js";

/** How often one label was given under one annotation name. */
export interface LabelCount {
  label: string;
  count: number;
}

/**
 * What a run's annotations of one name and kind say, over its run items. A name written as a
 * metric on some items and as a label on others has one summary per kind.
 */
export interface AnnotationSummary {
  name: string;
  kind: Annotation["kind"];
  /** Run items annotated (one annotation per run item and name). */
  count: number;
  /** Metrics only: the mean, smallest and largest value. */
  mean?: number;
  min?: number;
  max?: number;
  /** Labels only: every label with its count, most frequent first, ties in code point order. */
  labels?: LabelCount[];
}

/**
 * Summarizes annotations per (name, kind), ordered by name in code point order, a metric before
 * a label of the same name. Pure: the CLI, the comparison, exports and the HTML report share it.
 */
export function summarizeAnnotations(annotations: readonly Annotation[]): AnnotationSummary[] {
  const groups = new Map<string, Annotation[]>();
  for (const annotation of annotations) {
    const key = `${annotation.kind}\u0000${annotation.name}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [annotation]);
    else group.push(annotation);
  }
  const summaries = [...groups.values()].map((group) => summarizeGroup(group));
  return summaries.sort((a, b) => compareItemIds(a.name, b.name) || (a.kind === b.kind ? 0 : a.kind === "metric" ? -1 : 1));
}

function summarizeGroup(group: readonly Annotation[]): AnnotationSummary {
  const [first] = group as [Annotation, ...Annotation[]];
  const base = { name: first.name, kind: first.kind, count: group.length };
  if (first.kind === "metric") {
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    // A loop, not Math.min(...values): a spread of 100,000 arguments overflows the stack.
    for (const annotation of group) {
      const value = Number(annotation.value);
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return { ...base, mean: sum / group.length, min, max };
  }
  const counts = new Map<string, number>();
  for (const annotation of group) counts.set(String(annotation.value), (counts.get(String(annotation.value)) ?? 0) + 1);
  const labels = [...counts].map(([label, count]) => ({ label, count }));
  labels.sort((a, b) => b.count - a.count || compareItemIds(a.label, b.label));
  return { ...base, labels };
}

/**
 * A run's annotations by run item id, each item's in the order given (runAnnotations orders them
 * by name): for views that show annotations beside an item's scores.
 */
export function annotationsByRunItem(annotations: readonly Annotation[]): Map<string, Annotation[]> {
  const byItem = new Map<string, Annotation[]>();
  for (const annotation of annotations) {
    const list = byItem.get(annotation.run_item_id);
    if (list === undefined) byItem.set(annotation.run_item_id, [annotation]);
    else list.push(annotation);
  }
  return byItem;
}
