import { flipKind } from "../../flipped-item.js";
import { compareItemIds } from "../../item-id-order.js";
import type { Annotation } from "../../model/annotation.js";
import type { RunItem, Score } from "../../model/run-item.js";
import { isFlaky, repeatCounts } from "../../repeats/repeat-counts.js";
import { formatMs, formatScore } from "../../stats.js";
import { createDiffBudget, type DiffBudget } from "./diff-budget.js";
import type { HtmlReportRun } from "./html-report-input.js";
import type { ItemTag, ReportAnnotation, ReportItem, ReportRunCell, ReportScore } from "./report-data.js";
import { EVIDENCE_LIMIT, shownText } from "./shown-text.js";

/**
 * Every item of any run, in item id order (code point order, as stores stream them), with its
 * cell in each run and its tags. A regression or fix is an item that flipped between the baseline
 * (run 1) and a later run by `flipKind`, unless it is flaky in either (then it is flaky only):
 * the rule of compareRuns, so a two-run report counts what `runs compare` counts. Outputs that
 * differ from the baseline's are diffed word by word, flipped items first.
 */
export function reportItems(runs: readonly HtmlReportRun[], diffs: DiffBudget = createDiffBudget()): ReportItem[] {
  const byRun = runs.map(({ items }) => new Map(items.map((item) => [item.item_id, item])));
  const annotationsByRun = runs.map(({ annotations }) => annotationsByItem(annotations));
  const ids = [...new Set(byRun.flatMap((items) => [...items.keys()]))].sort(compareItemIds);
  const items = ids.map((id) => {
    const stored = byRun.map((items) => items.get(id));
    const first = stored.find((item) => item !== undefined)!;
    const input = shownText(first.input);
    const expected = shownText(first.expected);
    return {
      id,
      label: shownText(id, Number.MAX_SAFE_INTEGER)!.text,
      ...(input !== undefined ? { input } : {}),
      ...(expected !== undefined ? { expected } : {}),
      tags: itemTags(stored),
      runs: stored.map((item, index) => (item === undefined ? null : runCell(item, annotationsByRun[index]!.get(id) ?? []))),
    } satisfies ReportItem;
  });
  // Flipped items first: they are what a reviewer opens, so the budget is spent on them.
  const flipped = (item: ReportItem) => item.tags.includes("regression") || item.tags.includes("fix");
  for (const item of items) if (flipped(item)) addDiffs(item, diffs);
  for (const item of items) if (!flipped(item)) addDiffs(item, diffs);
  return items;
}

function itemTags(stored: readonly (RunItem | undefined)[]): ItemTag[] {
  const tags = new Set<ItemTag>();
  const baseline = stored[0];
  for (const candidate of stored.slice(1)) {
    if (baseline === undefined || candidate === undefined || isFlaky(baseline) || isFlaky(candidate)) continue;
    const kind = flipKind(baseline, candidate);
    if (kind !== undefined) tags.add(kind);
  }
  const present = stored.filter((item) => item !== undefined);
  if (present.some((item) => item.status === "error")) tags.add("error");
  if (present.some((item) => isFlaky(item))) tags.add("flaky");
  if (present.some((item) => item.status !== "passed")) tags.add("failed");
  const order: ItemTag[] = ["regression", "fix", "error", "flaky", "failed"];
  return order.filter((tag) => tags.has(tag));
}

function runCell(item: RunItem, annotations: readonly Annotation[]): ReportRunCell {
  const output = shownText(item.output);
  const error = shownText(item.error);
  const repeats = item.repeats === undefined ? undefined : repeatCounts(item);
  return {
    runItemId: item.id,
    status: item.status,
    ...(output !== undefined ? { output } : {}),
    ...(error !== undefined ? { error } : {}),
    latency: formatMs(item.latency_ms),
    ...(repeats !== undefined ? { repeats: `passed ${repeats.passed} of ${repeats.count}` } : {}),
    scores: item.scores.map(reportScore),
    annotations: annotations.map(reportAnnotation),
  };
}

function reportScore(score: Score): ReportScore {
  const reason = shownText(score.evidence.reason, EVIDENCE_LIMIT);
  const error = shownText(score.error, EVIDENCE_LIMIT);
  const read = shownText(score.evidence.read, EVIDENCE_LIMIT);
  const compared = shownText(score.evidence.compared, EVIDENCE_LIMIT);
  return {
    scorer: score.scorer,
    score: formatScore(score.score),
    passed: score.passed,
    ...(reason !== undefined && reason.text !== "" ? { reason } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(read !== undefined ? { read } : {}),
    ...(compared !== undefined ? { compared } : {}),
  };
}

function reportAnnotation(annotation: Annotation): ReportAnnotation {
  return {
    name: annotation.name,
    kind: annotation.kind,
    value: typeof annotation.value === "number" ? String(annotation.value) : plain(annotation.value),
    ...(annotation.note !== undefined ? { note: plain(annotation.note) } : {}),
    ...(annotation.author !== undefined ? { author: plain(annotation.author) } : {}),
  };
}

/** A short human text (within ANNOTATION_LIMITS, so never cut) with its controls made visible. */
function plain(text: string): string {
  return shownText(text, Number.POSITIVE_INFINITY)!.text;
}

function annotationsByItem(annotations: readonly Annotation[]): Map<string, Annotation[]> {
  const byItem = new Map<string, Annotation[]>();
  for (const annotation of annotations) {
    const list = byItem.get(annotation.item_id);
    if (list === undefined) byItem.set(annotation.item_id, [annotation]);
    else list.push(annotation);
  }
  return byItem;
}

function addDiffs(item: ReportItem, diffs: DiffBudget): void {
  const baseline = item.runs[0]?.output?.text;
  if (baseline === undefined) return;
  for (const cell of item.runs.slice(1)) {
    const candidate = cell?.output?.text;
    if (cell === null || cell === undefined || candidate === undefined) continue;
    const result = diffs.diff(baseline, candidate);
    if (result === undefined) continue;
    if ("diff" in result) cell.diff = result.diff;
    else cell.diffNote = result.note;
  }
}
